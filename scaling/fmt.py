"""Numbers for human readers: "7B parameters", "1.4T tokens", "3.2 × 10²² FLOPs", never e-notation.

Every number the book shows in prose or in a table goes through these functions (glue the
formatted string, or format a DataFrame with :func:`frame`); the CLI's ``--json`` keeps raw
floats. Each function takes a number and returns a ``str``; given a list or array it returns a
list of strings. A missing value (NaN or ``None``) prints as an em dash.
"""

from __future__ import annotations

import math
import numbers

import numpy as np
import pandas as pd

MISSING = "—"
"""What a missing value (NaN, ``None``) prints as."""

MINUS = "−"
"""The typographic minus sign (U+2212) used for negative numbers."""

_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SUFFIXES = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K"))
_BYTE_UNITS = ((1e15, "PB"), (1e12, "TB"), (1e9, "GB"), (1e6, "MB"), (1e3, "kB"))


def _vectorize(func):
    """Let ``func(x, ...)`` take a list or array of numbers and return a list of strings."""

    def wrapper(x, *args, **kwargs):
        if isinstance(x, (list, tuple, np.ndarray, pd.Series, pd.Index)):
            return [
                func(v, *args, **kwargs) for v in np.asarray(x, dtype=object).ravel()
            ]
        return func(x, *args, **kwargs)

    wrapper.__name__, wrapper.__qualname__ = func.__name__, func.__qualname__
    wrapper.__doc__, wrapper.__module__ = func.__doc__, func.__module__
    return wrapper


def _value(x, name: str = "x") -> float | None:
    """``x`` as a float, ``None`` when missing; ``TypeError`` for what is not a number."""
    if x is None:
        return None
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"{name} must be a real number, got {type(x).__name__}")
    value = float(x)
    if math.isnan(value):
        return None
    if math.isinf(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return value


def _digits(digits, name: str = "digits") -> int:
    if isinstance(digits, bool) or not isinstance(digits, numbers.Integral):
        raise TypeError(f"{name} must be an integer, got {type(digits).__name__}")
    if not 1 <= digits <= 15:
        raise ValueError(f"{name} must be between 1 and 15, got {digits}")
    return int(digits)


def _sign(value: float) -> str:
    return MINUS if value < 0 else ""


def _significant(value: float, digits: int) -> str:
    """``value`` (non-negative, below 10**15) to ``digits`` significant figures, no exponent."""
    if value == 0:
        return "0"
    decimals = max(0, digits - 1 - math.floor(math.log10(value)))
    text = f"{value:,.{decimals}f}"
    rounded = float(text.replace(",", ""))
    if rounded and math.floor(math.log10(rounded)) != math.floor(math.log10(value)):
        decimals = max(
            0, decimals - 1
        )  # 9.96 -> 10.0 gained a digit; keep `digits` of them
        text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


@_vectorize
def sci(x, digits: int = 2, unit: str = "") -> str:
    """Scientific notation with a real exponent: ``3.2 × 10²²``; plain when the exponent is 0.

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Significant figures of the mantissa (trailing zeros dropped).
    unit : str
        Appended after a space, e.g. ``"FLOPs"``.

    Returns
    -------
    str

    References
    ----------
    ISO 80000-1 (multiplication sign and powers of ten); DEVELOPERS.md, "The page a reader sees".

    Examples
    --------
    >>> sci(3.16e22)
    '3.2 × 10²²'
    >>> sci(5.76e23, 3, "FLOPs")
    '5.76 × 10²³ FLOPs'
    >>> sci(1e-3)
    '1 × 10⁻³'
    >>> sci(-2.5)
    '−2.5'
    >>> sci(9.99e22)
    '1 × 10²³'
    """
    value, digits = _value(x), _digits(digits)
    if value is None:
        return MISSING
    suffix = f" {unit}" if unit else ""
    if value == 0:
        return f"0{suffix}"
    mantissa, exponent = f"{abs(value):.{digits - 1}e}".split("e")
    if "." in mantissa:
        mantissa = mantissa.rstrip("0").rstrip(".")
    power = int(exponent)
    body = (
        mantissa
        if power == 0
        else f"{mantissa} × 10{str(power).translate(_SUPERSCRIPTS)}"
    )
    return f"{_sign(value)}{body}{suffix}"


@_vectorize
def count(x, digits: int = 3, unit: str = "") -> str:
    """A count with a K/M/B/T suffix: ``7B``, ``1.4T``, ``203B tokens``; powers of ten from 10¹⁵.

    Parameters
    ----------
    x : float
        A number of parameters, tokens, GPUs, ...
    digits : int
        Significant figures (trailing zeros dropped).
    unit : str
        Appended after a space, e.g. ``"tokens"``.

    Returns
    -------
    str

    References
    ----------
    The usage of the model reports: "7B parameters" (Touvron et al. 2023), "1.4T tokens"
    (Hoffmann et al. 2022, Table 1).

    Examples
    --------
    >>> count(7e9)
    '7B'
    >>> count(1.4e12, unit="tokens")
    '1.4T tokens'
    >>> count(2.03e11, unit="tokens")
    '203B tokens'
    >>> count(999.7e9)
    '1T'
    >>> count(768)
    '768'
    >>> count(2.5e4)
    '25K'
    >>> count(3.2e16)
    '3.2 × 10¹⁶'
    """
    value, digits = _value(x), _digits(digits)
    if value is None:
        return MISSING
    suffix = f" {unit}" if unit else ""
    magnitude = abs(value)
    if magnitude >= 999.5e12:
        return sci(value, min(digits, 3), unit)
    for scale, letter in _SUFFIXES:
        if magnitude >= scale * (1 - 0.5 * 10.0**-digits):
            text = _significant(magnitude / scale, digits)
            if float(text.replace(",", "")) >= 1000 and letter != "T":
                continue  # 999.7 M rounds to 1,000 M: say 1B instead
            return f"{_sign(value)}{text}{letter}{suffix}"
    return f"{_sign(value)}{_significant(magnitude, digits)}{suffix}"


@_vectorize
def number(x, digits: int = 3, unit: str = "") -> str:
    """A plain number for prose: ``45,102``, ``1.5``, ``0.0345``; ``× 10ⁿ`` only when far from 1.

    Integer parts are never rounded away (a number of 1,000 or more keeps all its integer
    digits, with thousands separators); below 1,000, ``digits`` significant figures are shown.
    Below 10⁻³ or from 10¹⁵ on, the number is written with :func:`sci`.

    Parameters
    ----------
    x : float
        The number.
    digits : int
        Significant figures for numbers below 1,000.
    unit : str
        Appended after a space.

    Returns
    -------
    str

    References
    ----------
    DEVELOPERS.md, "The page a reader sees": no e-notation in prose or tables.

    Examples
    --------
    >>> number(45102.3)
    '45,102'
    >>> number(1.5)
    '1.5'
    >>> number(0.034512)
    '0.0345'
    >>> number(-0.5, unit="nats")
    '−0.5 nats'
    >>> number(2e-6)
    '2 × 10⁻⁶'
    """
    value, digits = _value(x), _digits(digits)
    if value is None:
        return MISSING
    suffix = f" {unit}" if unit else ""
    magnitude = abs(value)
    if magnitude and (magnitude < 1e-3 or magnitude >= 1e15):
        return sci(value, digits, unit)
    if magnitude >= 1000:
        return f"{_sign(value)}{magnitude:,.0f}{suffix}"
    return f"{_sign(value)}{_significant(magnitude, digits)}{suffix}"


@_vectorize
def fixed(x, decimals: int = 2, unit: str = "", signed: bool = False) -> str:
    """A number with a fixed count of decimals, e.g. a loss: ``1.694``, ``+0.12``.

    Parameters
    ----------
    x : float
        The number.
    decimals : int
        Digits after the decimal point (0 to 15).
    unit : str
        Appended after a space.
    signed : bool
        Write a ``+`` before positive numbers.

    Returns
    -------
    str

    References
    ----------
    DEVELOPERS.md, "Determinism": print rounded numbers.

    Examples
    --------
    >>> fixed(1.69352, 3)
    '1.694'
    >>> fixed(0.1234, 2, signed=True)
    '+0.12'
    >>> fixed(-1234.5, 1, unit="s")
    '−1,234.5 s'
    """
    value = _value(x)
    if value is None:
        return MISSING
    if (
        isinstance(decimals, bool)
        or not isinstance(decimals, numbers.Integral)
        or not 0 <= decimals <= 15
    ):
        raise ValueError(f"decimals must be an integer from 0 to 15, got {decimals!r}")
    text = f"{abs(value):,.{decimals}f}"
    is_zero = float(text.replace(",", "")) == 0
    sign = "" if is_zero else _sign(value) or ("+" if signed else "")
    return f"{sign}{text}{f' {unit}' if unit else ''}"


@_vectorize
def percent(x, digits: int = 2, signed: bool = False) -> str:
    """A fraction as a percentage: ``0.123`` -> ``12 %``; small ones keep their significant digits.

    Parameters
    ----------
    x : float
        A fraction (``0.5`` is 50 %).
    digits : int
        Significant figures of the percentage (at least its integer part is kept).
    signed : bool
        Write a ``+`` before positive values (for changes).

    Returns
    -------
    str

    References
    ----------
    SI Brochure, 9th ed., 5.4.7: a space between the number and ``%``.

    Examples
    --------
    >>> percent(0.123)
    '12 %'
    >>> percent(0.0349, 2)
    '3.5 %'
    >>> percent(-0.021, signed=True)
    '−2.1 %'
    >>> percent(1.5)
    '150 %'
    """
    value = _value(x)
    if value is None:
        return MISSING
    text = number(100 * value, digits)
    plus = "+" if signed and value > 0 and text != "0" else ""
    return f"{plus}{text} %"


@_vectorize
def flops(x, digits: int = 2) -> str:
    """Training compute: ``3.2 × 10²² FLOPs``.

    References
    ----------
    Kaplan et al. 2020, Section 2.1 (C in FLOPs).

    Examples
    --------
    >>> flops(5.76e23)
    '5.8 × 10²³ FLOPs'
    >>> flops(5.76e23, 3)
    '5.76 × 10²³ FLOPs'
    """
    return sci(x, digits, "FLOPs")


@_vectorize
def days(x, digits: int = 3) -> str:
    """A duration in days: ``16.8 days``, ``1 day``, ``2,190 days``.

    References
    ----------
    DEVELOPERS.md, "The page a reader sees".

    Examples
    --------
    >>> days(16.83)
    '16.8 days'
    >>> days(1.0)
    '1 day'
    """
    text = number(x, digits)
    return text if text == MISSING else f"{text} {'day' if text == '1' else 'days'}"


@_vectorize
def memory(n_bytes, digits: int = 3) -> str:
    """A size in bytes with decimal units: ``26 GB``, ``1.2 TB``, ``512 MB``.

    References
    ----------
    IEC 80000-13 (kB, MB, GB, TB are powers of 1000).

    Examples
    --------
    >>> memory(26e9)
    '26 GB'
    >>> memory(1.4e12 * 2)
    '2.8 TB'
    >>> memory(512)
    '512 bytes'
    """
    value, digits = _value(n_bytes, "n_bytes"), _digits(digits)
    if value is None:
        return MISSING
    if value < 0:
        raise ValueError(f"n_bytes must be non-negative, got {value}")
    for scale, unit in _BYTE_UNITS:
        if value >= scale * (1 - 0.5 * 10.0**-digits):
            return f"{_significant(value / scale, digits)} {unit}"
    return f"{_significant(value, digits)} bytes"


def frame(
    table: pd.DataFrame, formats: dict | None = None, *, index=None, default=number
) -> pd.DataFrame:
    """A copy of ``table`` with every cell a display string: no e-notation in a shown table.

    Parameters
    ----------
    table : pandas.DataFrame
        Numbers to show.
    formats : dict, optional
        Column name -> function of one value returning a string (e.g. :func:`count`,
        ``lambda v: fixed(v, 3)``). Columns not named use ``default`` when numeric and
        ``str`` otherwise.
    index : callable, optional
        Formatter for the index labels (e.g. :func:`sci` for an index of 10⁻⁶ ... 10³).
    default : callable
        Formatter for numeric columns not in ``formats``.

    Returns
    -------
    pandas.DataFrame
        Same shape, index and column names; every cell a ``str``.

    References
    ----------
    DEVELOPERS.md, "The page a reader sees".

    Examples
    --------
    >>> t = pd.DataFrame({"N": [7e9, 7e10], "loss": [2.0123, 1.9]}, index=["a", "b"])
    >>> frame(t, {"N": count, "loss": lambda v: fixed(v, 3)})
         N   loss
    a   7B  2.012
    b  70B  1.900
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table must be a pandas DataFrame, got {type(table).__name__}")
    formats = dict(formats or {})
    unknown = set(formats) - set(table.columns)
    if unknown:
        raise ValueError(
            f"formats names columns not in the table: {sorted(map(str, unknown))}"
        )
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        if column in formats:
            func = formats[column]
        elif pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(
            values
        ):
            func = default
        else:
            func = str
        out[column] = [func(v) for v in values]
    if index is not None:
        out.index = pd.Index([index(v) for v in table.index], name=table.index.name)
    return out


__all__ = [
    "MINUS",
    "MISSING",
    "count",
    "days",
    "fixed",
    "flops",
    "frame",
    "memory",
    "number",
    "percent",
    "sci",
]

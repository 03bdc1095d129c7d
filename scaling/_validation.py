"""Input checks shared by every module: each raises ``ValueError`` naming the argument."""

from __future__ import annotations

import numpy as np


def as_array(value, name: str, *, positive: bool = False, nonnegative: bool = False):
    """Return ``value`` as a float array after checking it is finite (and its sign).

    Parameters
    ----------
    value : array_like
        Number or array to check.
    name : str
        Argument name used in the error message.
    positive, nonnegative : bool
        Require every element to be ``> 0`` (or ``>= 0``).

    Returns
    -------
    numpy.ndarray
        A float64 array (0-d for a scalar input).

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards"): bad input raises ``ValueError``.

    Examples
    --------
    >>> as_array([1, 2], "n_params", positive=True)
    array([1., 2.])
    >>> as_array(-1, "n_params", positive=True)
    Traceback (most recent call last):
    ...
    ValueError: n_params must be positive, got -1.0
    """
    arr = _float_array(value, name)
    if arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.all(np.isfinite(arr)):
        raise ValueError(
            f"{name} must be finite, got {_first_bad(arr, ~np.isfinite(arr))}"
        )
    if positive and np.any(arr <= 0):
        raise ValueError(f"{name} must be positive, got {_first_bad(arr, arr <= 0)}")
    if nonnegative and np.any(arr < 0):
        raise ValueError(f"{name} must be non-negative, got {_first_bad(arr, arr < 0)}")
    return arr


def _float_array(value, name: str):
    """``value`` as a float64 array; ``TypeError`` for what is not a real number or array of them."""
    if value is None or isinstance(value, (str, bytes, bool, np.bool_, dict, set)):
        raise TypeError(
            f"{name} must be a real number or an array of them, got "
            f"{type(value).__name__} {value!r}"
        )
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):
        raise ValueError(
            f"{name} must be a number or a rectangular array, got {value!r}"
        ) from None
    if raw.dtype.kind in "USbcmMV" or (
        raw.dtype.kind == "O"
        and any(v is None or isinstance(v, (str, bytes, bool)) for v in raw.flat)
    ):
        raise TypeError(
            f"{name} must hold real numbers, got {raw.dtype} values such as "
            f"{raw.flat[0]!r}"
        )
    try:
        return np.asarray(raw, dtype=float)
    except OverflowError:
        raise ValueError(f"{name} is too large for a float (above ~1.8e308)") from None
    except (TypeError, ValueError):
        raise TypeError(
            f"{name} must be a real number or an array of them, got {value!r}"
        ) from None


def as_positive(value, name: str):
    """Shorthand for :func:`as_array` with ``positive=True``.

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards").

    Examples
    --------
    >>> float(as_positive(3, "n_tokens"))
    3.0
    """
    return as_array(value, name, positive=True)


def as_scalar(
    value, name: str, *, positive: bool = False, nonnegative: bool = False
) -> float:
    """Return ``value`` as a finite Python float, refusing arrays.

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards").

    Examples
    --------
    >>> as_scalar(0.5, "mfu", positive=True)
    0.5
    """
    arr = as_array(value, name, positive=positive, nonnegative=nonnegative)
    if arr.ndim != 0 and arr.size != 1:
        raise ValueError(f"{name} must be a single number, got shape {arr.shape}")
    return float(arr.reshape(()))


def as_fraction(value, name: str) -> float:
    """Return ``value`` as a float in (0, 1], e.g. a model-FLOP utilisation.

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards").

    Examples
    --------
    >>> as_fraction(0.4, "mfu")
    0.4
    """
    out = as_scalar(value, name, positive=True)
    if out > 1:
        raise ValueError(f"{name} must be in (0, 1], got {out}")
    return out


def same_length(*pairs, min_points: int = 1):
    """Check that 1-D arrays have equal length and at least ``min_points`` entries.

    Parameters
    ----------
    *pairs : tuple of (numpy.ndarray, str)
        Arrays with their argument names.
    min_points : int
        Fewest points allowed (e.g. the number of parameters of a fit).

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards").

    Examples
    --------
    >>> import numpy as np
    >>> same_length((np.ones(3), "x"), (np.ones(2), "y"))
    Traceback (most recent call last):
    ...
    ValueError: y has 2 points but x has 3
    """
    (first, first_name), *rest = pairs
    for arr, name in pairs:
        if arr.ndim != 1:
            raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    for arr, name in rest:
        if arr.shape != first.shape:
            raise ValueError(
                f"{name} has {arr.size} points but {first_name} has {first.size}"
            )
    if first.size < min_points:
        raise ValueError(
            f"{first_name} needs at least {min_points} points, got {first.size}"
        )


def as_seed(seed, name: str = "seed") -> int:
    """Return ``seed`` as a Python int after checking it is a non-negative integer.

    ``None`` is refused: a fresh seed from the operating system would make the result
    irreproducible, against the project's rule that every random draw is seeded.

    Parameters
    ----------
    seed : int or numpy.integer
        Seed of ``numpy.random.default_rng``.
    name : str
        Argument name used in the error message.

    Returns
    -------
    int

    Raises
    ------
    TypeError
        For anything but an integer (``None``, ``bool``, ``float``, ``str``...).
    ValueError
        For a negative integer.

    References
    ----------
    NumPy ``default_rng`` (a seed is a non-negative integer); project rule "fixed seeds".

    Examples
    --------
    >>> as_seed(np.int64(3))
    3
    >>> as_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a non-negative integer, got -1
    """
    if isinstance(seed, (bool, np.bool_)) or not isinstance(seed, (int, np.integer)):
        hint = (
            " (None is refused: results must be reproducible)" if seed is None else ""
        )
        raise TypeError(
            f"{name} must be a non-negative integer, got {type(seed).__name__} "
            f"{seed!r}{hint}"
        )
    if seed < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {seed}")
    return int(seed)


def as_count(value, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` as a Python int after checking it is a whole number >= ``minimum``.

    Integral floats such as ``1e3`` are accepted; ``2.5`` is refused rather than truncated.

    References
    ----------
    Project convention (DEVELOPERS.md, "Standards"): bad input raises ``ValueError``/``TypeError``
    naming the argument.

    Examples
    --------
    >>> as_count(1e3, "n_resamples")
    1000
    >>> as_count(2.5, "n_resamples")
    Traceback (most recent call last):
    ...
    ValueError: n_resamples must be a whole number, got 2.5
    """
    if isinstance(value, (bool, np.bool_)) or not isinstance(
        value, (int, np.integer, float, np.floating)
    ):
        raise TypeError(
            f"{name} must be an integer, got {type(value).__name__} {value!r}"
        )
    if not np.isfinite(value) or value != int(value):
        raise ValueError(f"{name} must be a whole number, got {value}")
    out = int(value)
    if out < minimum:
        raise ValueError(f"{name} must be at least {minimum}, got {out}")
    return out


def as_whole(value, name: str, *, minimum: int = 1):
    """Return ``value`` as a float array of whole numbers, each at least ``minimum``.

    For counts that may come as arrays (GPUs, layers, widths): ``2.5`` layers is refused
    rather than computed with.

    References
    ----------
    Project convention: bad input raises ``ValueError``/``TypeError`` naming the argument.

    Examples
    --------
    >>> as_whole([8, 16], "n_gpus")
    array([ 8., 16.])
    >>> as_whole(0.5, "n_gpus")
    Traceback (most recent call last):
    ...
    ValueError: n_gpus must hold whole numbers, got 0.5
    """
    arr = as_array(value, name)
    fractional = arr != np.round(arr)
    if np.any(fractional):
        raise ValueError(
            f"{name} must hold whole numbers, got {_first_bad(arr, fractional)}"
        )
    if np.any(arr < minimum):
        raise ValueError(
            f"{name} must be at least {minimum}, got {_first_bad(arr, arr < minimum)}"
        )
    return arr


def finite_result(value, name: str):
    """Return ``value`` unchanged after checking it is finite: overflow raises, never ``inf``.

    Parameters
    ----------
    value : float or numpy.ndarray
        A computed result.
    name : str
        What the result is, for the message (e.g. ``"training FLOPs"``).

    References
    ----------
    Project convention: no silent nan/inf.

    Examples
    --------
    >>> finite_result(np.array([1.0, np.inf]), "training FLOPs")
    Traceback (most recent call last):
    ...
    ValueError: training FLOPs overflow: the inputs are too large for a float (above ~1.8e308)
    """
    arr = np.asarray(value, dtype=float)
    if np.any(np.isnan(arr)):
        raise ValueError(f"{name} is undefined (nan) for these inputs")
    if np.any(np.isinf(arr)):
        raise ValueError(
            f"{name} overflow: the inputs are too large for a float (above ~1.8e308)"
        )
    return value


def same_shape(*pairs):
    """Check that arrays broadcast together (scalars or equal shapes), naming the odd one out.

    References
    ----------
    Project convention: mismatched lengths are a ``ValueError`` naming the argument, not numpy's
    broadcasting error.

    Examples
    --------
    >>> same_shape((np.ones(3), "n_tokens"), (np.ones(2), "unique_tokens"))
    Traceback (most recent call last):
    ...
    ValueError: unique_tokens has shape (2,), which does not match n_tokens's shape (3,)
    """
    (first, first_name), *rest = pairs
    shape = first.shape
    for arr, name in rest:
        try:
            shape = np.broadcast_shapes(shape, arr.shape)
        except ValueError:
            raise ValueError(
                f"{name} has shape {arr.shape}, which does not match {first_name}'s shape "
                f"{first.shape}"
            ) from None


def _first_bad(arr, mask) -> float:
    return float(arr[mask].flat[0]) if arr.ndim else float(arr)


def scalar_or_array(arr):
    """Return a Python float for a 0-d result and the float array otherwise.

    References
    ----------
    Project convention: functions take arrays and give scalars back for scalar input.

    Examples
    --------
    >>> scalar_or_array(np.asarray(2.0))
    2.0
    """
    arr = np.asarray(arr, dtype=float)
    return float(arr) if arr.ndim == 0 else arr

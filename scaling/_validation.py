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
    try:
        arr = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be numeric, got {value!r}") from None
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

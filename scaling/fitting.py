"""Robust fitting machinery shared by the power-law and Chinchilla fits.

Huber loss on log residuals, multi-start L-BFGS with analytic gradients, and the bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from scaling._validation import as_array, as_count, as_scalar, as_seed


class FitWarning(UserWarning):
    """A fit returned an optimum the data may not support (its message says which part, and why).

    Raised as a warning, not an error: the result stays usable, with ``converged=False``.
    """


MIN_RESAMPLES = 40
"""Fewest bootstrap resamples accepted. A 95 % percentile interval leaves 2.5 % of the resamples
beyond each end; with fewer than 40 not one resample lies beyond an end, and the "interval" is
only the range of the resamples drawn (Efron & Tibshirani 1993, Ch. 13, recommend 1,000 or more;
40 is the floor below which the interval does not mean what it says)."""


def huber(residuals, delta: float = 1e-3):
    """Huber loss of each residual and its derivative.

    Quadratic (r²/2) for ``|r| <= delta`` and linear (δ|r| − δ²/2) beyond, so outliers pull the
    fit less than in least squares.

    Parameters
    ----------
    residuals : array_like
        Residuals r.
    delta : float
        Threshold δ > 0 between the quadratic and the linear regime.

    Returns
    -------
    loss, dloss : numpy.ndarray
        Per-residual loss and its derivative d loss / d r.

    References
    ----------
    Huber 1964, "Robust Estimation of a Location Parameter"; used with δ = 1e-3 on log-loss
    residuals by Hoffmann et al. 2022, Sec. 3.3 and Appendix D.2.

    Examples
    --------
    >>> loss, grad = huber([0.0, 1e-4, 1.0], delta=1e-3)
    >>> [float(f"{v:.3g}") for v in loss]
    [0.0, 5e-09, 0.001]
    >>> [float(v) for v in grad]
    [0.0, 0.0001, 0.001]
    """
    return _huber(
        as_array(residuals, "residuals"), as_scalar(delta, "delta", positive=True)
    )


def _huber(r, d):
    """:func:`huber` without input checks, for objectives evaluated thousands of times."""
    small = np.abs(r) <= d
    loss = np.where(small, 0.5 * r**2, d * (np.abs(r) - 0.5 * d))
    dloss = np.where(small, r, d * np.sign(r))
    return loss, dloss


@dataclass(frozen=True)
class Optimum:
    """Best of a multi-start minimisation, with how the starts fared."""

    x: np.ndarray
    objective: float
    converged: bool
    n_starts: int
    n_converged: int
    message: str
    n_agree: int = 1

    def __repr__(self) -> str:
        return (
            f"Optimum(objective={self.objective:.6g}, converged={self.converged}, "
            f"{self.n_converged}/{self.n_starts} starts converged, "
            f"{self.n_agree} reached the best objective)"
        )


AGREE_RTOL = 1e-6
"""Relative difference of objectives under which two refined starts reached the same optimum."""

AGREE_RESIDUAL = 1e-7
"""Root-mean-square log residual below which two fits both describe the data exactly.

Objectives of noise-free fits fall to ~1e-25, where a relative comparison means nothing: two
optima agree when their objectives differ by less than ½ · AGREE_RESIDUAL² per unit weight
(residuals of 1e-7 in log loss, far below any measured loss's precision)."""


def agreeing(objectives, total_weight: float = 1.0) -> np.ndarray:
    """Which objectives match the lowest one: within ``AGREE_RTOL`` or the exact-fit floor.

    Parameters
    ----------
    objectives : array_like
        Final objectives of refined starts (non-finite ones never agree).
    total_weight : float
        Sum of the data weights (the number of points for a plain sum), which scales the floor.

    Returns
    -------
    numpy.ndarray of bool

    References
    ----------
    Hoffmann et al. 2022, Appendix D.2 (multi-start fit, best objective kept); the agreement count
    is this package's evidence that the best optimum is not a lucky local one.

    Examples
    --------
    >>> agreeing([1.0, 1.0 + 1e-9, 1.1]).tolist()
    [True, True, False]
    >>> agreeing([1e-25, 3e-27, 1e-9], total_weight=64).tolist()
    [True, True, False]
    """
    try:
        values = np.asarray(objectives, dtype=float).ravel()
    except (TypeError, ValueError):
        raise TypeError(
            f"objectives must be an array of numbers, got {objectives!r}"
        ) from None
    total_weight = as_scalar(total_weight, "total_weight", positive=True)
    finite = np.isfinite(values)
    if not finite.any():
        return finite
    best = values[finite].min()
    floor = 0.5 * AGREE_RESIDUAL**2 * total_weight
    return finite & (values <= best + max(AGREE_RTOL * abs(best), floor))


def minimize_multistart(
    fun_and_grad, starts, *, bounds=None, gtol: float = 1e-10, maxiter: int = 2000
):
    """Run L-BFGS-B with an analytic gradient from each start and keep the lowest objective.

    Each run stops when the projected gradient falls below ``gtol`` or the objective's relative
    reduction below ``_FTOL`` (the objective is scaled so that scipy's rule stays relative even
    for the ~1e-25 objectives of noise-free fits, see ``_SCALE``).

    Parameters
    ----------
    fun_and_grad : callable
        ``f(x) -> (value, gradient)``.
    starts : array_like, shape (n_starts, n_params)
        Initial points.
    bounds : sequence of (low, high), optional
        Box constraints passed to L-BFGS-B.
    gtol : float
        Projected-gradient tolerance, finite and >= 0.
    maxiter : int
        Iteration cap per start (>= 1).

    Returns
    -------
    Optimum
        ``n_agree`` counts the starts whose objective matches the best (:func:`agreeing`).

    References
    ----------
    Byrd, Lu, Nocedal & Zhu 1995 (L-BFGS-B), via ``scipy.optimize.minimize``; the multi-start
    grid follows Hoffmann et al. 2022, Appendix D.2.

    Examples
    --------
    >>> quad = lambda x: (float(((x - 3.0) ** 2).sum()), 2 * (x - 3.0))
    >>> opt = minimize_multistart(quad, [[0.0], [10.0]])
    >>> round(float(opt.x[0]), 6), opt.converged
    (3.0, True)
    """
    if not callable(fun_and_grad):
        raise TypeError(
            f"fun_and_grad must be callable, got {type(fun_and_grad).__name__}"
        )
    starts = np.atleast_2d(as_array(starts, "starts"))
    if starts.ndim != 2:
        raise ValueError(f"starts must be 2-D (n_starts, n_params), got {starts.shape}")
    gtol = as_scalar(gtol, "gtol", nonnegative=True)
    maxiter = as_count(maxiter, "maxiter")
    bounds = _checked_bounds(bounds, starts.shape[1])
    results = [_lbfgs(fun_and_grad, x0, bounds, gtol, maxiter) for x0 in starts]
    finite = [r for r in results if np.isfinite(r.fun)]
    if not finite:
        raise ValueError("starts: every start gave a non-finite objective")
    best = min(finite, key=lambda r: r.fun)
    # The lowest point can come from a start whose line search stopped at machine precision;
    # the optimum counts as converged when a start that did converge reached the same value.
    confirmed = any(
        r.success and r.fun <= best.fun + 1e-9 * abs(best.fun) for r in finite
    )
    return Optimum(
        x=np.asarray(best.x, dtype=float),
        objective=float(best.fun),
        converged=confirmed,
        n_starts=len(starts),
        n_converged=sum(bool(r.success) for r in results),
        message=str(best.message),
        n_agree=int(agreeing([r.fun for r in results]).sum()),
    )


_SCALE = 2.0**100
"""Factor (about 1.3e30, a power of 2 so scaling is exact) applied to the objective inside L-BFGS-B.

scipy stops when the reduction of f falls below ``ftol * max(|f|, 1)``: an absolute threshold once
f < 1. Fits of noise-free data drive the summed Huber loss to ~1e-25, and a flat valley at
f ~ 1e-9 (E off by 20 %, the rest right) then counted as converged. Scaled, f stays above 1 down
to ~1e-30, so the rule reads "relative reduction below ``_FTOL``" at every scale.
"""

_FTOL = 1e-12
"""Relative reduction of the objective below which L-BFGS-B stops (about 5000 machine epsilons)."""


def _checked_bounds(bounds, n_params: int):
    """``bounds`` as a list of (low, high), one pair per parameter, or a ValueError naming it."""
    if bounds is None:
        return None
    try:
        pairs = [tuple(pair) for pair in bounds]
    except TypeError:
        raise TypeError(
            f"bounds must be a sequence of (low, high) pairs, got {bounds!r}"
        ) from None
    if len(pairs) != n_params:
        raise ValueError(
            f"bounds has {len(pairs)} (low, high) pairs but starts have {n_params} "
            "parameters"
        )
    for pair in pairs:
        if len(pair) != 2:
            raise ValueError(f"bounds must hold (low, high) pairs, got {pair!r}")
        low, high = (
            -np.inf if pair[0] is None else as_scalar(pair[0], "bounds"),
            np.inf if pair[1] is None else as_scalar(pair[1], "bounds"),
        )
        if not low < high:
            raise ValueError(f"bounds must have low < high, got {pair!r}")
    return pairs


def _lbfgs(fun_and_grad, x0, bounds, gtol, maxiter):
    def scaled(x):
        try:
            value, grad = fun_and_grad(x)
        except Exception as err:  # the caller's objective: say which call failed
            raise ValueError(
                f"fun_and_grad raised {type(err).__name__} at x = {x.tolist()}: {err}"
            ) from err
        return _SCALE * value, _SCALE * np.asarray(grad, dtype=float)

    res = optimize.minimize(
        scaled,
        x0,
        jac=True,
        method="L-BFGS-B",
        bounds=bounds,
        options={"gtol": _SCALE * gtol, "ftol": _FTOL, "maxiter": maxiter},
    )
    res.fun = res.fun / _SCALE
    return res


def bootstrap_indices(n_points: int, n_resamples: int, seed: int = 0):
    """Index arrays for ``n_resamples`` bootstrap resamples of ``n_points`` points.

    Parameters
    ----------
    n_points : int
        Size of the data set.
    n_resamples : int
        Number of resamples (> 0).
    seed : int
        Seed of ``numpy.random.default_rng`` (a non-negative integer; ``None`` is refused) so
        intervals are reproducible.

    Returns
    -------
    numpy.ndarray, shape (n_resamples, n_points)

    References
    ----------
    Efron & Tibshirani 1993, "An Introduction to the Bootstrap", Ch. 6.

    Examples
    --------
    >>> bootstrap_indices(5, 2, seed=1).shape
    (2, 5)
    """
    n = as_count(n_points, "n_points")
    b = as_count(n_resamples, "n_resamples")
    rng = np.random.default_rng(as_seed(seed))
    return rng.integers(0, n, size=(b, n))


def percentile_interval(samples, level: float = 0.95):
    """Percentile bootstrap interval of each column of ``samples``.

    Parameters
    ----------
    samples : array_like, shape (n_resamples, n_params) or (n_resamples,)
        Bootstrap estimates, finite, at least 2 resamples.
    level : float
        Coverage in (0, 1).

    Returns
    -------
    low, high : numpy.ndarray

    References
    ----------
    Efron & Tibshirani 1993, Ch. 13 (percentile intervals).

    Examples
    --------
    >>> low, high = percentile_interval(np.arange(101.0), 0.9)
    >>> round(float(low), 6), round(float(high), 6)
    (5.0, 95.0)
    """
    lvl = as_scalar(level, "level", positive=True)
    if lvl >= 1:
        raise ValueError(f"level must be in (0, 1), got {lvl}")
    s = as_array(samples, "samples")
    if s.ndim not in (1, 2):
        raise ValueError(
            f"samples must be a 1-D or 2-D array of resamples, got shape {s.shape}"
        )
    if len(s) < 2:
        raise ValueError(f"samples needs at least 2 resamples, got {len(s)}")
    tail = 100 * (1 - lvl) / 2
    return np.percentile(s, tail, axis=0), np.percentile(s, 100 - tail, axis=0)


__all__ = [
    "AGREE_RESIDUAL",
    "AGREE_RTOL",
    "FitWarning",
    "MIN_RESAMPLES",
    "Optimum",
    "agreeing",
    "bootstrap_indices",
    "huber",
    "minimize_multistart",
    "percentile_interval",
]

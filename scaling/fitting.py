"""Robust fitting machinery shared by the power-law and Chinchilla fits.

Huber loss on log residuals, multi-start L-BFGS with analytic gradients, and the bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize

from scaling._validation import as_scalar


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
    d = as_scalar(delta, "delta", positive=True)
    r = np.asarray(residuals, dtype=float)
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

    def __repr__(self) -> str:
        return (
            f"Optimum(objective={self.objective:.6g}, converged={self.converged}, "
            f"{self.n_converged}/{self.n_starts} starts converged)"
        )


def minimize_multistart(
    fun_and_grad, starts, *, bounds=None, gtol: float = 1e-10, maxiter: int = 2000
):
    """Run L-BFGS-B with an analytic gradient from each start and keep the lowest objective.

    Parameters
    ----------
    fun_and_grad : callable
        ``f(x) -> (value, gradient)``.
    starts : array_like, shape (n_starts, n_params)
        Initial points.
    bounds : sequence of (low, high), optional
        Box constraints passed to L-BFGS-B.
    gtol : float
        Projected-gradient tolerance.
    maxiter : int
        Iteration cap per start.

    Returns
    -------
    Optimum

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
    starts = np.atleast_2d(np.asarray(starts, dtype=float))
    if starts.size == 0 or not np.all(np.isfinite(starts)):
        raise ValueError("starts must be a non-empty array of finite numbers")
    results = [
        optimize.minimize(
            fun_and_grad,
            x0,
            jac=True,
            method="L-BFGS-B",
            bounds=bounds,
            options={"gtol": gtol, "ftol": 1e-15, "maxiter": maxiter},
        )
        for x0 in starts
    ]
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
    )


def bootstrap_indices(n_points: int, n_resamples: int, seed: int = 0):
    """Index arrays for ``n_resamples`` bootstrap resamples of ``n_points`` points.

    Parameters
    ----------
    n_points : int
        Size of the data set.
    n_resamples : int
        Number of resamples (> 0).
    seed : int
        Seed of ``numpy.random.default_rng`` so intervals are reproducible.

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
    n = int(as_scalar(n_points, "n_points", positive=True))
    b = int(as_scalar(n_resamples, "n_resamples", positive=True))
    rng = np.random.default_rng(seed)
    return rng.integers(0, n, size=(b, n))


def percentile_interval(samples, level: float = 0.95):
    """Percentile bootstrap interval of each column of ``samples``.

    Parameters
    ----------
    samples : array_like, shape (n_resamples, n_params) or (n_resamples,)
        Bootstrap estimates.
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
    s = np.asarray(samples, dtype=float)
    tail = 100 * (1 - lvl) / 2
    return np.percentile(s, tail, axis=0), np.percentile(s, 100 - tail, axis=0)


__all__ = [
    "Optimum",
    "bootstrap_indices",
    "huber",
    "minimize_multistart",
    "percentile_interval",
]

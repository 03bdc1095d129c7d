"""Pure power laws y = a·x^k and saturating power laws y = E + A·x^(−α): evaluate, fit, bootstrap.

Chapter 1 (``notebooks/01_power_laws``) introduces both forms and why they are fitted in log space.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, replace

import numpy as np
from scipy import optimize

from scaling._validation import (
    as_array,
    as_count,
    as_positive,
    as_scalar,
    as_seed,
    finite_result,
    same_length,
    scalar_or_array,
)
from scaling.fitting import (
    MIN_RESAMPLES,
    FitWarning,
    _huber,
    bootstrap_indices,
    minimize_multistart,
    percentile_interval,
)

ALPHA_BOUNDS = (0.0, 10.0)
"""Range searched for the saturating exponent α: decay (α > 0), never growth."""

START_EXPONENTS = (0.1, 0.3, 1.0, 3.0)
"""Exponents α tried as starting points, spanning language-model values (≈0.05–0.4) and steeper decays."""

START_FLOOR_FRACTIONS = (0.1, 0.5, 0.9)
"""Starting floors E as fractions of min(y): the floor lies below every observation."""

MIN_DECAY_SHARE = 1e-4
"""Smallest fall of the fitted term A·x^(−α) across the data, as a fraction of min(y), that the
data determine: below it (y constant, or rising so that α sits at its bound 0) nothing decays,
and A, α and E are not determined."""


def power_law(x, a, k):
    """Pure power law y = a·x^k, a straight line of slope k on log-log axes.

    Parameters
    ----------
    x : array_like
        Positive inputs (e.g. parameters, tokens or FLOPs).
    a : float
        Positive prefactor, the value at x = 1.
    k : float
        Exponent; negative for a decreasing law.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.1–1.3 (L = (X_c / X)^α_X is a pure power law with k = −α_X).

    Examples
    --------
    >>> power_law(100.0, 2.0, -0.5)
    0.2
    """
    xs = as_positive(x, "x")
    amp, k = as_scalar(a, "a", positive=True), as_scalar(k, "k")
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        out = amp * xs**k
    return scalar_or_array(finite_result(out, "power_law"))


def saturating_power_law(x, E, A, alpha):
    """Saturating power law y = E + A·x^(−α): a power-law decay onto an irreducible floor E.

    Parameters
    ----------
    x : array_like
        Positive inputs.
    E : float
        Floor reached as x → ∞ (non-negative; the irreducible loss of a scaling law).
    A : float
        Positive amplitude of the reducible part.
    alpha : float
        Positive decay exponent.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    Hoffmann et al. 2022, Eq. 2 (each variable's term); Henighan et al. 2020, Eq. 1.1.

    Examples
    --------
    >>> saturating_power_law(100.0, 1.5, 4.0, 0.5)
    1.9
    """
    xs = as_positive(x, "x")
    e = as_scalar(E, "E", nonnegative=True)
    amp = as_scalar(A, "A", positive=True)
    decay = as_scalar(alpha, "alpha", positive=True)
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        out = e + amp * xs**-decay
    return scalar_or_array(finite_result(out, "saturating_power_law"))


@dataclass(frozen=True)
class PowerLawFit:
    """A fitted pure power law y = a·x^k.

    ``objective`` is the sum of squared residuals of the space the fit was made in (log y or y).

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.1–1.3.

    Examples
    --------
    >>> fit_power_law([1, 10, 100], [2.0, 0.2, 0.02])
    PowerLawFit(y = 2 * x^-1, log-space least squares, n=3, objective=...)
    """

    a: float
    k: float
    objective: float
    n_points: int
    space: str = "log"

    def predict(self, x):
        """Evaluate the fitted law at ``x``.

        References
        ----------
        Kaplan et al. 2020, Eq. 1.1.

        Examples
        --------
        >>> round(fit_power_law([1, 10, 100], [3.0, 0.3, 0.03]).predict(1000.0), 9)
        0.003
        """
        return power_law(x, self.a, self.k)

    def __repr__(self) -> str:
        return (
            f"PowerLawFit(y = {self.a:.4g} * x^{self.k:.4g}, {self.space}-space least squares, "
            f"n={self.n_points}, objective={self.objective:.3g})"
        )


@dataclass(frozen=True)
class SaturatingPowerLawFit:
    """A fitted saturating power law y = E + A·x^(−α) with how its optimisation went.

    ``objective`` is the summed Huber loss of the log residuals at the optimum.

    References
    ----------
    Hoffmann et al. 2022, Eq. 2 and Appendix D.2.

    Examples
    --------
    >>> x = np.geomspace(1, 1e4, 12)
    >>> fit = fit_saturating_power_law(x, saturating_power_law(x, 1.5, 4.0, 0.5))
    >>> round(fit.alpha, 4), fit.converged
    (0.5, True)
    """

    E: float
    A: float
    alpha: float
    objective: float
    converged: bool
    n_starts: int
    n_converged: int
    n_points: int
    delta: float

    def predict(self, x):
        """Evaluate the fitted law at ``x``.

        References
        ----------
        Hoffmann et al. 2022, Eq. 2.

        Examples
        --------
        >>> x = np.geomspace(1, 1e4, 12)
        >>> fit = fit_saturating_power_law(x, saturating_power_law(x, 1.5, 4.0, 0.5))
        >>> round(fit.predict(1e8), 3)
        1.5
        """
        return saturating_power_law(x, self.E, self.A, self.alpha)

    @property
    def params(self) -> np.ndarray:
        """The optimiser's coordinates (log E, log A, α), used to warm-start refits."""
        return np.array([np.log(self.E), np.log(self.A), self.alpha])

    def __repr__(self) -> str:
        return (
            f"SaturatingPowerLawFit(y = {self.E:.4g} + {self.A:.4g} * x^-{self.alpha:.4g}, "
            f"Huber delta={self.delta:g} on log y, n={self.n_points}, objective={self.objective:.3g}, "
            f"converged={self.converged}, {self.n_converged}/{self.n_starts} starts converged)"
        )


def multiplicative_noise(y, sigma: float, seed: int = 0):
    """Multiply ``y`` by log-normal noise exp(σ·z), z ~ N(0, 1): errors proportional to the value.

    This is how measured losses scatter around a scaling law (a few percent, whatever the scale),
    and the noise model under which least squares on log y is the maximum-likelihood fit.

    Parameters
    ----------
    y : array_like
        Positive noiseless values.
    sigma : float
        Standard deviation σ >= 0 of log y (0.02 is about 2 % noise).
    seed : int
        Seed of ``numpy.random.default_rng`` (a non-negative integer).

    Returns
    -------
    numpy.ndarray or float

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3 (fit quality measured on log loss, i.e. relative errors).

    Examples
    --------
    >>> noisy = multiplicative_noise([1.0, 10.0, 100.0], 0.0)
    >>> [float(v) for v in noisy]
    [1.0, 10.0, 100.0]
    """
    ys = as_positive(y, "y")
    s = as_scalar(sigma, "sigma", nonnegative=True)
    rng = np.random.default_rng(as_seed(seed))
    with np.errstate(over="ignore"):
        out = ys * np.exp(s * rng.standard_normal(ys.shape))
    return scalar_or_array(finite_result(out, "noisy y"))


def _checked_xy(x, y, min_points):
    xs = as_positive(x, "x")
    ys = as_positive(y, "y")
    same_length((xs, "x"), (ys, "y"), min_points=min_points)
    if np.unique(xs).size < 2:
        raise ValueError("x needs at least 2 distinct values to fit an exponent")
    return xs, ys


def fit_power_law(x, y, *, space: str = "log"):
    """Fit y = a·x^k; by default by least squares on log y against log x (a straight-line fit).

    In log space every point counts by its relative error, which is how multiplicative noise and
    scaling-law data behave. ``space="linear"`` minimises squared errors of y itself instead; it is
    here to show why that misleads: the largest y values dominate the fit.

    Parameters
    ----------
    x, y : array_like
        Positive, finite, equal length, at least 2 points with 2 distinct x.
    space : {"log", "linear"}
        Where the squared residuals are summed.

    Returns
    -------
    PowerLawFit

    References
    ----------
    Kaplan et al. 2020, Sec. 3 and Fig. 1 (power laws read as straight lines in log-log space);
    Hoffmann et al. 2022, Sec. 3.3 (residuals measured on log loss, i.e. relative errors).

    Examples
    --------
    >>> fit = fit_power_law([1, 10, 100, 1000], [2.0, 0.2, 0.02, 0.002])
    >>> round(fit.a, 6), round(fit.k, 6)
    (2.0, -1.0)
    """
    xs, ys = _checked_xy(x, y, min_points=2)
    if not isinstance(space, str) or space not in ("log", "linear"):
        raise ValueError(f"space must be 'log' or 'linear', got {space!r}")
    lx, ly = np.log(xs), np.log(ys)
    k, log_a = np.polyfit(lx, ly, 1)
    if space == "log":
        return PowerLawFit(
            float(np.exp(log_a)),
            float(k),
            float(np.sum((log_a + k * lx - ly) ** 2)),
            xs.size,
        )
    try:
        with np.errstate(over="ignore", invalid="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", optimize.OptimizeWarning)
            (a, k), _ = optimize.curve_fit(
                lambda t, a_, k_: a_ * t**k_,
                xs,
                ys,
                p0=(np.exp(log_a), k),
                maxfev=20_000,
            )
    except RuntimeError as error:
        raise ValueError(
            f"space='linear': the least-squares fit of y did not converge ({error})"
        ) from None
    if not (np.isfinite(a) and np.isfinite(k)):
        raise ValueError("space='linear': the least-squares fit of y diverged")
    return PowerLawFit(
        float(a),
        float(k),
        float(np.sum((a * xs**k - ys) ** 2)),
        xs.size,
        space="linear",
    )


def huber_objective(params, log_x, log_y, delta: float = 1e-3):
    """Summed Huber loss of log residuals of the saturating law, and its analytic gradient.

    The model is written with log-sum-exp, log ŷ = logaddexp(e, a − α log x) with E = exp(e) and
    A = exp(a), so E and A stay positive without bounds and the residual r = log ŷ − log y is
    smooth in (e, a, α). With weights w_E = E/ŷ and w_A = A x^(−α)/ŷ (they sum to 1), the gradient
    is Σ ρ'(r) · (w_E, w_A, −w_A log x).

    Parameters
    ----------
    params : array_like, shape (3,)
        (e, a, α) = (log E, log A, α).
    log_x, log_y : numpy.ndarray
        Logs of the data.
    delta : float
        Huber threshold δ on log residuals.

    Returns
    -------
    value : float
    gradient : numpy.ndarray, shape (3,)

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3 and Appendix D.2 (Huber loss with δ = 1e-3 on log residuals,
    log-sum-exp parametrisation); Besiroglu et al. 2024 (sum, not mean, of the Huber loss).

    Examples
    --------
    >>> lx = np.log([1.0, 10.0])
    >>> ly = np.log(saturating_power_law(np.exp(lx), 1.0, 2.0, 0.5))
    >>> value, grad = huber_objective([0.0, np.log(2.0), 0.5], lx, ly)
    >>> round(float(value), 12), [round(float(g), 12) + 0.0 for g in grad]
    (0.0, [0.0, 0.0, 0.0])
    """
    p = as_array(params, "params")
    if p.shape != (3,):
        raise ValueError(
            f"params must have shape (3,) for (e, a, alpha), got {p.shape}"
        )
    lx, ly = as_array(log_x, "log_x").ravel(), as_array(log_y, "log_y").ravel()
    same_length((lx, "log_x"), (ly, "log_y"))
    return _huber_objective(p, lx, ly, as_scalar(delta, "delta", positive=True))


def _huber_objective(params, log_x, log_y, delta):
    """:func:`huber_objective` without input checks (called at every L-BFGS step)."""
    e, a, alpha = (float(p) for p in params)
    reducible = a - alpha * log_x
    log_model = np.logaddexp(e, reducible)
    loss, dloss = _huber(log_model - log_y, delta)
    w_e = np.exp(e - log_model)
    w_a = np.exp(reducible - log_model)
    grad = np.array(
        [np.sum(dloss * w_e), np.sum(dloss * w_a), -np.sum(dloss * w_a * log_x)]
    )
    return float(np.sum(loss)), grad


def default_starts(x, y):
    """Grid of starting points (log E, log A, α) for the saturating fit, scaled to the data.

    For each floor E = f·min(y) (f in ``START_FLOOR_FRACTIONS``) and exponent α in
    ``START_EXPONENTS``, log A is the mean of log(y − E) + α log x, the least-squares intercept of
    the reducible part at that α: every start lies near the data.

    References
    ----------
    Hoffmann et al. 2022, Appendix D.2 (a grid of initialisations, the best fit kept).

    Examples
    --------
    >>> default_starts([1.0, 10.0, 100.0, 1000.0], [3.0, 2.0, 1.6, 1.5]).shape
    (12, 3)
    """
    xs, ys = _checked_xy(x, y, min_points=1)
    lx = np.log(xs)
    rows = []
    for fraction in START_FLOOR_FRACTIONS:
        floor = fraction * ys.min()
        log_reducible = np.log(ys - floor)
        for alpha in START_EXPONENTS:
            rows.append(
                [np.log(floor), float(np.mean(log_reducible + alpha * lx)), alpha]
            )
    return np.array(rows)


def fit_saturating_power_law(x, y, delta: float = 1e-3, starts=None):
    """Fit y = E + A·x^(−α) robustly: Huber loss on log y, multi-start L-BFGS, analytic gradient.

    Parameters
    ----------
    x, y : array_like
        Positive, finite, equal length, at least 4 points (3 parameters plus one to spare).
    delta : float
        Huber threshold δ on log residuals (1e-3 as in Hoffmann et al.).
    starts : array_like, shape (n_starts, 3), optional
        Starting points (log E, log A, α); :func:`default_starts` when omitted.

    Returns
    -------
    SaturatingPowerLawFit
        ``converged`` is False, with a :class:`scaling.fitting.FitWarning`, when y does not
        fall across the data (constant or rising: the fitted term falls by less than
        :data:`MIN_DECAY_SHARE` of min(y)), since nothing then determines E, A or α.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3 and Appendix D.2; Huber 1964; Besiroglu et al. 2024, Sec. 3
    (the summed loss lets L-BFGS converge).

    Examples
    --------
    >>> x = np.geomspace(1e6, 1e10, 10)
    >>> fit = fit_saturating_power_law(x, saturating_power_law(x, 1.8, 400.0, 0.34))
    >>> round(fit.E, 3), round(fit.A, 1), round(fit.alpha, 4)
    (1.8, 400.0, 0.34)
    """
    xs, ys = _checked_xy(x, y, min_points=4)
    d = as_scalar(delta, "delta", positive=True)
    grid = default_starts(xs, ys) if starts is None else as_array(starts, "starts")
    if grid.ndim != 2 or grid.shape[1] != 3:
        raise ValueError(f"starts must have shape (n_starts, 3), got {grid.shape}")
    fit = _fit_logs(np.log(xs), np.log(ys), d, grid)
    decay = fit.A * (xs.min() ** -fit.alpha - xs.max() ** -fit.alpha) / ys.min()
    if decay < MIN_DECAY_SHARE:
        warnings.warn(
            f"fit_saturating_power_law: y does not fall as x grows (the fitted term "
            f"A·x^-alpha falls by {decay:.2g} of min(y) across the data, alpha = "
            f"{fit.alpha:.3g}): E, A and alpha are not determined, and the fit cannot "
            "extrapolate",
            FitWarning,
            stacklevel=2,
        )
        return replace(fit, converged=False)
    return fit


def _fit_logs(log_x, log_y, delta, starts):
    bounds = [(None, None), (None, None), ALPHA_BOUNDS]
    opt = minimize_multistart(
        lambda p: _huber_objective(p, log_x, log_y, delta), starts, bounds=bounds
    )
    e, a, alpha = opt.x
    return SaturatingPowerLawFit(
        E=float(np.exp(e)),
        A=float(np.exp(a)),
        alpha=float(alpha),
        objective=opt.objective,
        converged=opt.converged,
        n_starts=opt.n_starts,
        n_converged=opt.n_converged,
        n_points=log_x.size,
        delta=delta,
    )


@dataclass(frozen=True, eq=False)
class BootstrapResult:
    """Bootstrap distribution of a fit's parameters and their percentile intervals.

    References
    ----------
    Efron & Tibshirani 1993, Ch. 13.

    Examples
    --------
    >>> x = np.geomspace(1, 1e3, 8)
    >>> y = power_law(x, 2.0, -0.5) * np.exp(0.05 * np.sin(np.arange(8)))
    >>> bootstrap(fit_power_law(x, y), x, y, n_resamples=50).names
    ('a', 'k')
    """

    names: tuple
    estimate: np.ndarray
    samples: np.ndarray
    low: np.ndarray
    high: np.ndarray
    level: float
    n_resamples: int

    def interval(self, name: str):
        """(low, high) of parameter ``name``.

        References
        ----------
        Efron & Tibshirani 1993, Ch. 13.

        Examples
        --------
        >>> x = np.geomspace(1, 1e3, 8)
        >>> y = power_law(x, 2.0, -0.5) * np.exp(0.05 * np.sin(np.arange(8)))
        >>> low, high = bootstrap(fit_power_law(x, y), x, y, n_resamples=200).interval("k")
        >>> bool(low < -0.5 < high)
        True
        """
        if name not in self.names:
            raise ValueError(
                f"name must be one of {', '.join(self.names)}, got {name!r}"
            )
        i = self.names.index(name)
        return float(self.low[i]), float(self.high[i])

    def __repr__(self) -> str:
        parts = ", ".join(
            f"{n}={v:.4g} [{lo:.4g}, {hi:.4g}]"
            for n, v, lo, hi in zip(
                self.names, self.estimate, self.low, self.high, strict=True
            )
        )
        return (
            f"BootstrapResult({self.level:.0%} percentile intervals from "
            f"{len(self.samples)}/{self.n_resamples} resamples: {parts})"
        )


def bootstrap(
    fit, x, y, *, n_resamples: int = 1000, level: float = 0.95, seed: int = 0
):
    """Percentile bootstrap intervals of a fit's parameters, refitting on resampled points.

    Each resample draws the (x, y) pairs with replacement and refits the same form. Saturating
    refits start from the full-data optimum only (a warm start), so 1000 resamples take seconds;
    resamples with too few distinct x to fit (fewer than 2 for a pure law, 3 for a saturating
    one) are skipped and counted.

    Parameters
    ----------
    fit : PowerLawFit or SaturatingPowerLawFit
        Fit of the full data ``x, y``.
    x, y : array_like
        The data the fit was made on.
    n_resamples : int
        Number of bootstrap resamples, at least :data:`scaling.fitting.MIN_RESAMPLES`.
    level : float
        Coverage of the intervals, in (0, 1).
    seed : int
        Seed of the resampling (a non-negative integer), so intervals are reproducible.

    Returns
    -------
    BootstrapResult
        Parameters ``("a", "k")`` or ``("E", "A", "alpha")``.

    References
    ----------
    Efron & Tibshirani 1993, Ch. 6 and 13; Hoffmann et al. 2022, Table 2 (bootstrapped exponents).

    Examples
    --------
    >>> x = np.geomspace(1, 1e4, 15)
    >>> y = saturating_power_law(x, 1.5, 4.0, 0.5) * np.exp(0.01 * np.cos(np.arange(15)))
    >>> boot = bootstrap(fit_saturating_power_law(x, y), x, y, n_resamples=100)
    >>> low, high = boot.interval("alpha")
    >>> bool(low < 0.5 < high)
    True
    """
    if isinstance(fit, PowerLawFit):
        xs, ys = _checked_xy(x, y, min_points=2)
        names, estimate, min_distinct = ("a", "k"), np.array([fit.a, fit.k]), 2
    elif isinstance(fit, SaturatingPowerLawFit):
        xs, ys = _checked_xy(x, y, min_points=4)
        names, estimate, min_distinct = (
            ("E", "A", "alpha"),
            np.array([fit.E, fit.A, fit.alpha]),
            3,
        )
    else:
        raise TypeError(
            f"fit must be a PowerLawFit or SaturatingPowerLawFit, got {type(fit).__name__}"
        )
    lvl = as_scalar(level, "level", positive=True)
    if lvl >= 1:
        raise ValueError(f"level must be in (0, 1), got {lvl}")
    b = as_count(n_resamples, "n_resamples", minimum=MIN_RESAMPLES)
    lx, ly = np.log(xs), np.log(ys)
    samples = []
    for idx in bootstrap_indices(xs.size, b, as_seed(seed)):
        if np.unique(xs[idx]).size < min_distinct:
            continue
        if isinstance(fit, PowerLawFit):
            refit = fit_power_law(xs[idx], ys[idx], space=fit.space)
            samples.append([refit.a, refit.k])
        else:
            refit = _fit_logs(lx[idx], ly[idx], fit.delta, fit.params[None, :])
            samples.append([refit.E, refit.A, refit.alpha])
    if not samples:
        raise ValueError(
            "x has too few distinct values for any bootstrap resample to be fitted"
        )
    samples = np.array(samples)
    low, high = percentile_interval(samples, lvl)
    return BootstrapResult(names, estimate, samples, low, high, lvl, b)


__all__ = [
    "ALPHA_BOUNDS",
    "MIN_DECAY_SHARE",
    "BootstrapResult",
    "PowerLawFit",
    "START_EXPONENTS",
    "START_FLOOR_FRACTIONS",
    "SaturatingPowerLawFit",
    "bootstrap",
    "default_starts",
    "fit_power_law",
    "fit_saturating_power_law",
    "huber_objective",
    "multiplicative_noise",
    "power_law",
    "saturating_power_law",
]

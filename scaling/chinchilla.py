"""The Chinchilla parametric law L(N, D) = E + A/N^α + B/D^β, its compute-optimal frontier and its fit.

Chapter 3 (``notebooks/03_chinchilla``) reproduces Hoffmann et al. 2022; chapter 4 its replication.
:func:`fit` is Approach 3 (summed Huber loss on log-loss, log-sum-exp form, multi-start L-BFGS);
:func:`bootstrap` gives its confidence intervals.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_array,
    as_count,
    as_positive,
    as_scalar,
    as_seed,
    finite_result,
    same_length,
    same_shape,
    scalar_or_array,
)
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.fitting import (
    AGREE_RESIDUAL,
    MIN_RESAMPLES,
    FitWarning,
    _huber,
    agreeing,
    bootstrap_indices,
    minimize_multistart,
    percentile_interval,
)


@dataclass(frozen=True)
class ChinchillaLaw:
    """L(N, D) = E + A / N^alpha + B / D^beta, loss in nats per token.

    References
    ----------
    Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> law = HOFFMANN_2022
    >>> round(law.loss(70e9, 1.4e12), 3)
    1.937
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    name: str = "custom"

    def __post_init__(self):
        # E may be 0: a fit the data drive to no floor at all still gives a usable law.
        as_scalar(self.E, "E", nonnegative=True)
        for field in ("A", "B", "alpha", "beta"):
            as_positive(getattr(self, field), field)

    def loss(self, n_params, n_tokens):
        """Predicted loss (nats/token) of N parameters trained on D tokens.

        References
        ----------
        Hoffmann et al. 2022, Eq. 2.

        Examples
        --------
        >>> round(HOFFMANN_2022.loss(280e9, 300e9), 3)
        1.993
        """
        n = as_positive(n_params, "n_params")
        d = as_positive(n_tokens, "n_tokens")
        same_shape((n, "n_params"), (d, "n_tokens"))
        with np.errstate(over="ignore", divide="ignore"):
            out = self.E + self.A / n**self.alpha + self.B / d**self.beta
        return scalar_or_array(finite_result(out, "loss"))

    @property
    def a(self) -> float:
        """Exponent a of N_opt ∝ C^a, equal to β/(α+β) (Hoffmann et al. 2022, Eq. 4)."""
        return self.beta / (self.alpha + self.beta)

    @property
    def b(self) -> float:
        """Exponent b of D_opt ∝ C^b, equal to α/(α+β) (Hoffmann et al. 2022, Eq. 4)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def G(self) -> float:
        """G = (αA / (βB))^(1/(α+β)) of the frontier (Hoffmann et al. 2022, Eq. 4)."""
        return (self.alpha * self.A / (self.beta * self.B)) ** (
            1 / (self.alpha + self.beta)
        )

    def optimal(self, flops):
        """Compute-optimal (N_opt, D_opt) at budget C under C = 6ND.

        Parameters
        ----------
        flops : array_like
            Training compute C in FLOPs (> 0).

        Returns
        -------
        n_opt, d_opt : float or numpy.ndarray

        References
        ----------
        Hoffmann et al. 2022, Eq. 4: N_opt = G (C/6)^a, D_opt = G^-1 (C/6)^b.

        Examples
        --------
        >>> n, d = HOFFMANN_2022_UNROUNDED.optimal(5.76e23)
        >>> f"{n:.3g}"
        '4.04e+10'
        """
        c = as_positive(flops, "flops") / TRAINING_FLOPS_PER_PARAM_TOKEN
        with np.errstate(over="ignore", under="ignore"):
            n_opt, d_opt = self.G * c**self.a, c**self.b / self.G
        finite_result(n_opt, "N_opt")
        finite_result(d_opt, "D_opt")
        if np.any(n_opt <= 0) or np.any(d_opt <= 0):
            raise ValueError("flops is too small: N_opt or D_opt underflows to 0")
        return scalar_or_array(n_opt), scalar_or_array(d_opt)

    def tokens_per_param(self, flops):
        """Compute-optimal D_opt / N_opt at budget C.

        References
        ----------
        Hoffmann et al. 2022, Eq. 4.

        Examples
        --------
        >>> round(EPOCH_2024.tokens_per_param(5.88e23), 1)
        18.4
        """
        n, d = self.optimal(flops)
        return scalar_or_array(np.asarray(d) / np.asarray(n))

    def optimal_flops(self, n_params):
        """Budget C at which N is compute-optimal, and the D_opt = C/(6N) it trains on.

        Inverts Eq. 4: C = 6 (N/G)^(1/a). This is how Table A3 lists FLOPs and tokens per model size.

        References
        ----------
        Hoffmann et al. 2022, Eq. 4 and Table A3.

        Examples
        --------
        >>> c, d = HOFFMANN_2022_UNROUNDED.optimal_flops(1e9)
        >>> f"{c:.3g} FLOPs, {d:.3g} tokens"
        '1.75e+20 FLOPs, 2.91e+10 tokens'
        """
        n = as_positive(n_params, "n_params")
        with np.errstate(over="ignore", under="ignore"):
            c = TRAINING_FLOPS_PER_PARAM_TOKEN * (n / self.G) ** (1 / self.a)
            d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        finite_result(c, "compute-optimal FLOPs")
        if np.any(c <= 0) or np.any(d <= 0):
            raise ValueError(
                "n_params is too small: the optimal budget underflows to 0"
            )
        return scalar_or_array(c), scalar_or_array(d)

    def isoflop(self, flops, n_params):
        """Loss of N-parameter models trained with a fixed budget C, i.e. on D = C/(6N) tokens.

        References
        ----------
        Hoffmann et al. 2022, Sec. 3.2 (IsoFLOP profiles) and Eq. 2.

        Examples
        --------
        >>> round(HOFFMANN_2022.isoflop(5.76e23, 280e9), 3)
        1.984
        """
        c = as_positive(flops, "flops")
        n = as_positive(n_params, "n_params")
        same_shape((c, "flops"), (n, "n_params"))
        with np.errstate(over="ignore", under="ignore"):
            d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        if np.any(~np.isfinite(d)) or np.any(d <= 0):
            raise ValueError(
                "flops / (6 n_params) tokens over- or underflows a float: "
                "flops and n_params are too far apart"
            )
        return self.loss(n, d)

    def __repr__(self) -> str:
        return (
            f"ChinchillaLaw({self.name}: E={self.E:.4g}, A={self.A:.5g}, B={self.B:.5g}, "
            f"alpha={self.alpha:.4g}, beta={self.beta:.4g})"
        )


HOFFMANN_2022 = ChinchillaLaw(
    E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28, name="Hoffmann 2022"
)
"""Approach 3 fit as printed (Hoffmann et al. 2022, Eq. 10, Appendix D.2)."""

HOFFMANN_2022_UNROUNDED = ChinchillaLaw(
    E=1.6934,
    A=406.40,
    B=410.72,
    alpha=0.33917,
    beta=0.28491,
    name="Hoffmann 2022 unrounded",
)
"""Approach 3 fit, unrounded (Hoffmann et al. 2022 TeX source, as used by Besiroglu et al. 2024)."""

EPOCH_2024 = ChinchillaLaw(
    E=1.817, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658, name="Epoch 2024"
)
"""Refit on data read off Hoffmann's Figure 4 (Besiroglu et al. 2024, Table 1 / Eq. 4)."""

PRESETS = {
    law.name: law for law in (HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, EPOCH_2024)
}
"""Every preset law by name."""


PARAMETERS = ("E", "A", "B", "alpha", "beta")
"""Names of the five fitted constants, in the column order of :attr:`Bootstrap.samples`."""

HOFFMANN_GRID = (
    np.array(
        np.meshgrid(
            np.arange(0.0, 26.0, 5.0),  # a = log A
            np.arange(0.0, 26.0, 5.0),  # b = log B
            np.arange(-1.0, 1.01, 0.5),  # e = log E
            np.arange(0.0, 2.01, 0.5),  # alpha
            np.arange(0.0, 2.01, 0.5),  # beta
            indexing="ij",
        )
    )
    .reshape(5, -1)
    .T
)
"""The 4,500 initial points (a, b, e, α, β) of Hoffmann et al. 2022, Appendix D.2."""


PROFILE_EXPONENTS = np.linspace(0.02, 2.0, 34)
"""Exponents α and β of the profile screen (steps of 0.06 over the Hoffmann grid's 0–2)."""

MIN_TERM_SHARE = 1e-4
"""Smallest change of a fitted reducible term across the data, as a fraction of the lowest loss:
below it (A/N^α or B/D^β varies by under 0.01 % of the loss, because it is negligible or because
its exponent is ~0 and it merges with E) the data do not determine that term."""

FLOOR_SCATTER_FACTOR = 10.0
"""How many times the data's scatter about the fit E must exceed, as a share of the lowest
predicted loss, to count as determined. A fitted floor is an extrapolation of the curvature of
the loss, so its standard error is typically several times the scatter of the points: a smaller
E cannot be told from 0, and a fit that drives E there (down to exactly 0.0) has found the edge
of its search, not a floor."""

MAX_PLAUSIBLE_EXPONENT = 2.0
"""Largest exponent α or β :func:`fit` accepts as determined. Hoffmann et al.'s grid of starts
spans 0–2 (Appendix D.2) and published language-model fits lie between 0.07 and 0.8; a term with
an exponent above 2 falls a hundredfold per decade of scale, so it describes only the few
smallest runs (typically their noise), and its coefficient, fitted with it, is as arbitrary
(e.g. β = 20.9 with B = 2.5 × 10¹⁶⁵). Coefficients follow from the exponents: a coefficient
that overflows a float makes :func:`fit` raise, any other is plausible when its exponent is."""


def _log_data(n_params, n_tokens, loss):
    n = as_array(n_params, "n_params", positive=True)
    d = as_array(n_tokens, "n_tokens", positive=True)
    y = as_array(loss, "loss", positive=True)
    same_length(
        (n, "n_params"), (d, "n_tokens"), (y, "loss"), min_points=len(PARAMETERS)
    )
    for values, name, term in (
        (n, "n_params", "A and alpha"),
        (d, "n_tokens", "B and beta"),
    ):
        distinct = np.unique(values).size
        if distinct < 3:
            raise ValueError(
                f"{name} has {distinct} distinct value{'s' * (distinct > 1)}: the law's E, "
                f"{term} need at least 3 to be determined"
            )
    return np.log(n), np.log(d), np.log(y)


def _log_prediction(x, log_n, log_d):
    """log L̂ = LSE(a − α log N, b − β log D, e) for each row of ``x``, with its softmax weights."""
    x = np.atleast_2d(x)
    terms = np.stack(
        [
            x[:, :1] - x[:, 3:4] * log_n,
            x[:, 1:2] - x[:, 4:5] * log_d,
            np.broadcast_to(x[:, 2:3], (len(x), log_n.size)),
        ]
    )
    top = terms.max(axis=0)
    weights = np.exp(terms - top)
    total = weights.sum(axis=0)
    return top + np.log(total), weights / total


def _objective(log_n, log_d, log_loss, delta, weights):
    """Summed (weighted) Huber loss of the log residuals and its analytic gradient in (a, b, e, α, β)."""

    def fun_and_grad(x):
        a, b, e, alpha, beta = (float(v) for v in x)
        t_n = a - alpha * log_n
        t_d = b - beta * log_d
        top = np.maximum(np.maximum(t_n, t_d), e)
        w_n, w_d, w_e = np.exp(t_n - top), np.exp(t_d - top), np.exp(e - top)
        total = w_n + w_d + w_e
        value, slope = _huber(top + np.log(total) - log_loss, delta)
        slope = weights * slope / total
        g_n, g_d = slope * w_n, slope * w_d
        grad = np.array(
            [g_n.sum(), g_d.sum(), slope @ w_e, -(g_n @ log_n), -(g_d @ log_d)]
        )
        return float(weights @ value), grad

    return fun_and_grad


def _profile_starts(log_n, log_d, log_loss, weights):
    """One start per (α, β) of :data:`PROFILE_EXPONENTS`²: E, A, B by linear least squares.

    At fixed exponents the law is linear in (E, A, B); weighting each point by 1/L makes the
    squared error the relative one, close to the log residual the fit minimises. The 1,156
    solves are batched 3 × 3 normal equations: a few milliseconds for hundreds of points.
    Coefficients the unconstrained solve makes non-positive are clipped to a small positive value.
    """
    y = np.exp(log_loss)
    w = weights / y**2
    k = PROFILE_EXPONENTS
    # Columns scaled to max 1 so the normal equations stay well conditioned.
    u = np.exp(-k[:, None] * (log_n - log_n.min()))  # (K, n): N^-α / N_min^-α
    v = np.exp(-k[:, None] * (log_d - log_d.min()))
    m = np.empty((k.size, k.size, 3, 3))
    m[..., 0, 0] = w.sum()
    m[..., 0, 1] = m[..., 1, 0] = (u @ w)[:, None]
    m[..., 0, 2] = m[..., 2, 0] = (v @ w)[None, :]
    m[..., 1, 1] = (u**2 @ w)[:, None]
    m[..., 2, 2] = (v**2 @ w)[None, :]
    m[..., 1, 2] = m[..., 2, 1] = (u * w) @ v.T
    rhs = np.stack(
        np.broadcast_arrays(
            (w * y).sum(), (u @ (w * y))[:, None], (v @ (w * y))[None, :]
        ),
        axis=-1,
    )
    ridge = 1e-12 * np.trace(m, axis1=-2, axis2=-1)[..., None, None] * np.eye(3)
    coef = np.linalg.solve(m + ridge, rhs[..., None])[..., 0]
    coef = np.maximum(coef, 1e-6 * y.min())
    alpha, beta = np.meshgrid(k, k, indexing="ij")
    return np.column_stack(
        [
            (np.log(coef[..., 1]) + alpha * log_n.min()).ravel(),
            (np.log(coef[..., 2]) + beta * log_d.min()).ravel(),
            np.log(coef[..., 0]).ravel(),
            alpha.ravel(),
            beta.ravel(),
        ]
    )


def _screen(starts, log_n, log_d, log_loss, delta, weights, chunk: int = 500):
    """Objective at every start, vectorised over starts (a few hundred ms for the 4,500-point grid)."""
    out = np.empty(len(starts))
    for i in range(0, len(starts), chunk):
        pred, _ = _log_prediction(starts[i : i + chunk], log_n, log_d)
        out[i : i + chunk] = _huber(pred - log_loss, delta)[0] @ weights
    return out


@dataclass(frozen=True)
class FitResult:
    """Approach-3 fit of L(N, D) = E + A/N^α + B/D^β with its convergence diagnostics.

    ``objective`` is the Huber loss at the optimum (summed, or averaged if asked for).
    ``n_agree`` counts the refined starts that reached the best objective (relative 1e-6, or
    both exact to a root-mean-square log residual of 1e-7, see :func:`scaling.fitting.agreeing`):
    several agreeing starts are the evidence that the optimum is global, not a local one.
    ``converged`` is True only when L-BFGS converged at the best point, at least two refined
    starts agree on it (when more than one was refined), both reducible terms change by more
    than :data:`MIN_TERM_SHARE` of the loss across the data, E stands well above the scatter of
    the data about the fit (:data:`FLOOR_SCATTER_FACTOR`) and both exponents are at most
    :data:`MAX_PLAUSIBLE_EXPONENT`; otherwise :func:`fit` also warns (:class:`FitWarning`) and
    says why, and ``undetermined`` names the parameters the data do not pin. :attr:`law` always
    works, E = 0.0 included.

    References
    ----------
    Hoffmann et al. 2022, Appendix D.2; Besiroglu et al. 2024, Sec. 2.

    Examples
    --------
    >>> n = np.repeat([1e8, 3e8, 1e9, 3e9], 3)
    >>> d = np.tile([3e9, 1e10, 3e10], 4)
    >>> result = fit(n, d, EPOCH_2024.loss(n, d))
    >>> result.converged, round(result.law.a, 3)
    (True, 0.513)
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    objective: float
    converged: bool
    n_starts: int
    n_refined: int
    n_converged: int
    n_agree: int
    grad_norm: float
    x: tuple
    message: str
    undetermined: tuple = ()

    @property
    def law(self) -> ChinchillaLaw:
        """The fitted law as a :class:`ChinchillaLaw`."""
        return ChinchillaLaw(self.E, self.A, self.B, self.alpha, self.beta, name="fit")

    def __repr__(self) -> str:
        return (
            f"FitResult(E={self.E:.4g}, A={self.A:.5g}, B={self.B:.5g}, alpha={self.alpha:.4g}, "
            f"beta={self.beta:.4g}, objective={self.objective:.6g}, converged={self.converged}, "
            f"{self.n_agree}/{self.n_refined} refined starts agree)"
        )


def fit(
    n_params,
    n_tokens,
    loss,
    delta: float = 1e-3,
    *,
    reduction: str = "sum",
    starts=None,
    n_refine=None,
    gtol: float = 1e-10,
    weights=None,
    profile=None,
):
    """Fit the Chinchilla law to (N, D, loss) points: Hoffmann et al.'s Approach 3, done right.

    Minimises Σ Huber_δ(log L̂ − log L) with log L̂ = LSE(a − α log N, b − β log D, e), so that
    A = exp(a), B = exp(b), E = exp(e) stay positive. Every start is first scored in one vectorised
    pass; L-BFGS with the analytic gradient then runs from the ``n_refine`` best. With the default
    grid a profile screen adds starts: for each (α, β) of :data:`PROFILE_EXPONENTS` the law is
    linear in (E, A, B), solved by least squares, and L-BFGS also runs from the local minima of that
    profile over (α, β), so every basin of the exponents is explored (with ``starts`` given, from
    the best start of each distinct (α, β) pair instead). The sum (not the mean) keeps the
    gradient large enough for L-BFGS to converge (Besiroglu et al. 2024).

    The result says whether to trust it: ``n_agree`` refined starts reached the best objective,
    and ``converged`` is False, with a :class:`FitWarning`, when only one did, when L-BFGS did not
    converge, or when the data do not determine a part of the law (``FitResult.undetermined``
    names it): a reducible term that barely changes across the data (negligible, or constant
    with an exponent ~0), an exponent above :data:`MAX_PLAUSIBLE_EXPONENT`, or E driven towards
    0 (see :data:`FLOOR_SCATTER_FACTOR`). The warning says what each means for extrapolation.
    A returned result's :attr:`FitResult.law` always works, E = 0.0 included.

    Parameters
    ----------
    n_params, n_tokens, loss : array_like
        Model sizes N, training tokens D and final losses (nats/token), all > 0, at least 5 points.
    delta : float
        Huber threshold δ (1e-3 in Hoffmann et al.).
    reduction : {"sum", "mean"}
        Sum the per-point losses (correct) or average them (Hoffmann et al.'s slip, for chapter 4).
    starts : array_like, shape (n_starts, 5), optional
        Initial (a, b, e, α, β); defaults to :data:`HOFFMANN_GRID`.
    n_refine : int, optional
        Number of best-scoring starts refined by L-BFGS, besides the profile's (or the best start
        of each distinct (α, β) pair in the grid). Default: 3 with the profile screen, whose
        starts do most of the work, and 10 without it.
    gtol : float
        L-BFGS projected-gradient tolerance, finite and >= 0 (scipy's default is 1e-5).
    weights : array_like, optional
        Per-point weights (> 0), rescaled to mean 1 so the objective keeps its scale; e.g. each
        run's compute C = 6ND, so the fit follows the large runs it is asked to extrapolate from.
        Default: equal weights.
    profile : bool, optional
        Add the profile screen's starts (see above). Default: yes for the summed loss and with the
        default grid; no for ``reduction="mean"``, which reproduces Hoffmann et al.'s grid-only
        procedure with its early stops, or when ``starts`` is given.

    Returns
    -------
    FitResult

    Raises
    ------
    ValueError
        For bad input, for fewer than 3 distinct N or D (E, A, α or E, B, β are then not
        determined), when the best fit has α <= 0 or β <= 0: losses that do not fall with
        scale, which the law cannot describe, and when an exponent ran off so far that A or B
        overflows a float (the fit diverged).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3, Eq. 2 and Appendix D.2 (Huber δ = 1e-3, LSE form, grid of
    starts); Besiroglu et al. 2024, Sec. 2–3 (summed loss; refit A = 477.8, B = 2143, E = 1.8172,
    α = 0.3473, β = 0.3672).

    Examples
    --------
    >>> n = np.repeat([1e8, 3e8, 1e9, 3e9], 3)
    >>> d = np.tile([3e9, 1e10, 3e10], 4)
    >>> result = fit(n, d, HOFFMANN_2022.loss(n, d))
    >>> round(result.alpha, 3), round(result.beta, 3), round(result.E, 3)
    (0.34, 0.28, 1.69)
    >>> weighted = fit(n, d, HOFFMANN_2022.loss(n, d), weights=6 * n * d)
    >>> round(weighted.alpha, 3), round(weighted.E, 3)
    (0.34, 1.69)
    """
    log_n, log_d, log_loss = _log_data(n_params, n_tokens, loss)
    if not isinstance(reduction, str) or reduction not in ("sum", "mean"):
        raise ValueError(f"reduction must be 'sum' or 'mean', got {reduction!r}")
    scale = np.full(log_n.size, 1.0 if reduction == "sum" else 1.0 / log_n.size)
    if weights is not None:
        w = as_array(weights, "weights", positive=True).ravel()
        same_length((w, "weights"), (log_n, "n_params"))
        scale = scale * w / w.mean()
    grid = (
        HOFFMANN_GRID if starts is None else np.atleast_2d(as_array(starts, "starts"))
    )
    if grid.ndim != 2 or grid.shape[1] != len(PARAMETERS):
        raise ValueError(
            f"starts must have shape (n_starts, 5) for (a, b, e, alpha, beta), got {grid.shape}"
        )
    use_profile = _use_profile(profile, starts, reduction)
    if n_refine is None:
        n_refine = 3 if use_profile else 10
    return _refine(
        grid,
        as_count(n_refine, "n_refine"),
        log_n,
        log_d,
        log_loss,
        as_scalar(delta, "delta", positive=True),
        scale,
        as_scalar(gtol, "gtol", nonnegative=True),
        profile=use_profile,
    )


def _use_profile(profile, starts, reduction) -> bool:
    if profile is None:
        return starts is None and reduction == "sum"
    if not isinstance(profile, (bool, np.bool_)):
        raise TypeError(f"profile must be True, False or None, got {profile!r}")
    return bool(profile)


def _profile_minima(starts, scores, limit: int = 6, n_best: int = 3):
    """Rows of ``starts`` (the profile grid, row-major over α then β) to refine.

    The ``limit`` best local minima of ``scores`` over the (α, β) grid, one per basin, and the
    ``n_best`` best points overall: neighbours of the best minimum, so that its basin is reached
    from more than one start and the agreement count can confirm it.
    """
    k = PROFILE_EXPONENTS.size
    surface = np.pad(scores.reshape(k, k), 1, constant_values=np.inf)
    centre = surface[1:-1, 1:-1]
    is_min = np.ones_like(centre, dtype=bool)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                is_min &= centre <= surface[1 + di : k + 1 + di, 1 + dj : k + 1 + dj]
    idx = np.flatnonzero(is_min & np.isfinite(centre))
    minima = idx[np.argsort(scores[idx], kind="stable")][:limit]
    best = np.argsort(scores, kind="stable")[:n_best]
    return starts[np.concatenate([minima, np.setdiff1d(best, minima)])]


def _refine(grid, n_refine, log_n, log_d, log_loss, delta, weights, gtol, *, profile):
    scores = _screen(grid, log_n, log_d, log_loss, delta, weights)
    order = np.argsort(scores, kind="stable")
    top_grid = order[: min(n_refine, len(order))]
    if profile:
        # The best grid starts often share one basin (e.g. β → 0 with a low E); the minima of the
        # (α, β) profile put a start in every other basin of the exponents.
        prof = _profile_starts(log_n, log_d, log_loss, weights)
        prof_scores = _screen(prof, log_n, log_d, log_loss, delta, weights)
        best = np.vstack([grid[top_grid], _profile_minima(prof, prof_scores)])
    else:
        _, per_exponents = np.unique(grid[order, 3:], axis=0, return_index=True)
        best = grid[order[np.union1d(top_grid, per_exponents)]]
    fun_and_grad = _objective(log_n, log_d, log_loss, delta, weights)
    optima = [minimize_multistart(fun_and_grad, [x0], gtol=gtol) for x0 in best]
    values = np.array([o.objective for o in optima])
    top = optima[int(np.argmin(values))]
    a, b, e, alpha, beta = (float(v) for v in top.x)
    n_agree = int(agreeing(values, float(weights.sum())).sum())
    for name, value, data in (("alpha", alpha, "n_params"), ("beta", beta, "n_tokens")):
        if value <= 0:
            raise ValueError(
                f"loss does not fall as {data} grows: the best fit has {name} = {value:.3g}, "
                f"and L = E + A/N^alpha + B/D^beta needs {name} > 0"
            )
    for name, log_value, exponent, value in (
        ("A", a, "alpha", alpha),
        ("B", b, "beta", beta),
    ):
        if log_value > np.log(np.finfo(float).max):
            raise ValueError(
                f"the fit diverged: {exponent} ran to {value:.3g} and {name} overflows a "
                f"float; the data do not determine {name} and {exponent} (the term "
                "describes only the smallest runs)"
            )
    problems, undetermined = [], []
    if not top.converged:
        problems.append(f"L-BFGS did not converge at the best point ({top.message})")
    if len(best) > 1 and n_agree < 2:
        problems.append(
            f"only 1 of {len(best)} refined starts reached the best objective, so it may "
            "be a local optimum"
        )
    terms = _undetermined_terms(a, b, e, alpha, beta, log_n, log_d, log_loss, weights)
    for message, params in terms:
        problems.append(message)
        undetermined.extend(params)
    if problems:
        warnings.warn(
            "chinchilla.fit: the optimum is not trustworthy: " + "; ".join(problems),
            FitWarning,
            stacklevel=3,
        )
    return FitResult(
        E=float(np.exp(e)),
        A=float(np.exp(a)),
        B=float(np.exp(b)),
        alpha=alpha,
        beta=beta,
        objective=top.objective,
        converged=not problems,
        n_starts=len(grid),
        n_refined=len(best),
        n_converged=sum(o.converged for o in optima),
        n_agree=n_agree,
        grad_norm=float(np.linalg.norm(fun_and_grad(top.x)[1])),
        x=tuple(float(v) for v in top.x),
        message=top.message,
        undetermined=tuple(dict.fromkeys(undetermined)),
    )


def _undetermined_terms(a, b, e, alpha, beta, log_n, log_d, log_loss, weights):
    """(explanation, parameter names) of each part of the law the data do not pin.

    An exponent above :data:`MAX_PLAUSIBLE_EXPONENT`; a reducible term that changes by less than
    :data:`MIN_TERM_SHARE` of the loss across the data; E smaller, as a share of the lowest
    predicted loss, than :data:`FLOOR_SCATTER_FACTOR` times the root-mean-square log residual
    of the fit (at least :data:`scaling.fitting.AGREE_RESIDUAL`): the data cannot tell E from 0.
    """
    with np.errstate(over="ignore", under="ignore"):
        log_pred = np.logaddexp(np.logaddexp(a - alpha * log_n, b - beta * log_d), e)
        floor = np.exp(log_pred).min()
        scatter = np.sqrt(weights @ (log_pred - log_loss) ** 2 / weights.sum())
        found = []
        for term, values, params, data, value in (
            ("A/N^alpha", np.exp(a - alpha * log_n), ("A", "alpha"), "N", alpha),
            ("B/D^beta", np.exp(b - beta * log_d), ("B", "beta"), "D", beta),
        ):
            pair = " and ".join(params)
            if value > MAX_PLAUSIBLE_EXPONENT:
                found.append(
                    (
                        f"{params[1]} = {value:.3g} is above the plausible "
                        f"{MAX_PLAUSIBLE_EXPONENT:g}: the term {term} describes only the "
                        f"smallest {data} in the data, so {pair} are not determined and "
                        f"extrapolation in {data} is unreliable",
                        params,
                    )
                )
                continue
            # A term that barely changes across the data (negligible, or constant because its
            # exponent is ~0 and it merges with E) is not determined by these data.
            span = (values.max() - values.min()) / floor
            if span < MIN_TERM_SHARE:
                found.append(
                    (
                        f"the term {term} changes by at most {span:.2g} of the loss across "
                        f"the data, so the data do not determine {pair} (nor E), and how "
                        f"the loss extrapolates in {data} is unknown",
                        (*params, "E"),
                    )
                )
        share = np.exp(e) / floor
        if share < FLOOR_SCATTER_FACTOR * max(scatter, AGREE_RESIDUAL):
            found.append(
                (
                    f"E = {np.exp(e):.3g} is {share:.2g} of the lowest loss, within "
                    f"{FLOOR_SCATTER_FACTOR:g}x the data's scatter about the fit "
                    f"({scatter:.2g}) of 0: the fit drove the "
                    "irreducible loss towards 0 and the data do not determine E (the loss "
                    "is far from saturating), so extrapolations fall as a pure power law "
                    "with no floor, which nothing here supports",
                    ("E",),
                )
            )
    return found


@dataclass(frozen=True)
class Bootstrap:
    """Bootstrap resamples of an Approach-3 fit: ``samples`` has columns E, A, B, α, β.

    References
    ----------
    Efron & Tibshirani 1993, Ch. 6 and 13; Besiroglu et al. 2024, Sec. 3.

    Examples
    --------
    >>> n = np.repeat([1e8, 3e8, 1e9, 3e9], 3)
    >>> d = np.tile([3e9, 1e10, 3e10], 4)
    >>> boot = bootstrap(n, d, EPOCH_2024.loss(n, d), n_resamples=40)
    >>> low, high = boot.interval(0.9)
    >>> [round(float(v), 3) for v in (low[3], high[3])]
    [0.348, 0.348]
    """

    fit: FitResult
    samples: np.ndarray
    n_converged: int

    def interval(self, level: float = 0.95):
        """Percentile interval (low, high) of each of E, A, B, α, β (Efron & Tibshirani 1993, Ch. 13)."""
        return percentile_interval(self.samples, level)

    @property
    def allocation_exponent(self) -> np.ndarray:
        """a = β/(α+β) of each resample (Hoffmann et al. 2022, Eq. 4)."""
        return self.samples[:, 4] / (self.samples[:, 3] + self.samples[:, 4])

    def __repr__(self) -> str:
        low, high = self.interval(0.95)
        spans = ", ".join(
            f"{p} [{lo:.4g}, {hi:.4g}]"
            for p, lo, hi in zip(PARAMETERS, low, high, strict=True)
        )
        return f"Bootstrap({len(self.samples)} resamples, {self.n_converged} converged; 95%: {spans})"


def bootstrap(
    n_params,
    n_tokens,
    loss,
    n_resamples: int = 1000,
    seed: int = 0,
    delta: float = 1e-3,
    *,
    reduction: str = "sum",
    gtol: float = 1e-10,
):
    """Refit on resampled points to get confidence intervals of E, A, B, α, β.

    Each resample is fitted by L-BFGS warm-started at the full-data optimum (found once by
    :func:`fit`); resampling is done with integer weights, so no data are copied.

    Parameters
    ----------
    n_params, n_tokens, loss : array_like
        As in :func:`fit`.
    n_resamples : int
        Number of resamples, at least :data:`scaling.fitting.MIN_RESAMPLES` (Besiroglu et al.
        use 4,000).
    seed : int
        Seed of the resampling (a non-negative integer).
    delta, reduction, gtol
        As in :func:`fit`; ``reduction="mean"`` with scipy's ``gtol=1e-5`` reproduces the
        too-narrow intervals of Hoffmann et al.

    Returns
    -------
    Bootstrap

    References
    ----------
    Efron & Tibshirani 1993, Ch. 6; Besiroglu et al. 2024, Sec. 3 (4,000 resamples; Hoffmann's
    intervals were too narrow because L-BFGS stopped early on the averaged loss).

    Examples
    --------
    >>> n = np.repeat([1e8, 3e8, 1e9, 3e9], 3)
    >>> d = np.tile([3e9, 1e10, 3e10], 4)
    >>> rng = np.random.default_rng(0)
    >>> y = HOFFMANN_2022.loss(n, d) * np.exp(rng.normal(0, 0.01, n.size))
    >>> boot = bootstrap(n, d, y, n_resamples=40)
    >>> boot.samples.shape
    (40, 5)
    """
    log_n, log_d, log_loss = _log_data(n_params, n_tokens, loss)
    b = as_count(n_resamples, "n_resamples", minimum=MIN_RESAMPLES)
    seed = as_seed(seed)
    full = fit(n_params, n_tokens, loss, delta, reduction=reduction, gtol=gtol)
    scale = 1.0 if reduction == "sum" else 1.0 / log_n.size
    samples, n_ok = [], 0
    d = as_scalar(delta, "delta", positive=True)
    for idx in bootstrap_indices(log_n.size, b, seed):
        weights = scale * np.bincount(idx, minlength=log_n.size)
        fun_and_grad = _objective(log_n, log_d, log_loss, d, weights)
        opt = minimize_multistart(fun_and_grad, [full.x], gtol=gtol)
        n_ok += opt.converged
        a, b, e, alpha, beta = opt.x
        samples.append((np.exp(e), np.exp(a), np.exp(b), alpha, beta))
    return Bootstrap(fit=full, samples=np.array(samples), n_converged=n_ok)


__all__ = [
    "EPOCH_2024",
    "HOFFMANN_2022",
    "HOFFMANN_2022_UNROUNDED",
    "FLOOR_SCATTER_FACTOR",
    "HOFFMANN_GRID",
    "PARAMETERS",
    "PRESETS",
    "MAX_PLAUSIBLE_EXPONENT",
    "MIN_TERM_SHARE",
    "PROFILE_EXPONENTS",
    "Bootstrap",
    "ChinchillaLaw",
    "FitResult",
    "FitWarning",
    "bootstrap",
    "fit",
]

"""Chinchilla's Approaches 1 and 2, the synthetic experiments they run on, and the power-law frontier.

Approach 1 reads the lowest loss at each budget off many training curves; Approach 2 fits a
parabola to each IsoFLOP profile. Both end in a power law N_opt ∝ C^a (Hoffmann et al. 2022,
Sec. 3.1–3.2). Approach 3 is :func:`scaling.chinchilla.fit`. Chapter 3 runs all three.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

from scaling import fmt
from scaling._validation import (
    as_array,
    as_count,
    as_positive,
    as_scalar,
    finite_result,
    same_length,
    scalar_or_array,
)
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.fitting import FitWarning
from scaling.powerlaw import fit_power_law, multiplicative_noise

GOPHER_FLOPS = 5.76e23
"""Gopher's training budget as used by Hoffmann et al. 2022 (Sec. 3, taken from Rae et al. 2021)."""

GOPHER = (280e9, 300e9)
"""Gopher: 280B parameters trained on 300B tokens (Rae et al. 2021; Hoffmann et al. 2022, Sec. 4)."""

CHINCHILLA = (70e9, 1.4e12)
"""Chinchilla: 70B parameters trained on 1.4T tokens (Hoffmann et al. 2022, Sec. 4)."""

ISOFLOP_BUDGETS = np.geomspace(6e18, 3e21, 9)
"""Nine IsoFLOP budgets from 6e18 to 3e21 FLOPs (Hoffmann et al. 2022, Sec. 3.2)."""

MODEL_SIZES = (70e6, 16e9)
"""Smallest and largest model sizes trained, 70M to over 16B parameters (Hoffmann et al. 2022, abstract)."""


@dataclass(frozen=True)
class Frontier:
    """Compute-optimal frontier N_opt = n_ref (C / flops_ref)^a with D_opt = C / (6 N_opt).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3 and Table 2 (N_opt ∝ C^a, D_opt ∝ C^b, a + b = 1 under C = 6ND).

    Examples
    --------
    >>> n, d = APPROACH1_2022.optimal(5.76e23)
    >>> f"{n:.3g} parameters, {d:.3g} tokens"
    '6.7e+10 parameters, 1.43e+12 tokens'
    """

    a: float
    n_ref: float
    flops_ref: float
    name: str = "fit"

    def __post_init__(self):
        for field in ("a", "n_ref", "flops_ref"):
            as_positive(getattr(self, field), field)

    @property
    def b(self) -> float:
        """Exponent of D_opt ∝ C^b, equal to 1 − a under C = 6ND."""
        return 1.0 - self.a

    def optimal(self, flops):
        """Compute-optimal (N_opt, D_opt) at budget C.

        References
        ----------
        Hoffmann et al. 2022, Sec. 3 (N_opt ∝ C^a) with C = 6ND.

        Examples
        --------
        >>> n, _ = APPROACH2_2022.optimal(5.76e23)
        >>> f"{n:.3g}"
        '6.3e+10'
        """
        c = as_positive(flops, "flops")
        with np.errstate(over="ignore", under="ignore", divide="ignore"):
            n = self.n_ref * (c / self.flops_ref) ** self.a
            d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        _finite_positive((n, "N_opt"), (d, "D_opt"))
        return scalar_or_array(n), scalar_or_array(d)

    def optimal_flops(self, n_params):
        """Budget C at which N is compute-optimal, and D_opt = C/(6N): the rows of Table 3 / A3.

        References
        ----------
        Hoffmann et al. 2022, Table 3 and Table A3.

        Examples
        --------
        >>> c, d = APPROACH1_2022.optimal_flops(1e9)
        >>> f"{c:.3g} FLOPs, {d:.3g} tokens"
        '1.28e+20 FLOPs, 2.14e+10 tokens'
        """
        n = as_positive(n_params, "n_params")
        with np.errstate(over="ignore", under="ignore", divide="ignore"):
            c = self.flops_ref * (n / self.n_ref) ** (1 / self.a)
            d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
        _finite_positive((c, "compute-optimal FLOPs"), (d, "D_opt"))
        return scalar_or_array(c), scalar_or_array(d)

    def __repr__(self) -> str:
        return f"Frontier({self.name}: N_opt = {self.n_ref:.3g} (C / {self.flops_ref:.3g})^{self.a:.4f})"


APPROACH1_2022 = Frontier(
    a=0.50, n_ref=67e9, flops_ref=GOPHER_FLOPS, name="Approach 1 (2022)"
)
"""Approach 1: a = 0.50 (Table 2), 67B parameters at the Gopher budget (Table 3)."""

APPROACH2_2022 = Frontier(
    a=0.49, n_ref=63e9, flops_ref=GOPHER_FLOPS, name="Approach 2 (2022)"
)
"""Approach 2: a = 0.49 (Table 2), about 63B parameters at the Gopher budget (Figure 3)."""

TABLE3_APPROACH1 = (
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
)
"""Rows (parameters, FLOPs, tokens) of Hoffmann et al. 2022, Table 3 (Approach 1), as printed."""

TABLE_A3_APPROACH2 = (
    (400e6, 1.84e19, 7.7e9),
    (1e9, 1.20e20, 20.0e9),
    (10e9, 1.32e22, 219.5e9),
    (67e9, 6.88e23, 1.7e12),
    (175e9, 4.54e24, 4.3e12),
    (280e9, 1.18e25, 7.1e12),
    (520e9, 4.19e25, 13.4e12),
    (1e12, 1.59e26, 26.5e12),
    (10e12, 1.75e28, 292.0e12),
)
"""Rows (parameters, FLOPs, tokens) of Hoffmann et al. 2022, Table A3, Approach 2, as printed."""

TABLE_A3_APPROACH3 = (
    (400e6, 2.21e19, 9.2e9),
    (1e9, 1.62e20, 27.1e9),
    (10e9, 2.46e22, 410.1e9),
    (67e9, 1.71e24, 4.1e12),
    (175e9, 1.26e24, 12.0e12),
    (280e9, 3.52e25, 20.1e12),
    (520e9, 1.36e26, 43.5e12),
    (1e12, 5.65e26, 94.1e12),
    (10e12, 8.55e28, 1425.5e12),
)
"""Rows (parameters, FLOPs, tokens) of Hoffmann et al. 2022, Table A3, Approach 3, as printed.

The 175B FLOPs entry, 1.26e24, is a typo: 6ND of its own row is 1.26e25."""

GOPHER_OPTIMA = {
    "Approach 1": (APPROACH1_2022.n_ref, TABLE3_APPROACH1[3][2]),
    "Approach 2": (APPROACH2_2022.n_ref, float("nan")),
    "Approach 3": (40e9, float("nan")),
}
"""Optimal (parameters, tokens) at the Gopher budget :data:`GOPHER_FLOPS` as the paper states them:
Approach 1 from Table 3 (67B on 1.5T), Approach 2 from Figure 3 (about 63B), Approach 3 from the
caption of Figure 4 (40B); NaN where the paper prints no token count (Hoffmann et al. 2022)."""

GOPHER_OPTIMUM_RANGE = (40e9, 70e9)
"""The paper's summary of the three approaches at the Gopher budget: an optimal model "somewhere
between 40 and 70 billion parameters" (Hoffmann et al. 2022, Sec. 4)."""

TABLE2_A = {
    "Approach 1": APPROACH1_2022.a,
    "Approach 2": APPROACH2_2022.a,
    "Approach 3": 0.46,
}
"""Exponent a of N_opt ∝ C^a by approach, as printed in Hoffmann et al. 2022, Table 2."""

TABLE2_A_INTERVAL_APPROACH3 = (0.454, 0.455)
"""10th-90th percentile bootstrap interval of Approach 3's a (Hoffmann et al. 2022, Table 2)."""


def _finite_positive(*pairs):
    for values, what in pairs:
        finite_result(values, what)
        if np.any(np.asarray(values) <= 0):
            raise ValueError(f"{what} underflows to 0: the input is too small")


def _check_law(law):
    if not isinstance(law, ChinchillaLaw):
        raise TypeError(
            f"law must be a scaling.chinchilla.ChinchillaLaw, got {type(law).__name__}"
        )


def _check_runs(runs):
    if not isinstance(runs, Runs):
        raise TypeError(
            f"runs must be a scaling.approaches.Runs, got {type(runs).__name__}"
        )


def fit_frontier(flops, n_opt, name: str = "fit") -> Frontier:
    """Least-squares line through (log C, log N_opt), returned as a :class:`Frontier`.

    Parameters
    ----------
    flops, n_opt : array_like
        Budgets and the compute-optimal sizes found at them (at least 2 points).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1–3.2 (power laws fitted to the minima of Approaches 1 and 2).

    Examples
    --------
    >>> fit_frontier([1e20, 1e22], [1e9, 1e10])
    Frontier(fit: N_opt = 3.16e+09 (C / 1e+21)^0.5000)
    """
    c = as_array(flops, "flops", positive=True)
    n = as_array(n_opt, "n_opt", positive=True)
    same_length((c, "flops"), (n, "n_opt"), min_points=2)
    line = fit_power_law(c, n)
    ref = float(np.exp(np.log(c).mean()))
    return Frontier(a=line.k, n_ref=float(line.predict(ref)), flops_ref=ref, name=name)


@dataclass(frozen=True)
class Runs:
    """Synthetic training runs: one row per (model, tokens) point; ``group`` is the curve or budget.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1–3.2 (the experiments these runs imitate).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> runs = isoflop_runs(EPOCH_2024, budgets=[1e20], n_sizes=3, noise=0)
    >>> [f"{c:.0e}" for c in runs.flops]
    ['1e+20', '1e+20', '1e+20']
    """

    n_params: np.ndarray
    n_tokens: np.ndarray
    loss: np.ndarray
    group: np.ndarray

    def __post_init__(self):
        # Stored as 1-D float arrays (group as integers), checked once here so that Approaches 1
        # and 2 never meet mismatched lengths, negatives or NaN.
        arrays = {
            name: as_array(getattr(self, name), name, positive=True).ravel()
            for name in ("n_params", "n_tokens", "loss")
        }
        group = as_array(self.group, "group").ravel()
        if np.any(group != np.round(group)):
            raise ValueError("group must hold integer labels")
        same_length(
            (arrays["n_params"], "n_params"),
            (arrays["n_tokens"], "n_tokens"),
            (arrays["loss"], "loss"),
            (group, "group"),
        )
        for name, values in arrays.items():
            object.__setattr__(self, name, values)
        object.__setattr__(self, "group", group.astype(int))

    @property
    def flops(self) -> np.ndarray:
        """Training compute 6ND of each point (Kaplan et al. 2020, Sec. 2.1)."""
        return TRAINING_FLOPS_PER_PARAM_TOKEN * self.n_params * self.n_tokens

    def __repr__(self) -> str:
        return f"Runs({self.loss.size} points in {np.unique(self.group).size} groups)"


def isoflop_runs(
    law: ChinchillaLaw,
    budgets=ISOFLOP_BUDGETS,
    n_sizes: int = 12,
    noise: float = 0.005,
    seed=0,
):
    """IsoFLOP experiment: at each budget, models 70M–16B with 1 to 400 tokens per parameter.

    Losses follow ``law`` with multiplicative log-normal noise of relative size ``noise``.

    Parameters
    ----------
    law : ChinchillaLaw
        The true law.
    budgets : array_like
        Training budgets C in FLOPs; defaults to Chinchilla's nine, 6e18 to 3e21.
    n_sizes : int
        Model sizes per budget, log-spaced.
    noise : float
        Standard deviation of the log-loss noise (0 for exact losses), see
        :func:`scaling.powerlaw.multiplicative_noise`.
    seed : int
        Seed of the noise (a non-negative integer).

    Returns
    -------
    Runs
        ``group`` is the index of the budget.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 and Figure 3 (9 budgets, 6e18–3e21 FLOPs).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> isoflop_runs(EPOCH_2024)
    Runs(108 points in 9 groups)
    """
    _check_law(law)
    c = as_array(budgets, "budgets", positive=True).ravel()
    k = as_count(n_sizes, "n_sizes", minimum=2)
    per_token = TRAINING_FLOPS_PER_PARAM_TOKEN
    lo = np.maximum(MODEL_SIZES[0], np.sqrt(c / (per_token * 400.0)))
    hi = np.minimum(MODEL_SIZES[1], np.sqrt(c / per_token))
    n = np.concatenate([np.geomspace(a, b, k) for a, b in zip(lo, hi, strict=True)])
    cc = np.repeat(c, k)
    d = cc / (per_token * n)
    return Runs(
        n,
        d,
        multiplicative_noise(
            law.loss(n, d), as_scalar(noise, "noise", nonnegative=True), seed
        ),
        np.repeat(np.arange(c.size), k),
    )


def training_curves(
    law: ChinchillaLaw,
    n_sizes: int = 16,
    tokens_per_param=(2.0, 200.0),
    n_points: int = 40,
    noise=0.005,
    seed=0,
):
    """Loss-versus-tokens curves of models from 70M to 16B parameters, for Approach 1.

    Each point is the final loss of a run of that length with a matched cosine schedule, which is
    what Hoffmann et al. approximate by training 4 horizons per size; here ``law`` gives it directly.

    Parameters
    ----------
    law : ChinchillaLaw
        The true law.
    n_sizes : int
        Number of model sizes, log-spaced over 70M–16B.
    tokens_per_param : (float, float)
        Range of D/N along each curve.
    n_points : int
        Points per curve.
    noise, seed
        As in :func:`isoflop_runs`.

    Returns
    -------
    Runs
        ``group`` is the index of the model size.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1 and Figure 2.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> training_curves(EPOCH_2024)
    Runs(640 points in 16 groups)
    """
    _check_law(law)
    k = as_count(n_sizes, "n_sizes", minimum=2)
    m = as_count(n_points, "n_points", minimum=2)
    ratio = as_array(tokens_per_param, "tokens_per_param", positive=True)
    if ratio.shape != (2,) or ratio[0] >= ratio[1]:
        raise ValueError(
            f"tokens_per_param must be a (low, high) pair with low < high, got {ratio.tolist()}"
        )
    lo, hi = ratio
    n = np.repeat(np.geomspace(*MODEL_SIZES, k), m)
    d = n * np.tile(np.geomspace(lo, hi, m), k)
    return Runs(
        n,
        d,
        multiplicative_noise(
            law.loss(n, d), as_scalar(noise, "noise", nonnegative=True), seed
        ),
        np.repeat(np.arange(k), m),
    )


@dataclass(frozen=True)
class Allocation:
    """Compute-optimal points found by Approach 1 or 2 and the power law fitted through them.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1–3.2 and Table 2.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> approach2(isoflop_runs(EPOCH_2024, noise=0))
    Allocation(9 budgets, a = 0.513, b = 0.487)
    """

    flops: np.ndarray
    n_opt: np.ndarray
    frontier: Frontier

    @property
    def d_opt(self) -> np.ndarray:
        """D_opt = C / (6 N_opt) at each budget."""
        return self.flops / (TRAINING_FLOPS_PER_PARAM_TOKEN * self.n_opt)

    def __repr__(self) -> str:
        return f"Allocation({self.flops.size} budgets, a = {self.frontier.a:.3f}, b = {self.frontier.b:.3f})"


def approach1(
    runs: Runs, flops_range=(1e18, 3e21), n_budgets: int = 1500
) -> Allocation:
    """Approach 1: at each budget take the model with the lowest loss on the training-curve envelope.

    Each curve's log-loss is interpolated linearly in log D at D = C / (6N); the best model at each
    of ``n_budgets`` log-spaced budgets gives (C, N_opt), then a power law is fitted.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1 (1,500 log-spaced FLOP values; Table 2: a = 0.50).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(approach1(training_curves(EPOCH_2024, noise=0)).frontier.a, 2)
    0.51
    """
    _check_runs(runs)
    span = as_array(flops_range, "flops_range", positive=True)
    if span.shape != (2,) or span[0] >= span[1]:
        raise ValueError(
            f"flops_range must be a (low, high) pair with low < high, got {span.tolist()}"
        )
    low, high = span
    flops = np.geomspace(low, high, as_count(n_budgets, "n_budgets", minimum=2))
    groups = np.unique(runs.group)
    sizes = np.empty(groups.size)
    table = np.full((groups.size, flops.size), np.inf)
    for i, g in enumerate(groups):
        rows = runs.group == g
        order = np.argsort(runs.n_tokens[rows])
        log_d, log_l = (
            np.log(runs.n_tokens[rows][order]),
            np.log(runs.loss[rows][order]),
        )
        sizes[i] = runs.n_params[rows][0]
        at = np.log(flops / (TRAINING_FLOPS_PER_PARAM_TOKEN * sizes[i]))
        inside = (at >= log_d[0]) & (at <= log_d[-1])
        table[i, inside] = np.interp(at[inside], log_d, log_l)
    covered = np.isfinite(table).any(axis=0)
    if not covered.any():
        raise ValueError("flops_range: no training curve reaches these budgets")
    n_opt = sizes[np.argmin(table[:, covered], axis=0)]
    return Allocation(
        flops[covered], n_opt, fit_frontier(flops[covered], n_opt, name="Approach 1")
    )


@dataclass(frozen=True)
class ProfileFit:
    """The parabola L = c₂ (log N)² + c₁ log N + c₀ through one IsoFLOP profile, and its vertex.

    ``used`` marks the runs the parabola went through. ``n_opt`` is None, and ``reason`` says
    why, when the profile has no interior minimum: its lowest loss is at its smallest or largest
    model, or the parabola opens downward or has its vertex outside the sizes it was fitted to.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 and Figure 3.

    Examples
    --------
    >>> n = np.geomspace(1e8, 1e10, 5)
    >>> f"{fit_profile(n, 2.0 + 0.05 * np.log(n / 1e9) ** 2).n_opt:.4g}"
    '1e+09'
    """

    n_opt: float | None
    coefficients: tuple | None
    used: np.ndarray
    reason: str | None = None

    def loss(self, n_params):
        """The parabola's loss at ``n_params`` (the profile must have a minimum).

        References
        ----------
        Hoffmann et al. 2022, Sec. 3.2.

        Examples
        --------
        >>> n = np.geomspace(1e8, 1e10, 5)
        >>> round(fit_profile(n, 2.0 + 0.05 * np.log(n / 1e9) ** 2).loss(1e9), 6)
        2.0
        """
        if self.coefficients is None:
            raise ValueError(f"this profile has no parabola: {self.reason}")
        return scalar_or_array(
            np.polyval(self.coefficients, np.log(as_positive(n_params, "n_params")))
        )


def fit_profile(n_params, loss, *, neighbours=None) -> ProfileFit:
    """Fit a parabola in log N to one IsoFLOP profile around its lowest loss; its vertex is N_opt.

    With ``neighbours=k`` only the sizes within k places of the lowest-loss size enter the
    parabola, as practitioners fit it: runs far out on the flanks (a large model trained for a
    few hundred steps, dominated by warmup) bend a parabola away from the minimum.

    Parameters
    ----------
    n_params, loss : array_like
        Model sizes and final losses of the runs of one budget, at least 3 distinct sizes.
    neighbours : int, optional
        Sizes kept on each side of the lowest loss; all sizes when None (Hoffmann et al.).

    Returns
    -------
    ProfileFit

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 and Figure 3 (a parabola per IsoFLOP profile).

    Examples
    --------
    >>> n = np.geomspace(1e8, 1e10, 7)
    >>> y = 2.0 + 0.05 * np.log(n / 1e9) ** 2
    >>> fit_profile(n, y, neighbours=1).used.tolist()
    [False, False, True, True, True, False, False]
    >>> fit_profile(n, np.linspace(3.0, 2.0, 7)).reason
    'its lowest loss is at its largest model (10B parameters): no interior minimum'
    """
    n = as_array(n_params, "n_params", positive=True).ravel()
    y = as_array(loss, "loss", positive=True).ravel()
    same_length((n, "n_params"), (y, "loss"))
    sizes, which = np.unique(n, return_inverse=True)
    if sizes.size < 3:
        raise ValueError(
            f"n_params has {sizes.size} model sizes, too few for a parabola (needs 3)"
        )
    k = sizes.size if neighbours is None else as_count(neighbours, "neighbours")
    counts = np.bincount(which)[None, :].astype(float)
    sums = np.bincount(which, weights=y)[None, :]
    log_vertex, coefficients, window, status = profile_vertices(
        np.log(sizes), counts, sums, k
    )
    if status[0] in (ENDS_SMALLEST, ENDS_LARGEST):
        best = sizes[0] if status[0] == ENDS_SMALLEST else sizes[-1]
        end = "smallest" if status[0] == ENDS_SMALLEST else "largest"
        reason = (
            f"its lowest loss is at its {end} model "
            f"({fmt.count(best, unit='parameters')}): no interior minimum"
        )
    elif status[0] == NO_VERTEX:
        lo, hi = sizes[window[0]].min(), sizes[window[0]].max()
        reason = (
            "its parabola has no minimum between "
            f"{fmt.count(lo)} and {fmt.count(hi, unit='parameters')}"
        )
    else:
        return ProfileFit(
            float(np.exp(log_vertex[0])),
            tuple(float(c) for c in coefficients[0]),
            window[0][which],
        )
    return ProfileFit(None, None, np.zeros(n.size, dtype=bool), reason)


VERTEX, ENDS_SMALLEST, ENDS_LARGEST, NO_VERTEX, TOO_FEW = range(5)
"""Outcomes of :func:`profile_vertices` for one profile (or resample of it)."""


def profile_vertices(log_sizes, counts, sums, neighbours: int):
    """The core of :func:`fit_profile` for many resamples of one profile at once.

    Row r of ``counts`` and ``sums`` holds, for each distinct size, how many runs resample r
    drew and the sum of their losses. Least squares on the runs equals least squares on the
    sizes' mean losses weighted by their counts, so each row's parabola is one weighted 3 × 3
    solve, batched.

    Parameters
    ----------
    log_sizes : numpy.ndarray, shape (q,)
        Log of the distinct model sizes, increasing.
    counts, sums : numpy.ndarray, shape (K, q)
        Runs drawn per size and the sum of their losses.
    neighbours : int
        Sizes kept on each side of the lowest mean loss (among the sizes drawn).

    Returns
    -------
    log_vertex : numpy.ndarray, shape (K,)
        log N_opt (NaN unless the status is :data:`VERTEX`).
    coefficients : numpy.ndarray, shape (K, 3)
        The parabola in log N, highest power first (as ``numpy.polyval`` takes it).
    window : numpy.ndarray of bool, shape (K, q)
        Sizes the parabola went through.
    status : numpy.ndarray of int, shape (K,)
        :data:`VERTEX`, :data:`ENDS_SMALLEST`, :data:`ENDS_LARGEST` (lowest loss at an end),
        :data:`NO_VERTEX` (parabola without a minimum inside its window) or :data:`TOO_FEW`
        (fewer than 3 sizes drawn).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2.

    Examples
    --------
    >>> x = np.log(np.geomspace(1e8, 1e10, 5))
    >>> counts = np.ones((1, 5))
    >>> vertex, _, _, status = profile_vertices(x, counts, 2 + 0.05 * (x - np.log(1e9)) ** 2, 2)
    >>> f"{np.exp(vertex[0]):.4g}", int(status[0]) == VERTEX
    ('1e+09', True)
    """
    present = counts > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, sums / np.where(present, counts, 1), np.inf)
    q = log_sizes.size
    best = np.argmin(mean, axis=1)
    first = np.argmax(present, axis=1)
    last = q - 1 - np.argmax(present[:, ::-1], axis=1)
    rank = np.cumsum(present, axis=1) - 1
    best_rank = np.take_along_axis(rank, best[:, None], axis=1)
    window = present & (np.abs(rank - best_rank) <= neighbours)
    status = np.full(len(counts), VERTEX)
    status[best == last] = ENDS_LARGEST
    status[best == first] = ENDS_SMALLEST
    status[present.sum(axis=1) < 3] = TOO_FEW
    # Weighted least squares in centred log N, for conditioning: p(u) = c2 u² + c1 u + c0.
    centre = log_sizes.mean()
    u = log_sizes - centre
    basis = np.stack([u**2, u, np.ones(q)], axis=-1)  # (q, 3)
    w = np.where(window, counts, 0.0)
    normal = np.einsum("kq,qi,qj->kij", w, basis, basis)
    rhs = np.einsum("kq,qi->ki", np.where(window, sums, 0.0), basis)
    ok = status == VERTEX
    c = np.full((len(counts), 3), np.nan)
    if ok.any():
        c[ok] = np.linalg.solve(normal[ok], rhs[ok][..., None])[..., 0]
    c2, c1, c0 = c.T
    with np.errstate(invalid="ignore", divide="ignore"):
        vertex = np.where(c2 > 0, -c1 / (2 * c2), np.nan)
        lo = np.where(window, u, np.inf).min(axis=1)
        hi = np.where(window, u, -np.inf).max(axis=1)
    inside = (vertex >= lo) & (vertex <= hi)
    status[ok & ~inside] = NO_VERTEX
    log_vertex = np.where(status == VERTEX, vertex + centre, np.nan)
    coefficients = np.column_stack(
        [c2, c1 - 2 * c2 * centre, c2 * centre**2 - c1 * centre + c0]
    )
    return log_vertex, coefficients, window, status


def approach2(runs: Runs, *, neighbours=None) -> Allocation:
    """Approach 2: fit a parabola to loss versus log N on each IsoFLOP profile; its vertex is N_opt.

    A profile without an interior minimum (see :func:`fit_profile`) is left out with a
    :class:`scaling.fitting.FitWarning` naming its budget: its vertex would be an
    extrapolation beyond the sizes run, not a measured optimum.

    Parameters
    ----------
    runs : Runs
        IsoFLOP runs, ``group`` the budget; each group needs 3 model sizes.
    neighbours : int, optional
        Passed to :func:`fit_profile`: sizes kept on each side of each profile's lowest loss
        (all when None, as Hoffmann et al. did).

    Raises
    ------
    ValueError
        When fewer than 2 profiles have an interior minimum: a frontier needs two points.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 and Figure 3 (Table 2: a = 0.49).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(approach2(isoflop_runs(EPOCH_2024, noise=0)).frontier.a, 2)
    0.51
    """
    _check_runs(runs)
    flops, n_opt = [], []
    for g in np.unique(runs.group):
        rows = runs.group == g
        budget = float(np.median(runs.flops[rows]))
        try:
            profile = fit_profile(
                runs.n_params[rows], runs.loss[rows], neighbours=neighbours
            )
        except ValueError as error:
            raise ValueError(f"runs: budget {g}: {error}") from None
        if profile.n_opt is None:
            warnings.warn(
                f"approach2: the IsoFLOP profile at {fmt.flops(budget)} is left out: "
                f"{profile.reason}",
                FitWarning,
                stacklevel=2,
            )
            continue
        flops.append(budget)
        n_opt.append(profile.n_opt)
    if len(flops) < 2:
        raise ValueError(
            f"runs: {len(flops)} IsoFLOP profile(s) have an interior minimum; the frontier "
            "needs 2"
        )
    flops, n_opt = np.array(flops), np.array(n_opt)
    return Allocation(flops, n_opt, fit_frontier(flops, n_opt, name="Approach 2"))


__all__ = [
    "APPROACH1_2022",
    "APPROACH2_2022",
    "CHINCHILLA",
    "GOPHER",
    "GOPHER_FLOPS",
    "GOPHER_OPTIMA",
    "GOPHER_OPTIMUM_RANGE",
    "ISOFLOP_BUDGETS",
    "MODEL_SIZES",
    "TABLE2_A",
    "TABLE2_A_INTERVAL_APPROACH3",
    "TABLE3_APPROACH1",
    "TABLE_A3_APPROACH2",
    "TABLE_A3_APPROACH3",
    "Allocation",
    "Frontier",
    "ProfileFit",
    "Runs",
    "approach1",
    "approach2",
    "fit_frontier",
    "fit_profile",
    "profile_vertices",
    "isoflop_runs",
    "training_curves",
]

"""Approaches 2 and 3 on a sweep, with bootstrap intervals, and the frozen results they return.

The fitting proper of :mod:`scaling.study`: IsoFLOP profiles and their frontier (Approach 2),
the Huber fit of the law (Approach 3), their resampling, and the warnings that say what the
data cannot carry.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from scaling import approaches, chinchilla, fmt
from scaling._validation import as_array, as_count, as_seed
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.fitting import (
    MIN_RESAMPLES,
    FitWarning,
    bootstrap_indices,
    minimize_multistart,
    percentile_interval,
)
from scaling.study.runs import REQUIRED_COLUMNS, check_runs, profile_budgets

MIN_STEPS = 500
"""Fewest optimizer steps a run may have without a warning. A learning-rate warmup commonly lasts
hundreds of steps, so a shorter run's loss says more about its schedule than about N and D (a
rule of thumb; ``min_steps`` changes it)."""

PROFILE_NEIGHBOURS = 2
"""Model sizes kept on each side of a profile's lowest loss for its parabola (see
:func:`scaling.approaches.fit_profile`): with sizes a factor 2–3 apart, a window of a factor
~5–10 each way, wide enough for the curvature and short of the flanks."""

DELTA = 1e-3
"""Huber threshold of the Approach-3 fit and its refits (Hoffmann et al. 2022, Appendix D.2)."""

LEVEL = 0.95
"""Coverage of the bootstrap intervals."""

MAX_FAILED_SHARE = 0.05
"""Largest share of bootstrap resamples that may fail (no frontier, or a diverged fit) before
the intervals are withheld: the failures are not random noise but resamples on which the method
breaks, so an interval from the rest would claim a precision the data do not have (with a 95 %
interval, 5 % failures could move either end)."""


@dataclass(frozen=True)
class Profile:
    """One IsoFLOP profile of a sweep and its Approach-2 parabola (see
    :class:`scaling.approaches.ProfileFit`).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2.

    Examples
    --------
    >>> n = np.geomspace(1e6, 1.6e7, 5)
    >>> runs = pd.DataFrame({"n_params": n, "n_tokens": 1e15 / (6 * n),
    ...                      "loss": [3.1, 2.95, 2.9, 2.95, 3.1]})
    >>> f"{fit_profiles(runs)[0].n_opt:.3g}"
    '4e+06'
    """

    flops: float
    rows: np.ndarray
    fit: approaches.ProfileFit | None
    reason: str | None

    @property
    def n_opt(self) -> float | None:
        """The profile's compute-optimal size, or None when it has no interior minimum."""
        return None if self.fit is None else self.fit.n_opt


def fit_profiles(runs, *, neighbours=PROFILE_NEIGHBOURS):
    """Approach 2 on each IsoFLOP profile of a sweep, around each profile's lowest loss.

    A budget with fewer than 3 model sizes is no profile (its runs still count for Approach
    3); a profile whose lowest loss is at an end, or whose parabola has no minimum inside its
    window, has no interior optimum. Both get a ``reason`` and no ``n_opt``.

    Parameters
    ----------
    runs : pandas.DataFrame
        A sweep (see :func:`check_runs`).
    neighbours : int
        Sizes kept on each side of the lowest loss (:data:`PROFILE_NEIGHBOURS`).

    Returns
    -------
    tuple of Profile
        One per budget, smallest first.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 and Figure 3.

    Examples
    --------
    >>> n = np.geomspace(1e6, 1.6e7, 5)
    >>> runs = pd.DataFrame({"n_params": n, "n_tokens": 1e15 / (6 * n),
    ...                      "loss": [3.0, 3.1, 3.2, 3.3, 3.4]})
    >>> fit_profiles(runs)[0].reason
    'its lowest loss is at its smallest model (1M parameters): no interior minimum'
    """
    runs = check_runs(runs)
    budgets = profile_budgets(runs)
    out = []
    for budget in np.unique(budgets):
        rows = np.flatnonzero(budgets == budget)
        n, y = runs["n_params"].to_numpy()[rows], runs["loss"].to_numpy()[rows]
        if np.unique(n).size < 3:
            reason = f"{np.unique(n).size} model size(s), too few for a parabola"
            out.append(Profile(float(budget), rows, None, reason))
            continue
        fit = approaches.fit_profile(n, y, neighbours=neighbours)
        out.append(Profile(float(budget), rows, fit, fit.reason))
    return tuple(out)


@dataclass(frozen=True)
class Optimum:
    """The compute-optimal run at one budget, with bootstrap intervals (None when not run).

    ``beyond`` is the budget divided by the largest budget of the sweep: above 1 the answer is
    an extrapolation. ``loss`` is None for Approach 2, which predicts no loss.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3 (N_opt and D_opt at a budget C = 6ND).

    Examples
    --------
    >>> Optimum(1e18, 1e8, 1.67e9, None, None, None, None, 10.0).n_tokens > 0
    True
    """

    flops: float
    n_params: float
    n_tokens: float
    loss: float | None
    n_params_interval: tuple | None
    n_tokens_interval: tuple | None
    loss_interval: tuple | None
    beyond: float

    def as_dict(self) -> dict:
        """The optimum as JSON-ready raw floats."""
        return {
            "flops": self.flops,
            "n_params": self.n_params,
            "n_tokens": self.n_tokens,
            "loss": self.loss,
            "n_params_interval": self.n_params_interval,
            "n_tokens_interval": self.n_tokens_interval,
            "loss_interval": self.loss_interval,
            "beyond_largest_budget": self.beyond,
        }


@dataclass(frozen=True)
class Approach2:
    """Approach 2 on a sweep: its profiles, the frontier N_opt ∝ C^a through their vertices
    (None with fewer than 2), the optima asked for and what went wrong.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2.

    Examples
    --------
    >>> Approach2((), None, (), ("no profile",)).frontier is None
    True
    """

    profiles: tuple
    frontier: approaches.Frontier | None
    optimal: tuple
    warnings: tuple


@dataclass(frozen=True)
class Approach3:
    """Approach 3 on a sweep: the Huber fit of L(N, D) (None if it failed), optima, warnings.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3; Besiroglu et al. 2024.

    Examples
    --------
    >>> Approach3(None, (), ("the fit failed",)).converged
    False
    """

    fit: chinchilla.FitResult | None
    optimal: tuple
    warnings: tuple

    @property
    def converged(self) -> bool:
        """True when the fit exists and says it is trustworthy (see FitResult.converged)."""
        return self.fit is not None and self.fit.converged


@dataclass(frozen=True)
class Study:
    """A fitted sweep: the validated runs, both approaches, and warnings about the data.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.

    Examples
    --------
    >>> from scaling.approaches import isoflop_runs
    >>> r = isoflop_runs(chinchilla.EPOCH_2024, budgets=[1e19, 1e20, 1e21], n_sizes=7, noise=0)
    >>> runs = pd.DataFrame({"n_params": r.n_params, "n_tokens": r.n_tokens, "loss": r.loss})
    >>> study = fit_runs(runs, at_flops=[1e22])
    >>> best = study.approach3.optimal[0]
    >>> round(best.n_params / chinchilla.EPOCH_2024.optimal(1e22)[0], 6), round(best.beyond, 6)
    (1.0, 10.0)
    """

    runs: pd.DataFrame
    approach2: Approach2
    approach3: Approach3
    warnings: tuple
    n_resamples: int

    @property
    def all_warnings(self) -> tuple:
        """Every warning: the data's, then Approach 2's, then Approach 3's."""
        return self.warnings + self.approach2.warnings + self.approach3.warnings

    def as_dict(self) -> dict:
        """The study as a JSON-ready dict (raw floats), as ``scaling --json fit`` prints it."""
        fit = self.approach3.fit
        frontier = self.approach2.frontier
        return {
            "command": "fit",
            "n_runs": len(self.runs),
            "bootstrap": self.n_resamples,
            "level": LEVEL if self.n_resamples else None,
            "warnings": list(self.warnings),
            "approach2": {
                "profiles": [
                    {
                        "flops": p.flops,
                        "n_runs": int(p.rows.size),
                        "n_used": 0 if p.fit is None else int(p.fit.used.sum()),
                        "n_params": p.n_opt,
                        "excluded": p.reason,
                    }
                    for p in self.approach2.profiles
                ],
                "frontier": None
                if frontier is None
                else {
                    "a": frontier.a,
                    "n_ref": frontier.n_ref,
                    "flops_ref": frontier.flops_ref,
                },
                "optimal": [o.as_dict() for o in self.approach2.optimal],
                "warnings": list(self.approach2.warnings),
            },
            "approach3": {
                "params": None
                if fit is None
                else {p: getattr(fit, p) for p in chinchilla.PARAMETERS},
                "converged": self.approach3.converged,
                "undetermined": [] if fit is None else list(fit.undetermined),
                "optimal": [o.as_dict() for o in self.approach3.optimal],
                "warnings": list(self.approach3.warnings),
            },
        }

    def __repr__(self) -> str:
        accepted = sum(p.n_opt is not None for p in self.approach2.profiles)
        return (
            f"Study({len(self.runs)} runs, {accepted}/{len(self.approach2.profiles)} "
            f"profiles with a minimum, Approach 3 converged={self.approach3.converged}, "
            f"{len(self.all_warnings)} warning(s))"
        )


def _check_study(study):
    if not isinstance(study, Study):
        raise TypeError(
            f"study must be a scaling.study.Study, got {type(study).__name__}"
        )


def fit_runs(
    runs,
    at_flops=None,
    *,
    n_resamples: int = 0,
    seed: int = 0,
    neighbours: int = PROFILE_NEIGHBOURS,
    min_steps: int = MIN_STEPS,
) -> Study:
    """Fit a sweep with Approaches 2 and 3 and give the compute-optimal run at each budget.

    Warnings are collected in the result (``Study.all_warnings``), not raised, so a script
    or notebook decides how to show them: profiles left out of Approach 2 (naming the budget),
    :class:`scaling.fitting.FitWarning` messages of the Approach-3 fit (e.g. E not determined),
    and runs with fewer than ``min_steps`` optimizer steps when ``steps`` is given. An
    optimum Approach 3 cannot support (its exponents or coefficients undetermined) is not
    reported; its loss is not reported when E is undetermined.

    Parameters
    ----------
    runs : pandas.DataFrame
        The sweep, see :func:`check_runs`.
    at_flops : array_like, optional
        Budgets C (FLOPs) to answer for; default: the sweep's IsoFLOP budgets.
    n_resamples : int
        Bootstrap resamples for 95 % intervals (0: none; else at least
        :data:`scaling.fitting.MIN_RESAMPLES`). Approach 2 resamples runs within each
        profile; Approach 3 resamples all runs, refitting from the full-data optimum.
    seed : int
        Seed of the resampling.
    neighbours : int
        Sizes on each side of each profile's lowest loss used by its parabola.
    min_steps : int
        Runs with fewer optimizer steps than this are reported (when ``steps`` is given).

    Returns
    -------
    Study

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2–3.3 (Approaches 2 and 3); Besiroglu et al. 2024 (the
    summed Huber fit and its bootstrap); Efron & Tibshirani 1993, Ch. 13.

    Examples
    --------
    >>> from scaling.approaches import isoflop_runs
    >>> truth = chinchilla.EPOCH_2024
    >>> r = isoflop_runs(truth, budgets=[1e19, 1e20, 1e21], n_sizes=7, noise=0)
    >>> runs = pd.DataFrame({"n_params": r.n_params, "n_tokens": r.n_tokens, "loss": r.loss})
    >>> study = fit_runs(runs)
    >>> [round(o.n_params / truth.optimal(o.flops)[0], 2) for o in study.approach2.optimal]
    [1.0, 1.0, 1.0]
    """
    runs = check_runs(runs)
    b = as_count(n_resamples, "n_resamples", minimum=0)
    if 0 < b < MIN_RESAMPLES:
        raise ValueError(
            f"n_resamples must be 0 or at least {MIN_RESAMPLES}, got {n_resamples}"
        )
    seed = as_seed(seed)
    notes = list(_step_warnings(runs, as_count(min_steps, "min_steps", minimum=0)))
    neighbours = as_count(neighbours, "neighbours")
    profiles = fit_profiles(runs, neighbours=neighbours)
    largest = max(p.flops for p in profiles)
    if at_flops is None:
        budgets = np.array([p.flops for p in profiles if p.n_opt is not None])
        budgets = budgets if budgets.size else np.array([largest])
    else:
        budgets = as_array(at_flops, "at_flops", positive=True).ravel()
    with np.errstate(under="ignore"):
        two = _approach2(runs, profiles, budgets, largest, b, seed, neighbours)
        three = _approach3(runs, budgets, largest, b, seed)
    return Study(runs, two, three, tuple(notes), b)


def _step_warnings(runs, min_steps):
    if "steps" not in runs or not min_steps:
        return
    short = runs[runs["steps"] < min_steps]
    if len(short):
        worst = short.loc[short["steps"].idxmin()]
        yield (
            f"{len(short)} of {len(runs)} runs have fewer than {fmt.number(min_steps)} "
            f"optimizer steps (fewest: {fmt.number(worst['steps'])}, a "
            f"{fmt.count(worst['n_params'], unit='parameters')} model): their loss is "
            "dominated by warmup and the schedule, so they bias both fits"
        )


def _approach2(runs, profiles, budgets, largest, n_resamples, seed, neighbours):
    notes = [
        f"Approach 2 leaves out the profile at {fmt.flops(p.flops)}: {p.reason}"
        for p in profiles
        if p.fit is not None and p.n_opt is None
    ]
    loose = [p for p in profiles if p.fit is None]
    if loose:
        notes.append(
            f"{sum(p.rows.size for p in loose)} runs at {len(loose)} budget(s) with fewer "
            "than 3 model sizes form no IsoFLOP profile (Approach 3 still fits them)"
        )
    found = [(p.flops, p.n_opt) for p in profiles if p.n_opt is not None]
    if len(found) < 2:
        notes.append(
            f"Approach 2 needs 2 IsoFLOP profiles with an interior minimum to fit a "
            f"frontier; this sweep has {len(found)}, so it gives no optimum"
        )
        return Approach2(profiles, None, (), tuple(notes))
    flops, n_opt = np.array(found).T
    frontier = approaches.fit_frontier(flops, n_opt, name="Approach 2")
    samples = None
    if n_resamples:
        samples, failed = _approach2_resamples(
            runs, profiles, budgets, n_resamples, seed, neighbours
        )
        if failed > MAX_FAILED_SHARE * n_resamples:
            notes.append(
                f"Approach 2 reports no intervals: in {failed} of {n_resamples} resamples "
                "fewer than 2 profiles kept an interior minimum, so its optimum itself "
                "rests on a few runs"
            )
            samples = None
        elif failed:
            notes.append(
                f"{failed} of {n_resamples} Approach-2 resamples had fewer than 2 profiles "
                "with a minimum and were dropped from its intervals"
            )
    n_best, d_best = frontier.optimal(budgets)
    optimal = []
    for i, c in enumerate(budgets):
        n_int = d_int = None
        if samples is not None:
            n_int = _interval(samples[:, i])
            d_int = tuple(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n) for n in n_int[::-1])
        optimal.append(
            Optimum(
                float(c),
                float(np.atleast_1d(n_best)[i]),
                float(np.atleast_1d(d_best)[i]),
                None,
                n_int,
                d_int,
                None,
                float(c / largest),
            )
        )
    return Approach2(profiles, frontier, tuple(optimal), tuple(notes))


def _approach2_resamples(runs, profiles, budgets, n_resamples, seed, neighbours):
    """N_opt at each budget for each resample of runs drawn within each profile.

    Every resample of a profile is fitted at once (:func:`scaling.approaches.profile_vertices`),
    then each resample's frontier is the least-squares line through its vertices.
    """
    n_all, y_all = runs["n_params"].to_numpy(), runs["loss"].to_numpy()
    usable = [p for p in profiles if p.n_opt is not None]
    log_vertex = np.empty((n_resamples, len(usable)))
    for k, p in enumerate(usable):
        sizes, which = np.unique(n_all[p.rows], return_inverse=True)
        idx = bootstrap_indices(p.rows.size, n_resamples, seed + k)
        onehot = which[idx][..., None] == np.arange(sizes.size)  # (K, runs, sizes)
        counts = onehot.sum(axis=1).astype(float)
        sums = np.einsum("krq,kr->kq", onehot, y_all[p.rows][idx])
        log_vertex[:, k] = approaches.profile_vertices(
            np.log(sizes), counts, sums, neighbours
        )[0]
    found = np.isfinite(log_vertex)
    x = np.where(found, np.log([p.flops for p in usable]), 0.0)
    y = np.where(found, log_vertex, 0.0)
    m = found.sum(axis=1)
    ok = (m >= 2) & (np.where(found, x, np.inf).min(axis=1) < x.max(axis=1))
    with np.errstate(invalid="ignore", divide="ignore"):
        mx, my = x.sum(axis=1) / m, y.sum(axis=1) / m
        dx = np.where(found, x - mx[:, None], 0.0)
        slope = (dx * (y - my[:, None])).sum(axis=1) / (dx**2).sum(axis=1)
    log_n = my[ok, None] + slope[ok, None] * (np.log(budgets)[None, :] - mx[ok, None])
    out = np.exp(log_n)
    return (out if len(out) else None), int((~ok).sum())


def _approach3(runs, budgets, largest, n_resamples, seed):
    n, d, y = (runs[c].to_numpy() for c in REQUIRED_COLUMNS)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", FitWarning)
        try:
            fit = chinchilla.fit(n, d, y, DELTA)
        except ValueError as error:
            return Approach3(None, (), (f"Approach 3 failed: {error}",))
    notes = [
        str(w.message).replace("chinchilla.fit: ", "Approach 3: ")
        for w in caught
        if issubclass(w.category, FitWarning)
    ]
    undetermined = set(fit.undetermined)
    if undetermined & {"A", "B", "alpha", "beta"}:
        notes.append(
            "Approach 3 reports no optimum: with "
            f"{', '.join(sorted(undetermined - {'E'}))} undetermined, N_opt is not either"
        )
        return Approach3(fit, (), tuple(notes))
    with_loss = "E" not in undetermined
    if not with_loss:
        notes.append(
            "Approach 3 reports no predicted loss: it rests on E, which these data do "
            "not determine"
        )
    law = fit.law
    samples = _approach3_resamples(n, d, y, fit, budgets, n_resamples, seed, notes)
    optimal = []
    for i, c in enumerate(budgets):
        n_opt, d_opt = (float(v) for v in law.optimal(c))
        intervals = (None, None, None)
        if samples is not None:
            intervals = tuple(_interval(samples[:, i, k]) for k in range(3))
        optimal.append(
            Optimum(
                float(c),
                n_opt,
                d_opt,
                float(law.loss(n_opt, d_opt)) if with_loss else None,
                intervals[0],
                intervals[1],
                intervals[2] if with_loss else None,
                float(c / largest),
            )
        )
    return Approach3(fit, tuple(optimal), tuple(notes))


def _approach3_resamples(n, d, y, fit, budgets, n_resamples, seed, notes):
    """(N_opt, D_opt, loss) at each budget for each bootstrap refit of the law.

    As :func:`scaling.chinchilla.bootstrap` (resamples as integer weights, L-BFGS warm-started
    at the full-data optimum), with log N and log D centred: that decorrelates (log A, α) and
    (log B, β), and L-BFGS needs about half the steps.
    """
    if not n_resamples:
        return None
    log_y = np.log(y)
    log_n, log_d = np.log(n), np.log(d)
    mid_n, mid_d = log_n.mean(), log_d.mean()
    start = np.array(fit.x)
    start[:2] -= start[3:] * (mid_n, mid_d)
    samples = []
    for idx in bootstrap_indices(n.size, n_resamples, seed):
        weights = np.bincount(idx, minlength=n.size).astype(float)
        objective = chinchilla._objective(
            log_n - mid_n, log_d - mid_d, log_y, DELTA, weights
        )
        x = minimize_multistart(objective, [start]).x
        samples.append(
            (np.exp(x[2]), x[0] + x[3] * mid_n, x[1] + x[4] * mid_d, x[3], x[4])
        )
    e, log_a, log_b, alpha, beta = (np.array(samples)[:, k, None] for k in range(5))
    with np.errstate(all="ignore"):
        log_c6 = np.log(budgets / TRAINING_FLOPS_PER_PARAM_TOKEN)[None, :]
        log_g = (np.log(alpha / beta) + log_a - log_b) / (alpha + beta)
        log_n_opt = log_g + beta / (alpha + beta) * log_c6
        log_d_opt = log_c6 - log_n_opt
        loss = e + np.exp(log_a - alpha * log_n_opt) + np.exp(log_b - beta * log_d_opt)
        out = np.stack([np.exp(log_n_opt), np.exp(log_d_opt), loss], axis=-1)
    ok = np.isfinite(out).all(axis=(1, 2)) & (alpha[:, 0] > 0) & (beta[:, 0] > 0)
    dropped = n_resamples - int(ok.sum())
    if dropped > MAX_FAILED_SHARE * n_resamples:
        notes.append(
            f"Approach 3 reports no intervals: {dropped} of {n_resamples} resamples "
            "diverged (an exponent ran off), so the fit itself is fragile"
        )
        return None
    if dropped:
        notes.append(
            f"{dropped} of {n_resamples} Approach-3 resamples diverged (an exponent "
            "ran off) and were dropped from its intervals"
        )
    return out[ok]


def _interval(values) -> tuple:
    low, high = percentile_interval(np.asarray(values, dtype=float), LEVEL)
    return float(low), float(high)

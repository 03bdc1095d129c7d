"""The data wall: training-set growth against the stock of public human text (Villalobos et al. 2024).

Chapter 7 (``notebooks/07_critiques``) projects the year the largest training runs use up the stock,
and how over-training and repetition move that year.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.stats import norm

from scaling._validation import (
    as_array,
    as_count,
    as_fraction,
    as_positive,
    as_scalar,
    as_seed,
    finite_result,
    same_shape,
    scalar_or_array,
)
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN

DATASET_GROWTH_OOM_PER_YEAR = 0.38
"""Growth of the largest training sets, orders of magnitude per year (about 2.4x per year): the
historical dataset-size trend of Villalobos et al. 2024 (arXiv:2211.04325v2)."""

DATASET_GROWTH_CI95 = (0.27, 0.48)
"""95% interval of that growth rate, orders of magnitude per year (Villalobos et al. 2024, v2)."""

EFFECTIVE_STOCK_TOKENS = 3e14
"""Effective stock of public human text: high-quality enough to train on, multi-epoch use included
(median; Villalobos et al. 2024 as summarised in Epoch AI's companion post, "on the order of 300T")."""

EFFECTIVE_STOCK_CI90 = (1e14, 1e15)
"""90% interval of the effective stock, tokens (Epoch AI's companion post to Villalobos et al. 2024)."""

PAPER_DATASET_AT_EXHAUSTION = 4e14
"""Dataset size when the stock is used up in the median projection, about 4e14 tokens, reached in 2028
(Villalobos et al. 2024, Figure 1 caption)."""

PAPER_FLOPS_AT_EXHAUSTION = 5e28
"""Training compute of a non-over-trained model on that dataset, about 5e28 FLOP (Villalobos et al.
2024, Figure 1 caption)."""

PAPER_EXHAUSTION_YEAR = 2028
"""Median year of full use of the stock (Villalobos et al. 2024, Figure 1 caption)."""

PAPER_EXHAUSTION_INTERVAL = (2026, 2032)
"""Range for that year: "between 2026 and 2032" (Villalobos et al. 2024, abstract), an 80% interval
(Epoch AI's companion post)."""

ANCHOR_TOKENS = 15.6e12
"""Llama 3 405B, the largest published training set when the paper appeared: 15.6T text tokens
(Dubey et al. 2024, pre-training)."""

ANCHOR_YEAR = 2024.5
"""Mid-2024, when Llama 3 405B was released (Dubey et al. 2024)."""


def dataset_size(
    year,
    *,
    growth_oom_per_year=DATASET_GROWTH_OOM_PER_YEAR,
    anchor_tokens=ANCHOR_TOKENS,
    anchor_year=ANCHOR_YEAR,
):
    """Largest training set in ``year`` if the log-linear trend holds: D₀·10^(g·(t − t₀)).

    References
    ----------
    Villalobos et al. 2024 (v2), historical dataset-size trend.

    Examples
    --------
    >>> f"{dataset_size(2025.5):.3g}"
    '3.74e+13'
    """
    t = as_array(year, "year")
    g = as_scalar(growth_oom_per_year, "growth_oom_per_year", positive=True)
    d0 = as_scalar(anchor_tokens, "anchor_tokens", positive=True)
    t0 = as_scalar(anchor_year, "anchor_year")
    with np.errstate(over="ignore", under="ignore"):
        out = d0 * 10 ** (g * (t - t0))
    finite_result(out, "dataset size")
    if np.any(out <= 0):
        raise ValueError("year is too early: the dataset size underflows to 0")
    return scalar_or_array(out)


def exhaustion_year(
    stock_tokens,
    *,
    growth_oom_per_year=DATASET_GROWTH_OOM_PER_YEAR,
    anchor_tokens=ANCHOR_TOKENS,
    anchor_year=ANCHOR_YEAR,
):
    """Year the trend line reaches the stock: t₀ + log10(stock / D₀) / g.

    Parameters
    ----------
    stock_tokens : array_like
        Usable stock in tokens (> 0).
    growth_oom_per_year : array_like
        Trend growth g in orders of magnitude per year (> 0).
    anchor_tokens, anchor_year : float
        A point (t₀, D₀) on the trend.

    References
    ----------
    Villalobos et al. 2024, Figure 1 (intersection of the stock and dataset projections).

    Examples
    --------
    >>> round(exhaustion_year(4e14), 1)
    2028.2
    """
    stock = as_positive(stock_tokens, "stock_tokens")
    g = as_positive(growth_oom_per_year, "growth_oom_per_year")
    same_shape((stock, "stock_tokens"), (g, "growth_oom_per_year"))
    d0 = as_scalar(anchor_tokens, "anchor_tokens", positive=True)
    t0 = as_scalar(anchor_year, "anchor_year")
    return scalar_or_array(t0 + np.log10(stock / d0) / g)


def years_gained(stock_multiplier, *, growth_oom_per_year=DATASET_GROWTH_OOM_PER_YEAR):
    """Years by which multiplying the usable stock by m delays exhaustion: log10(m) / g (negative if m < 1).

    References
    ----------
    Villalobos et al. 2024 (v2), log-linear dataset-size trend.

    Examples
    --------
    >>> round(years_gained(10), 2)
    2.63
    """
    m = as_positive(stock_multiplier, "stock_multiplier")
    g = as_scalar(growth_oom_per_year, "growth_oom_per_year", positive=True)
    return scalar_or_array(np.log10(m) / g)


def overtrained_dataset_factor(overtraining):
    """Dataset growth at fixed compute when tokens per parameter are multiplied by k: √k.

    Under C = 6ND with D = k·r·N, D = √(k·r·C/6), so over-training by k needs √k times more data
    for the same compute, whatever the law.

    References
    ----------
    Villalobos et al. 2024 (v2): over-trained models reach the stock earlier (5x: about a year).

    Examples
    --------
    >>> round(overtrained_dataset_factor(5), 3)
    2.236
    """
    k = as_positive(overtraining, "overtraining")
    return scalar_or_array(np.sqrt(k))


def flops_for_optimal_tokens(law: ChinchillaLaw, n_tokens):
    """Compute at which the compute-optimal dataset of ``law`` has D tokens: C = 6·(G·D)^(1/b).

    References
    ----------
    Hoffmann et al. 2022, Eq. 4 (D_opt = G^-1 (C/6)^b), inverted.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> f"{flops_for_optimal_tokens(EPOCH_2024, 1.33e12):.2g}"
    '5.8e+23'
    """
    if not isinstance(law, ChinchillaLaw):
        raise TypeError(
            f"law must be a scaling.chinchilla.ChinchillaLaw, got {type(law).__name__}"
        )
    d = as_positive(n_tokens, "n_tokens")
    with np.errstate(over="ignore", under="ignore"):
        out = TRAINING_FLOPS_PER_PARAM_TOKEN * (law.G * d) ** (1 / law.b)
    finite_result(out, "FLOPs")
    if np.any(out <= 0):
        raise ValueError("n_tokens is too small: the compute underflows to 0")
    return scalar_or_array(out)


@dataclass(frozen=True)
class ExhaustionForecast:
    """Median and central interval of the exhaustion year from sampled stock and growth rate."""

    median: float
    low: float
    high: float
    level: float
    n_samples: int

    def __repr__(self) -> str:
        return (
            f"ExhaustionForecast(median {self.median:.1f}, {self.level:.0%} interval "
            f"{self.low:.1f}–{self.high:.1f}, {self.n_samples} samples)"
        )


def exhaustion_forecast(
    *, level: float = 0.8, n_samples: int = 100_000, seed: int = 0
) -> ExhaustionForecast:
    """Monte Carlo interval for the exhaustion year from the two published uncertainties.

    The growth rate is drawn from a normal matching its 95% interval, and log10 of the stock from a
    normal matching its 90% interval; each draw gives a year by :func:`exhaustion_year`. This keeps only
    these two sources of uncertainty (not the paper's full model), so its interval is a lower bound on
    the spread.

    Parameters
    ----------
    level : float
        Central probability of the interval, in (0, 1] (the paper reports 80%).
    n_samples : int
        Number of draws (>= 100).
    seed : int
        Seed of the random generator (a non-negative integer).

    References
    ----------
    Villalobos et al. 2024 (v2) for the growth-rate interval; Epoch AI's companion post for the stock interval.

    Examples
    --------
    >>> fc = exhaustion_forecast(n_samples=20_000, seed=1)
    >>> 2027 < fc.median < 2029
    True
    """
    lev = as_fraction(level, "level")
    n = as_count(n_samples, "n_samples", minimum=100)
    rng = np.random.default_rng(as_seed(seed))
    g_lo, g_hi = DATASET_GROWTH_CI95
    growth = rng.normal(
        DATASET_GROWTH_OOM_PER_YEAR, (g_hi - g_lo) / (2 * norm.ppf(0.975)), n
    )
    s_lo, s_hi = np.log10(EFFECTIVE_STOCK_CI90)
    log_stock = rng.normal(
        np.log10(EFFECTIVE_STOCK_TOKENS), (s_hi - s_lo) / (2 * norm.ppf(0.95)), n
    )
    years = exhaustion_year(
        10**log_stock, growth_oom_per_year=np.clip(growth, 1e-3, None)
    )
    low, median, high = np.quantile(years, [(1 - lev) / 2, 0.5, (1 + lev) / 2])
    return ExhaustionForecast(float(median), float(low), float(high), lev, n)


__all__ = [
    "ANCHOR_TOKENS",
    "ANCHOR_YEAR",
    "DATASET_GROWTH_CI95",
    "DATASET_GROWTH_OOM_PER_YEAR",
    "EFFECTIVE_STOCK_CI90",
    "EFFECTIVE_STOCK_TOKENS",
    "PAPER_DATASET_AT_EXHAUSTION",
    "PAPER_EXHAUSTION_INTERVAL",
    "PAPER_EXHAUSTION_YEAR",
    "PAPER_FLOPS_AT_EXHAUSTION",
    "ExhaustionForecast",
    "dataset_size",
    "exhaustion_forecast",
    "exhaustion_year",
    "flops_for_optimal_tokens",
    "overtrained_dataset_factor",
    "years_gained",
]

"""Why Kaplan's N_opt ∝ C^0.73 and Chinchilla's C^0.5 differ: Pearce & Song's simulation.

Kaplan et al. counted non-embedding parameters N_\\E and studied small models. If the true loss is a
Chinchilla law in total parameters N_T = N_\\E + embeddings, the compute-optimal N_\\E, read off at
small scale against non-embedding compute, grows with a much larger local exponent. Chapter 4.
"""

from __future__ import annotations

import numpy as np

from scaling._validation import (
    as_array,
    as_count,
    as_positive,
    scalar_or_array,
)
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.powerlaw import fit_power_law

EMBEDDING_COEF = 47491.0
"""c in N_T = N_\\E + c N_\\E^(1/3), fitted to Chinchilla's model shapes (Pearce & Song 2024, Sec. 3)."""

KAPLAN_SIZE_RANGE = (768.0, 1.5e9)
"""Non-embedding model sizes studied by Kaplan et al. 2020 (Sec. 2, 768 to 1.5B parameters)."""


def total_params(n_nonembedding):
    """Total parameters N_T = N_\\E + 47491 N_\\E^(1/3) of a model with N_\\E non-embedding parameters.

    The cube root follows from a fixed aspect ratio: N_\\E ∝ d_model³ while embeddings ∝ d_model.

    References
    ----------
    Pearce & Song 2024, Sec. 3 (vocabulary 32k, d_model / n_layers = 39.2, fit to Chinchilla's
    configurations).

    Examples
    --------
    >>> f"{total_params(1e6):.3g}"
    '5.75e+06'
    """
    n = as_positive(n_nonembedding, "n_nonembedding")
    return scalar_or_array(n + EMBEDDING_COEF * np.cbrt(n))


MAX_GRID_POINTS = 10**7
"""Most points :func:`nonembedding_optimum` searches: 13 decades at 10^7 points are steps of
3 × 10⁻⁶ in log N, already below what the minimum's location can use (one grid is 80 MB)."""


def nonembedding_optimum(
    law: ChinchillaLaw, flops_nonembedding, grid_points: int = 20001
):
    """Non-embedding size N*_\\E that minimises the law at non-embedding compute C_\\E = 6 N_\\E D.

    The loss is ``law.loss(total_params(N_\\E), C_\\E / (6 N_\\E))``, minimised on a log grid of
    N_\\E from 10 to 1e14 (relative resolution 0.16 %).

    References
    ----------
    Pearce & Song 2024, Sec. 3–4.

    Examples
    --------
    >>> from scaling.chinchilla import HOFFMANN_2022
    >>> f"{nonembedding_optimum(HOFFMANN_2022, 1e18):.2g}"
    '5e+07'
    """
    if not isinstance(law, ChinchillaLaw):
        raise TypeError(
            f"law must be a scaling.chinchilla.ChinchillaLaw, got {type(law).__name__}"
        )
    c = as_array(flops_nonembedding, "flops_nonembedding", positive=True)
    k = as_count(grid_points, "grid_points", minimum=3)
    if k > MAX_GRID_POINTS:
        raise ValueError(
            f"grid_points must be at most {MAX_GRID_POINTS:,} (a resolution finer than "
            f"floats resolve), got {k:g}"
        )
    n_star, edge = _grid_optimum(law, c, k)
    if edge.any():
        bad = float(c.reshape(-1)[np.flatnonzero(edge)[0]])
        raise ValueError(
            f"flops_nonembedding = {bad:.3g}: the optimum lies at the edge of the searched "
            f"sizes {SEARCH_RANGE[0]:g}-{SEARCH_RANGE[1]:g}, so it is not a minimum; use "
            "budgets whose optimum falls inside that range"
        )
    return scalar_or_array(n_star)


def _grid_optimum(law, c, k):
    """Grid minimiser of the loss for each budget, and whether it sits on the grid's edge."""
    sizes = np.geomspace(*SEARCH_RANGE, k)
    with np.errstate(over="ignore", under="ignore", divide="ignore"):
        tokens = c.reshape(-1, 1) / (TRAINING_FLOPS_PER_PARAM_TOKEN * sizes)
        loss = (
            law.E + law.A / total_params(sizes) ** law.alpha + law.B / tokens**law.beta
        )
    best = np.argmin(loss, axis=1)
    edge = (best == 0) | (best == k - 1)
    return sizes[best].reshape(c.shape), edge.reshape(c.shape)


SEARCH_RANGE = (10.0, 1e14)
"""Non-embedding sizes searched by :func:`nonembedding_optimum`, log-spaced."""


def local_exponent(
    law: ChinchillaLaw, size_range=KAPLAN_SIZE_RANGE, n_budgets: int = 161
) -> float:
    """Slope of log N*_\\E against log C_\\E where N*_\\E falls in ``size_range``: "Kaplan's" exponent.

    References
    ----------
    Pearce & Song 2024, Sec. 4 (0.78 with Epoch's coefficients, 0.74 with Chinchilla's, against
    Kaplan et al. 2020's 0.73).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(local_exponent(EPOCH_2024), 2)
    0.79
    """
    span = as_array(size_range, "size_range", positive=True)
    if span.shape != (2,) or span[0] >= span[1]:
        raise ValueError(
            f"size_range must be a (low, high) pair with low < high, got {span.tolist()}"
        )
    low, high = span
    budgets = np.geomspace(1e8, 1e26, as_count(n_budgets, "n_budgets", minimum=2))
    if not isinstance(law, ChinchillaLaw):
        raise TypeError(
            f"law must be a scaling.chinchilla.ChinchillaLaw, got {type(law).__name__}"
        )
    n_star, edge = _grid_optimum(law, budgets, 20001)
    inside = (n_star >= low) & (n_star <= high) & ~edge
    if inside.sum() < 2:
        raise ValueError(f"size_range: fewer than 2 optima fall in {low:g}-{high:g}")
    return fit_power_law(budgets[inside], n_star[inside]).k


__all__ = [
    "EMBEDDING_COEF",
    "KAPLAN_SIZE_RANGE",
    "MAX_GRID_POINTS",
    "local_exponent",
    "nonembedding_optimum",
    "total_params",
]

"""Llama 3's IsoFLOP scaling law, N*(C) = A·C^α in tokens, and how it sized the 405B model.

Dubey et al. (2024, §3.2.1) ran IsoFLOP experiments from 6e18 to 1e22 FLOPs, fitted the
compute-optimal number of training *tokens* as a power law of compute with (α, A) = (0.53, 0.29)
and extrapolated it to the flagship budget of 3.8e25 FLOPs, stating 402B parameters on 16.55T
tokens. The printed, rounded constants do not reproduce that extrapolation; the functions here
measure by how much. Chapter 9 (``notebooks/09_beyond_chinchilla``) uses them.
"""

from __future__ import annotations

import numpy as np

from scaling._validation import as_positive, as_scalar, scalar_or_array
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN

ALPHA = 0.53
"""Exponent α of N*(C) = A·C^α, N* the optimal number of training tokens (Dubey et al. 2024, §3.2.1)."""

COEFFICIENT = 0.29
"""Coefficient A of N*(C) = A·C^α (Dubey et al. 2024, §3.2.1)."""

ISOFLOP_RANGE = (6e18, 1e22)
"""Budgets of the IsoFLOP runs behind the fit, in FLOPs (Dubey et al. 2024, §3.2.1)."""

MODEL_RANGE = (40e6, 16e9)
"""Sizes of the models trained in those runs, 40M to 16B parameters (Dubey et al. 2024, §3.2.1)."""

FLAGSHIP_FLOPS = 3.8e25
"""Training budget of Llama 3 405B (Dubey et al. 2024, §1 and §3.2.1)."""

PAPER_EXTRAPOLATION = (402e9, 16.55e12)
"""What the paper says the law gives at 3.8e25 FLOPs: 402B parameters on 16.55T tokens
(Dubey et al. 2024, §3.2.1)."""

FLAGSHIP = (405e9, 15.6e12)
"""The model actually trained: 405B parameters on 15.6T text tokens (Dubey et al. 2024, §1, §3.2.1)."""

ROUNDING = 0.005
"""Half a unit in the last printed digit of α = 0.53 and A = 0.29."""


def optimal_tokens(flops, alpha: float = ALPHA, coefficient: float = COEFFICIENT):
    """Compute-optimal training tokens N*(C) = A·C^α.

    Parameters
    ----------
    flops : array_like
        Training compute C in FLOPs (> 0).
    alpha, coefficient : float
        Exponent and coefficient; the paper's rounded (0.53, 0.29) by default.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    Dubey et al. 2024, §3.2.1.

    Examples
    --------
    >>> f"{optimal_tokens(3.8e25):.3g}"
    '1.05e+13'
    """
    c = as_positive(flops, "flops")
    a = as_scalar(alpha, "alpha", positive=True)
    k = as_scalar(coefficient, "coefficient", positive=True)
    return scalar_or_array(k * c**a)


def optimal_params(flops, alpha: float = ALPHA, coefficient: float = COEFFICIENT):
    """Compute-optimal parameters C / (6·N*(C)), the size the token law implies under C = 6ND.

    References
    ----------
    Dubey et al. 2024, §3.2.1; Kaplan et al. 2020, Sec. 2.1 (C = 6ND).

    Examples
    --------
    >>> f"{optimal_params(3.8e25):.3g}"
    '6.05e+11'
    """
    c = as_positive(flops, "flops")
    tokens = optimal_tokens(c, alpha, coefficient)
    return scalar_or_array(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * np.asarray(tokens)))


def alpha_for(flops: float, tokens: float, coefficient: float = COEFFICIENT) -> float:
    """The exponent α that makes A·C^α equal ``tokens`` at ``flops``: log(D/A) / log C.

    References
    ----------
    Dubey et al. 2024, §3.2.1.

    Examples
    --------
    >>> round(alpha_for(3.8e25, 16.55e12), 4)
    0.5378
    """
    c = as_scalar(flops, "flops", positive=True)
    d = as_scalar(tokens, "tokens", positive=True)
    k = as_scalar(coefficient, "coefficient", positive=True)
    if c <= 1:
        raise ValueError(f"flops must exceed 1, got {c}")
    return float(np.log(d / k) / np.log(c))


def coefficient_for(flops: float, tokens: float, alpha: float = ALPHA) -> float:
    """The coefficient A that makes A·C^α equal ``tokens`` at ``flops``: D / C^α.

    References
    ----------
    Dubey et al. 2024, §3.2.1.

    Examples
    --------
    >>> round(coefficient_for(3.8e25, 16.55e12), 3)
    0.459
    """
    c = as_scalar(flops, "flops", positive=True)
    d = as_scalar(tokens, "tokens", positive=True)
    a = as_scalar(alpha, "alpha", positive=True)
    return float(d / c**a)


def rounding_range(flops):
    """Lowest and highest N*(C) over every (α, A) that rounds to the printed (0.53, 0.29).

    Returns
    -------
    low, high : float or numpy.ndarray
        Tokens at α − 0.005, A − 0.005 and at α + 0.005, A + 0.005 (for C > 1 the law grows
        with both, so these are the extremes).

    References
    ----------
    Dubey et al. 2024, §3.2.1 (the constants as printed, to two decimals).

    Examples
    --------
    >>> low, high = rounding_range(3.8e25)
    >>> f"{low:.3g} to {high:.3g}"
    '7.66e+12 to 1.43e+13'
    """
    c = as_positive(flops, "flops")
    if np.any(c <= 1):
        raise ValueError("flops must exceed 1")
    low = optimal_tokens(c, ALPHA - ROUNDING, COEFFICIENT - ROUNDING)
    high = optimal_tokens(c, ALPHA + ROUNDING, COEFFICIENT + ROUNDING)
    return low, high


__all__ = [
    "ALPHA",
    "COEFFICIENT",
    "FLAGSHIP",
    "FLAGSHIP_FLOPS",
    "ISOFLOP_RANGE",
    "MODEL_RANGE",
    "PAPER_EXTRAPOLATION",
    "ROUNDING",
    "alpha_for",
    "coefficient_for",
    "optimal_params",
    "optimal_tokens",
    "rounding_range",
]

"""What a target loss costs: diminishing returns on the compute-optimal frontier, and lifetime cost with inference.

Chapter 7 (``notebooks/07_critiques``) uses it to quantify diminishing returns and Sardana et al.'s point
that heavy inference demand favours smaller models trained for longer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from scaling._validation import (
    as_array,
    as_positive,
    as_scalar,
    finite_result,
    same_shape,
    scalar_or_array,
)
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import (
    FORWARD_FLOPS_PER_PARAM_TOKEN,
    TRAINING_FLOPS_PER_PARAM_TOKEN,
)


def frontier_loss(law: ChinchillaLaw, flops):
    """Loss of the compute-optimal model at budget C: L(N_opt(C), D_opt(C)).

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(frontier_loss(EPOCH_2024, 5.76e23), 3)
    1.974
    """
    _check_law(law)
    n, d = law.optimal(flops)
    return law.loss(n, d)


def frontier_exponent(law: ChinchillaLaw) -> float:
    """γ in L_opt(C) − E ∝ C^(−γ): on the frontier both reducible terms fall as C^(−αβ/(α+β)).

    Substituting N_opt ∝ C^(β/(α+β)) and D_opt ∝ C^(α/(α+β)) into A/N^α and B/D^β gives the same
    exponent αβ/(α+β) for both terms, so the reducible loss is an exact power law in compute.

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4; Pearce & Song 2024 quote 0.155 (Chinchilla) and 0.178 (Epoch).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(frontier_exponent(EPOCH_2024), 3)
    0.178
    """
    _check_law(law)
    return law.alpha * law.beta / (law.alpha + law.beta)


def compute_factor_to_shrink_reducible_loss(law: ChinchillaLaw, factor):
    """How many times more compute divides the reducible loss L_opt − E by ``factor`` (e.g. 2: halve it).

    Parameters
    ----------
    law : ChinchillaLaw
    factor : array_like
        Desired reduction of L_opt − E (> 1).

    Returns
    -------
    float or numpy.ndarray
        factor^(1/γ), with γ from :func:`frontier_exponent`.

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> round(compute_factor_to_shrink_reducible_loss(EPOCH_2024, 2))
    49
    """
    f = as_positive(factor, "factor")
    if np.any(f <= 1):
        raise ValueError(f"factor must be greater than 1, got {f[f <= 1].flat[0]}")
    with np.errstate(over="ignore"):
        out = f ** (1 / frontier_exponent(law))
    return scalar_or_array(finite_result(out, "compute factor"))


def lifetime_flops(n_params, train_tokens, inference_tokens):
    """Training plus inference FLOPs over a model's life: 6·N·D_train + 2·N·D_inference.

    Parameters
    ----------
    n_params, train_tokens : array_like
        N and D_train (> 0).
    inference_tokens : array_like
        Tokens processed at inference over the model's life (>= 0), prompts and outputs alike.

    References
    ----------
    Sardana et al. 2024 (lifetime-cost objective); Kaplan et al. 2020, Sec. 2.1 (2N forward, 6N training).

    Examples
    --------
    >>> f"{lifetime_flops(7e9, 2e12, 1e12):.3g}"
    '9.8e+22'
    """
    n = as_positive(n_params, "n_params")
    d_train = as_positive(train_tokens, "train_tokens")
    d_inf = as_array(inference_tokens, "inference_tokens", nonnegative=True)
    same_shape((n, "n_params"), (d_train, "train_tokens"), (d_inf, "inference_tokens"))
    with np.errstate(over="ignore"):
        out = (
            TRAINING_FLOPS_PER_PARAM_TOKEN * n * d_train
            + FORWARD_FLOPS_PER_PARAM_TOKEN * n * d_inf
        )
    return scalar_or_array(finite_result(out, "lifetime FLOPs"))


def min_params_for_loss(law: ChinchillaLaw, target_loss: float) -> float:
    """Smallest N that can reach ``target_loss`` at all (infinite data): (A / (ℓ − E))^(1/α).

    References
    ----------
    Hoffmann et al. 2022, Eq. 2 with D → ∞.

    Examples
    --------
    >>> from scaling.chinchilla import HOFFMANN_2022
    >>> f"{min_params_for_loss(HOFFMANN_2022, 2.0):.3g}"
    '1.48e+09'
    """
    ell = _reachable_loss(law, target_loss)
    with np.errstate(over="ignore"):
        out = (law.A / (ell - law.E)) ** (1 / law.alpha)
    return float(finite_result(out, "minimum parameter count"))


def tokens_for_loss(law: ChinchillaLaw, n_params, target_loss: float):
    """Training tokens for N parameters to reach ``target_loss``: solve E + A/N^α + B/D^β = ℓ for D.

    Raises ``ValueError`` naming ``n_params`` when a model is too small to reach the loss.

    References
    ----------
    Hoffmann et al. 2022, Eq. 2; Sardana et al. 2024 (the constraint L(N, D_train) = ℓ).

    Examples
    --------
    >>> from scaling.chinchilla import HOFFMANN_2022
    >>> f"{tokens_for_loss(HOFFMANN_2022, 70e9, HOFFMANN_2022.loss(70e9, 1.4e12)):.3g}"
    '1.4e+12'
    """
    ell = _reachable_loss(law, target_loss)
    n = as_positive(n_params, "n_params")
    slack = ell - law.E - law.A / n**law.alpha
    if np.any(slack <= 0):
        raise ValueError(
            f"n_params too small to reach loss {ell}: need N > {min_params_for_loss(law, ell):.4g}"
        )
    with np.errstate(over="ignore"):
        out = (law.B / slack) ** (1 / law.beta)
    return scalar_or_array(finite_result(out, "tokens"))


@dataclass(frozen=True)
class InferenceOptimum:
    """The model reaching a target loss at least lifetime cost, with its cost broken down."""

    target_loss: float
    inference_tokens: float
    n_params: float
    train_tokens: float

    @property
    def train_flops(self) -> float:
        """6·N·D_train."""
        return TRAINING_FLOPS_PER_PARAM_TOKEN * self.n_params * self.train_tokens

    @property
    def inference_flops(self) -> float:
        """2·N·D_inference."""
        return FORWARD_FLOPS_PER_PARAM_TOKEN * self.n_params * self.inference_tokens

    @property
    def total_flops(self) -> float:
        """Training plus inference FLOPs."""
        return self.train_flops + self.inference_flops

    @property
    def tokens_per_param(self) -> float:
        """D_train / N."""
        return self.train_tokens / self.n_params

    def __repr__(self) -> str:
        return (
            f"InferenceOptimum(loss={self.target_loss:.4f}, D_inf={self.inference_tokens:.3g}: "
            f"N={self.n_params:.3g}, D_train={self.train_tokens:.3g} ({self.tokens_per_param:.3g} tokens/param), "
            f"total={self.total_flops:.3g} FLOPs)"
        )


def inference_optimal(
    law: ChinchillaLaw, target_loss: float, inference_tokens: float
) -> InferenceOptimum:
    """Minimise 6·N·D_train + 2·N·D_inference subject to L(N, D_train) = ℓ (bounded search over log N).

    With no inference this is the Chinchilla optimum; as demand grows the optimum moves to smaller
    models trained on more tokens.

    Parameters
    ----------
    law : ChinchillaLaw
        Loss model L(N, D).
    target_loss : float
        Loss ℓ to reach (nats/token), above ``law.E``.
    inference_tokens : float
        Lifetime inference tokens (>= 0).

    Returns
    -------
    InferenceOptimum

    References
    ----------
    Sardana et al. 2024 (the lifetime-cost optimisation) and Figure 2.

    Examples
    --------
    >>> from scaling.chinchilla import HOFFMANN_2022
    >>> ell = HOFFMANN_2022.loss(*HOFFMANN_2022.optimal(1e23))
    >>> opt = inference_optimal(HOFFMANN_2022, ell, 0.0)
    >>> round(opt.n_params / HOFFMANN_2022.optimal(1e23)[0], 4)
    1.0
    """
    ell = _reachable_loss(law, target_loss)
    d_inf = as_scalar(inference_tokens, "inference_tokens", nonnegative=True)
    log_n_min = np.log(min_params_for_loss(law, ell))

    def log_cost(log_n: float) -> float:
        n = np.exp(log_n)
        return float(np.log(lifetime_flops(n, tokens_for_loss(law, n, ell), d_inf)))

    # The cost diverges as N falls to the minimum size and grows like N far above it; the training-only
    # optimum sits at ((α+β)/β)^(1/α) times the minimum (about 10x), so 1e4x brackets every case.
    bounds = (log_n_min + 1e-9, log_n_min + np.log(1e4))
    best = minimize_scalar(
        log_cost, bounds=bounds, method="bounded", options={"xatol": 1e-10}
    )
    n = float(np.exp(best.x))
    d_train = float(tokens_for_loss(law, n, ell))
    if n < 1 or d_train < 1:
        raise ValueError(
            f"target_loss = {ell:g} is above the loss of any real model: its optimum "
            f"has {n:.3g} parameters and {d_train:.3g} tokens, under one of each"
        )
    return InferenceOptimum(ell, d_inf, n, d_train)


SARDANA_INTRO_EXAMPLE = {
    "n_params": 13e9,
    "smaller_params": 7e9,
    "inference_tokens": 2e12,
    "saved_flops": 1.7e22,
    "saved_fraction": 0.17,
}
"""The introduction's example (Sardana et al. 2024): replacing a Chinchilla-optimal 13B model that serves
2T tokens by a 7B model of the same quality saves 1.7e22 FLOPs, 17% of the lifetime cost."""
SARDANA_MAX_TOKENS_PER_PARAM = 10_000
"""Sardana et al. 2024 (abstract, v2): quality keeps improving up to 10,000 tokens per
parameter in their 47 models."""

SARDANA_FIGURE_2_EXAMPLE = {
    "n_params": 7e9,
    "inference_tokens": 1e11,
    "optimal_params": 6e9,
    "data_ratio": 1.18,
}
"""Sardana et al. 2024, Figure 2: a 7B-Chinchilla-quality model serving 1e11 tokens is best trained as a
~6B model on 1.18x the Chinchilla-optimal data."""


def smaller_model_saving(
    law: ChinchillaLaw, n_params, smaller_params, inference_tokens
):
    """Lifetime FLOPs saved by replacing a compute-optimal model with a smaller one of equal loss.

    The baseline has N parameters trained on its compute-optimal token count; the replacement is
    trained until it reaches the same loss. Both serve the same inference tokens.

    Parameters
    ----------
    law : ChinchillaLaw
    n_params, smaller_params : float
        Baseline and replacement sizes (> 0); the replacement must be able to reach the loss.
    inference_tokens : float
        Lifetime inference tokens (>= 0).

    Returns
    -------
    saved_flops, saved_fraction : float
        Baseline minus replacement lifetime FLOPs, and that saving as a fraction of the baseline.

    References
    ----------
    Sardana et al. 2024, introduction (13B versus 7B example).

    Examples
    --------
    >>> from scaling.chinchilla import HOFFMANN_2022_UNROUNDED
    >>> saved, fraction = smaller_model_saving(HOFFMANN_2022_UNROUNDED, 13e9, 7e9, 2e12)
    >>> f"{saved:.2g}", round(fraction, 3)
    ('1.6e+22', 0.163)
    """
    _check_law(law)
    n = as_scalar(n_params, "n_params", positive=True)
    small = as_scalar(smaller_params, "smaller_params", positive=True)
    d_inf = as_scalar(inference_tokens, "inference_tokens", nonnegative=True)
    if small >= n:
        raise ValueError(
            f"smaller_params must be smaller than n_params = {n:g}, got {small:g}"
        )
    d_base = law.optimal_flops(n)[1]
    ell = law.loss(n, d_base)
    if small <= min_params_for_loss(law, ell):
        raise ValueError(f"smaller_params too small to reach loss {ell:.4f}")
    base = lifetime_flops(n, d_base, d_inf)
    alt = lifetime_flops(small, tokens_for_loss(law, small, ell), d_inf)
    return base - alt, 1 - alt / base


def _check_law(law):
    if not isinstance(law, ChinchillaLaw):
        raise TypeError(
            f"law must be a scaling.chinchilla.ChinchillaLaw, got {type(law).__name__}"
        )


def _reachable_loss(law: ChinchillaLaw, target_loss) -> float:
    _check_law(law)
    ell = as_scalar(target_loss, "target_loss", positive=True)
    if ell <= law.E:
        raise ValueError(
            f"target_loss must exceed the irreducible loss E = {law.E}, got {ell}"
        )
    return ell


__all__ = [
    "InferenceOptimum",
    "compute_factor_to_shrink_reducible_loss",
    "frontier_exponent",
    "frontier_loss",
    "inference_optimal",
    "lifetime_flops",
    "min_params_for_loss",
    "smaller_model_saving",
    "tokens_for_loss",
    "SARDANA_FIGURE_2_EXAMPLE",
    "SARDANA_INTRO_EXAMPLE",
]

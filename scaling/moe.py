"""Mixture of experts: total against active parameters, and the fine-grained MoE scaling law.

A mixture-of-experts (MoE) layer replaces a transformer's feed-forward block by many expert
blocks and routes each token to a few of them. Memory grows with the *total* parameters; the
FLOPs per token grow only with the *active* ones, so training costs about 6·N_active·D.
Krajewski et al. (2024) fit L(N, D, G) = c + (g/G^γ + a)/N^α + b/D^β, with N the total
non-embedding parameters and G the granularity (how many times smaller than a dense
feed-forward block each expert is). Chapter 9 (``notebooks/09_beyond_chinchilla``) uses it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from scaling._validation import as_positive, as_scalar, scalar_or_array
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.inference import frontier_loss

EXPANSION_RATE = 64
"""Expansion rate E (total over active feed-forward parameters) of every fitted MoE run
(Krajewski et al. 2024, §5)."""

GRANULARITY_RANGE = (1.0, 16.0)
"""Granularities of the fitted runs, logarithmically spaced from 1 to 16 (Krajewski et al. 2024, §5)."""

PARAMS_RANGE = (129e6, 3.7e9)
"""Model sizes of the fitted runs, 129M to 3.7B parameters (Krajewski et al. 2024, §5)."""

TOKENS_RANGE = (16e9, 130e9)
"""Training lengths of the fitted runs, 16B to 130B tokens (Krajewski et al. 2024, §5)."""

PAPER_DENSE_COMPUTE_MULTIPLIERS = {1e20: 20.0, 1e25: 40.0}
"""Compute a dense model needs to match the optimal fine-grained MoE, as the paper reports:
20× at 1e20 FLOPs, "exceeding 40×" beyond 1e25 (Krajewski et al. 2024, Section 1, quoting
their Fig. 1b)."""


@dataclass(frozen=True)
class FineGrainedMoELaw:
    """L(N, D, G) = c + (g / G^γ + a) / N^α + b / D^β, loss in nats per token.

    N is the total number of non-embedding parameters, D the training tokens and G the
    granularity. At a fixed G it is a Chinchilla law with A = g/G^γ + a (:meth:`at_granularity`).

    References
    ----------
    Krajewski et al. 2024, Eq. 9 and Table 1.

    Examples
    --------
    >>> round(KRAJEWSKI_2024.loss(4.3e9, 4.37e9, 8), 3)
    3.11
    """

    a: float
    alpha: float
    b: float
    beta: float
    g: float
    gamma: float
    c: float
    name: str = "custom"

    def __post_init__(self):
        for field in ("a", "alpha", "b", "beta", "g", "gamma", "c"):
            as_positive(getattr(self, field), field)

    def at_granularity(self, granularity: float) -> ChinchillaLaw:
        """The Chinchilla law L(N, D) this law reduces to at a fixed granularity G.

        References
        ----------
        Krajewski et al. 2024, Eqs. 5 and 9.

        Examples
        --------
        >>> round(KRAJEWSKI_2024.at_granularity(1).A, 2)
        20.2
        """
        gran = as_scalar(granularity, "granularity", positive=True)
        return ChinchillaLaw(
            E=self.c,
            A=self.g / gran**self.gamma + self.a,
            B=self.b,
            alpha=self.alpha,
            beta=self.beta,
            name=f"{self.name}, G={gran:g}",
        )

    def loss(self, n_params, n_tokens, granularity):
        """Predicted loss of an MoE with N total non-embedding parameters, D tokens, granularity G.

        References
        ----------
        Krajewski et al. 2024, Eq. 9.

        Examples
        --------
        >>> round(KRAJEWSKI_2024.loss(4.3e13, 7.94e12, 64), 3)
        1.356
        """
        n = as_positive(n_params, "n_params")
        d = as_positive(n_tokens, "n_tokens")
        gran = as_positive(granularity, "granularity")
        coefficient = self.g / gran**self.gamma + self.a
        return scalar_or_array(
            self.c + coefficient / n**self.alpha + self.b / d**self.beta
        )


KRAJEWSKI_2024 = FineGrainedMoELaw(
    a=18.1, alpha=0.115, b=30.8, beta=0.147, g=2.1, gamma=0.58, c=0.47, name="MoE"
)
"""Fitted MoE constants (Krajewski et al. 2024, Table 1, row "MoE")."""

KRAJEWSKI_2024_DENSE = ChinchillaLaw(
    E=0.47, A=16.3, B=26.7, alpha=0.126, beta=0.127, name="Dense (Krajewski)"
)
"""The dense transformers fitted alongside, L = c + a/N^α + b/D^β (Krajewski et al. 2024,
Eq. 1 and Table 1, row "Dense")."""

TABLE2 = (
    (100e6, 4.37e9, 8, 2.95e18, 3.133),
    (1e9, 28.94e9, 16, 1.93e20, 2.491),
    (3e9, 72.90e9, 16, 1.41e21, 2.245),
    (7e9, 137.60e9, 32, 6.46e21, 2.076),
    (70e9, 941.07e9, 32, 4.16e23, 1.694),
    (300e9, 2.96e12, 64, 5.69e24, 1.503),
    (1e12, 7.94e12, 64, 4.97e25, 1.367),
)
"""Rows (N_active, D, G, FLOPs, loss) of Krajewski et al. 2024, Table 2: compute-optimal MoE
configurations with E = 64, written "64 × N_active" in the paper."""


def active_fraction(expansion_rate=EXPANSION_RATE):
    """Active over total non-embedding parameters, 12 / (8E + 4), for d_ff = 4·d_model.

    A block holds 4·d² attention parameters and E feed-forward blocks of 8·d² each; a token
    uses the attention and the equivalent of one feed-forward block, 12·d².

    References
    ----------
    Krajewski et al. 2024, §6.1 (N = d_model²·(8E + 4)·n_blocks; 12·d_model² active per block).

    Examples
    --------
    >>> round(active_fraction(64), 4)
    0.0233
    """
    e = as_positive(expansion_rate, "expansion_rate")
    if np.any(e < 1):
        raise ValueError("expansion_rate must be at least 1")
    return scalar_or_array(12 / (8 * e + 4))


def total_from_active(n_active, expansion_rate=EXPANSION_RATE):
    """Total non-embedding parameters of an MoE with ``n_active`` active ones.

    References
    ----------
    Krajewski et al. 2024, §6.1.

    Examples
    --------
    >>> f"{total_from_active(100e6):.3g}"
    '4.3e+09'
    """
    n = as_positive(n_active, "n_active")
    return scalar_or_array(n / np.asarray(active_fraction(expansion_rate)))


def training_flops(n_active, n_tokens):
    """Training compute 6·N_active·D: only the parameters a token passes through cost FLOPs.

    This leaves out the router, whose cost grows with the granularity (Krajewski et al. 2024,
    Eq. 10; the Table 2 budgets are 4–13 % above 6·N_active·D).

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1 (6 FLOPs per parameter per token); Krajewski et al. 2024,
    Eq. 10 without its routing term.

    Examples
    --------
    >>> f"{training_flops(1e9, 1e11):.2g}"
    '6e+20'
    """
    n = as_positive(n_active, "n_active")
    d = as_positive(n_tokens, "n_tokens")
    return scalar_or_array(TRAINING_FLOPS_PER_PARAM_TOKEN * n * d)


def weight_memory_bytes(n_total, bytes_per_param: float = 2.0):
    """Bytes to hold the weights: every expert must sit in memory, so memory ∝ N_total.

    References
    ----------
    Krajewski et al. 2024, §7 (larger E "incur[s] additional memory requirements").

    Examples
    --------
    >>> f"{weight_memory_bytes(47e9):.3g}"
    '9.4e+10'
    """
    n = as_positive(n_total, "n_total")
    return scalar_or_array(
        n * as_scalar(bytes_per_param, "bytes_per_param", positive=True)
    )


@dataclass(frozen=True)
class MoEOptimum:
    """Compute-optimal MoE at a budget under 6·N_active·D, with its loss."""

    flops: float
    granularity: float
    expansion_rate: float
    n_total: float
    n_active: float
    n_tokens: float
    loss: float


def optimal(
    law: FineGrainedMoELaw, flops, granularity: float, expansion_rate=EXPANSION_RATE
):
    """Best MoE at budget F for a fixed granularity and expansion rate, router cost left out.

    With F = 6·r·N·D (r the active fraction) the law at fixed G is a Chinchilla law on a
    budget of F/r, so its optimum is Hoffmann et al.'s Eq. 4 applied to F/r.

    Parameters
    ----------
    law : FineGrainedMoELaw
    flops : float
        Training compute F in FLOPs (> 0).
    granularity, expansion_rate : float
        G (> 0) and E (>= 1).

    Returns
    -------
    MoEOptimum

    References
    ----------
    Krajewski et al. 2024, §6 (their optimisation also counts routing FLOPs and chooses G);
    Hoffmann et al. 2022, Eq. 4.

    Examples
    --------
    >>> opt = optimal(KRAJEWSKI_2024, 1e21, 8)
    >>> f"{opt.n_active:.3g} active, {opt.n_tokens:.3g} tokens, loss {opt.loss:.3f}"
    '2.5e+09 active, 6.68e+10 tokens, loss 2.269'
    """
    if not isinstance(law, FineGrainedMoELaw):
        raise TypeError(
            f"law must be a scaling.moe.FineGrainedMoELaw, got {type(law).__name__}"
        )
    f = as_scalar(flops, "flops", positive=True)
    r = float(active_fraction(expansion_rate))
    chin = law.at_granularity(granularity)
    n_total, d = chin.optimal(f / r)
    return MoEOptimum(
        flops=f,
        granularity=float(granularity),
        expansion_rate=float(expansion_rate),
        n_total=float(n_total),
        n_active=float(n_total) * r,
        n_tokens=float(d),
        loss=float(chin.loss(n_total, d)),
    )


def dense_equivalent_flops(dense: ChinchillaLaw, target_loss) -> float:
    """Compute a compute-optimal dense model needs to reach ``target_loss``.

    Inverts the dense frontier L_opt(C) = E + K·C^(−αβ/(α+β)), which falls monotonically.

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4; Krajewski et al. 2024, Fig. 1(b) (FLOPs a dense model
    needs to match an MoE).

    Examples
    --------
    >>> f"{dense_equivalent_flops(KRAJEWSKI_2024_DENSE, 2.5):.3g}"
    '3.38e+21'
    """
    ell = as_scalar(target_loss, "target_loss", positive=True)
    if ell <= dense.E:
        raise ValueError(
            f"target_loss must exceed the irreducible loss {dense.E}, got {ell}"
        )
    lo, hi = np.log(1e6), np.log(1e40)
    f_lo = float(frontier_loss(dense, np.exp(lo))) - ell
    f_hi = float(frontier_loss(dense, np.exp(hi))) - ell
    if f_lo < 0 or f_hi > 0:
        raise ValueError(
            f"target_loss {ell} is outside the range 1e6 to 1e40 FLOPs reach"
        )
    root = brentq(
        lambda x: float(frontier_loss(dense, np.exp(x))) - ell, lo, hi, xtol=1e-12
    )
    return float(np.exp(root))


def routing_overhead():
    """Table 2's budgets over 6·N_active·D, one ratio per row: the routing FLOPs of Eq. 10.

    References
    ----------
    Krajewski et al. 2024, Table 2 and Eq. 10.

    Examples
    --------
    >>> [round(x, 2) for x in routing_overhead()][:2]
    [1.13, 1.11]
    """
    rows = np.array(TABLE2)
    ratio = rows[:, 3] / (TRAINING_FLOPS_PER_PARAM_TOKEN * rows[:, 0] * rows[:, 1])
    return [float(x) for x in ratio]


__all__ = [
    "EXPANSION_RATE",
    "FineGrainedMoELaw",
    "GRANULARITY_RANGE",
    "KRAJEWSKI_2024",
    "KRAJEWSKI_2024_DENSE",
    "MoEOptimum",
    "PARAMS_RANGE",
    "TABLE2",
    "TOKENS_RANGE",
    "active_fraction",
    "dense_equivalent_flops",
    "optimal",
    "routing_overhead",
    "total_from_active",
    "training_flops",
    "weight_memory_bytes",
]

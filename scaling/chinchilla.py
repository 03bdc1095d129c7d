"""The Chinchilla parametric law L(N, D) = E + A/N^α + B/D^β and its compute-optimal frontier.

Chapter 3 (``notebooks/03_chinchilla``) reproduces Hoffmann et al. 2022; chapter 4 its replication.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling._validation import as_positive, scalar_or_array
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN


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
        for field in ("E", "A", "B", "alpha", "beta"):
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
        return scalar_or_array(self.E + self.A / n**self.alpha + self.B / d**self.beta)

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
        return (self.alpha * self.A / (self.beta * self.B)) ** (1 / (self.alpha + self.beta))

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
        return scalar_or_array(self.G * c**self.a), scalar_or_array(c**self.b / self.G)

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

    def __repr__(self) -> str:
        return (
            f"ChinchillaLaw({self.name}: E={self.E:.4g}, A={self.A:.5g}, B={self.B:.5g}, "
            f"alpha={self.alpha:.4g}, beta={self.beta:.4g})"
        )


HOFFMANN_2022 = ChinchillaLaw(E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28, name="Hoffmann 2022")
"""Approach 3 fit as printed (Hoffmann et al. 2022, Eq. 10, Appendix D.2)."""

HOFFMANN_2022_UNROUNDED = ChinchillaLaw(
    E=1.6934, A=406.40, B=410.72, alpha=0.33917, beta=0.28491, name="Hoffmann 2022 unrounded"
)
"""Approach 3 fit, unrounded (Hoffmann et al. 2022 TeX source, as used by Besiroglu et al. 2024)."""

EPOCH_2024 = ChinchillaLaw(E=1.817, A=482.01, B=2085.43, alpha=0.3478, beta=0.3658, name="Epoch 2024")
"""Refit on data read off Hoffmann's Figure 4 (Besiroglu et al. 2024, Table 1 / Eq. 4)."""

PRESETS = {law.name: law for law in (HOFFMANN_2022, HOFFMANN_2022_UNROUNDED, EPOCH_2024)}
"""Every preset law by name."""

__all__ = ["EPOCH_2024", "HOFFMANN_2022", "HOFFMANN_2022_UNROUNDED", "PRESETS", "ChinchillaLaw"]

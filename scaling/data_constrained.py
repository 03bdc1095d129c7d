"""Repeated data: Muennighoff et al.'s data-constrained law, effective data D′ and effective parameters N′.

Chapter 7 (``notebooks/07_critiques``) uses it to ask how far repetition pushes back the data wall.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from scaling._validation import (
    as_positive,
    as_scalar,
    finite_result,
    same_shape,
    scalar_or_array,
)
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN


def _decayed(total, unique, r_star):
    """U + U·R*·(1 − exp(−R/R*)) with R = total/U − 1: each repeat is worth less than the last."""
    repeats = total / unique - 1
    out = unique + unique * r_star * (1 - np.exp(-repeats / r_star))
    return scalar_or_array(finite_result(out, "effective count"))


def effective_data(n_tokens, unique_tokens, rd_star: float):
    """Effective data D′ = U_D + U_D·R_D*·(1 − exp(−R_D/R_D*)) of D tokens drawn from U_D unique ones.

    Repeated tokens are worth less than fresh ones; their value decays with the number of
    repetitions R_D = D/U_D − 1 on the scale R_D*, so D′ saturates at (1 + R_D*)·U_D.

    Parameters
    ----------
    n_tokens : array_like
        Training tokens D (> 0), counting repeats.
    unique_tokens : array_like
        Unique tokens U_D available (> 0). When D < U_D only D unique tokens are seen and D′ = D.
    rd_star : float
        Decay constant R_D* (> 0).

    Returns
    -------
    float or numpy.ndarray
        D′ in tokens.

    References
    ----------
    Muennighoff et al. 2023, data-constrained scaling law (effective data D′); R_D* ≈ 15.4 from the
    authors' fit (datablations README, "Parametric Fit").

    Examples
    --------
    >>> effective_data(100e9, 100e9, 15.4) / 1e9
    100.0
    >>> round(effective_data(400e9, 100e9, 15.4) / 400e9, 3)
    0.931
    """
    d = as_positive(n_tokens, "n_tokens")
    u = as_positive(unique_tokens, "unique_tokens")
    same_shape((d, "n_tokens"), (u, "unique_tokens"))
    return _decayed(d, np.minimum(u, d), as_scalar(rd_star, "rd_star", positive=True))


def effective_params(n_params, unique_params, rn_star: float):
    """Effective parameters N′ = U_N + U_N·R_N*·(1 − exp(−R_N/R_N*)), with R_N = N/U_N − 1 ≥ 0.

    Parameters beyond U_N (the compute-optimal size for the unique data) add less and less.

    Parameters
    ----------
    n_params : array_like
        Parameters N (> 0).
    unique_params : array_like
        U_N (> 0); values above N are clipped to N, so excess is never negative.
    rn_star : float
        Decay constant R_N* (> 0).

    Returns
    -------
    float or numpy.ndarray
        N′ in parameters.

    References
    ----------
    Muennighoff et al. 2023, data-constrained scaling law (effective parameters N′); R_N* ≈ 5.3 from the
    authors' fit (datablations README, "Parametric Fit").

    Examples
    --------
    >>> effective_params(1e9, 2e9, 5.3) / 1e9
    1.0
    >>> round(effective_params(1e12, 1e9, 5.3) / 1e9, 2)
    6.3
    """
    n = as_positive(n_params, "n_params")
    u = as_positive(unique_params, "unique_params")
    same_shape((n, "n_params"), (u, "unique_params"))
    return _decayed(n, np.minimum(u, n), as_scalar(rn_star, "rn_star", positive=True))


@dataclass(frozen=True)
class Allocation:
    """Best split of a compute budget under a unique-data limit: size, tokens, epochs and loss."""

    flops: float
    unique_tokens: float
    n_params: float
    n_tokens: float
    loss: float

    @property
    def epochs(self) -> float:
        """Passes over the unique data, D / U_D."""
        return self.n_tokens / self.unique_tokens

    def __repr__(self) -> str:
        return (
            f"Allocation(C={self.flops:.3g} FLOPs, U_D={self.unique_tokens:.3g}: N={self.n_params:.3g}, "
            f"D={self.n_tokens:.3g} ({self.epochs:.3g} epochs), loss={self.loss:.4f})"
        )


@dataclass(frozen=True)
class DataConstrainedLaw:
    """L(N, D, U_D) = E + A/N′^α + B/D′^β: the Chinchilla form with repeated data and excess parameters.

    References
    ----------
    Muennighoff et al. 2023, data-constrained scaling law; constants from the authors' release
    (datablations README, "Parametric Fit").

    Examples
    --------
    >>> round(MUENNIGHOFF_2023.loss(6.34e9, 242e9, 25e9), 4)
    2.2256
    """

    E: float
    A: float
    B: float
    alpha: float
    beta: float
    rd_star: float
    rn_star: float
    name: str = "custom"

    def __post_init__(self):
        for field in ("E", "A", "B", "alpha", "beta", "rd_star", "rn_star"):
            as_positive(getattr(self, field), field)

    @property
    def chinchilla(self) -> ChinchillaLaw:
        """The same constants as a :class:`ChinchillaLaw`: the law when every token is unique."""
        return ChinchillaLaw(
            self.E, self.A, self.B, self.alpha, self.beta, name=self.name
        )

    def unique_params(self, unique_tokens):
        """U_N: the compute-optimal size for U_D tokens on the Chinchilla frontier of this law.

        From N_opt = G (C/6)^a and D_opt = G^-1 (C/6)^b: U_N = G·(G·U_D)^(a/b) = G·(G·U_D)^(β/α).

        References
        ----------
        Muennighoff et al. 2023 (U_N, the compute-optimal parameters for U_D); ``D_to_N`` in the
        datablations README.

        Examples
        --------
        >>> f"{MUENNIGHOFF_2023.unique_params(25e9):.3g}"
        '1.27e+09'
        """
        u = as_positive(unique_tokens, "unique_tokens")
        g = self.chinchilla.G
        return scalar_or_array(g * (g * u) ** (self.beta / self.alpha))

    def loss(self, n_params, n_tokens, unique_tokens):
        """Loss (nats/token) of N parameters trained on D tokens drawn from U_D unique tokens.

        Parameters
        ----------
        n_params, n_tokens, unique_tokens : array_like
            N, D (repeats counted) and U_D, all > 0.

        References
        ----------
        Muennighoff et al. 2023, data-constrained law, with U_N = min(N, compute-optimal N for U_D)
        as in the datablations README.

        Examples
        --------
        >>> round(MUENNIGHOFF_2023.loss(8.67e9, 178e9, 25e9), 4)
        2.227
        """
        n = as_positive(n_params, "n_params")
        d = as_positive(n_tokens, "n_tokens")
        u_d = as_positive(unique_tokens, "unique_tokens")
        same_shape((n, "n_params"), (d, "n_tokens"), (u_d, "unique_tokens"))
        u_d = np.minimum(u_d, d)
        n_eff = effective_params(n, self.unique_params(u_d), self.rn_star)
        d_eff = effective_data(d, u_d, self.rd_star)
        return scalar_or_array(
            self.E + self.A / n_eff**self.alpha + self.B / d_eff**self.beta
        )

    def optimal_allocation(self, flops: float, unique_tokens: float) -> Allocation:
        """Split C = 6ND between N and D to minimise the loss when only U_D unique tokens exist.

        Parameters
        ----------
        flops : float
            Training compute C (> 0).
        unique_tokens : float
            Unique tokens available U_D (> 0).

        Returns
        -------
        Allocation

        References
        ----------
        Muennighoff et al. 2023, Figure 1 (right); the datablations README does this with a grid search.

        Examples
        --------
        >>> best = MUENNIGHOFF_2023.optimal_allocation(6 * 8.67e9 * 178e9, 25e9)
        >>> f"{best.n_params:.2g}", f"{best.n_tokens:.3g}"
        ('6.8e+09', '2.27e+11')
        """
        c = as_scalar(flops, "flops", positive=True)
        u = as_scalar(unique_tokens, "unique_tokens", positive=True)
        c6 = c / TRAINING_FLOPS_PER_PARAM_TOKEN

        def loss_at(log_n: float) -> float:
            n = np.exp(log_n)
            return self.loss(n, c6 / n, u)

        n_guess = self.chinchilla.optimal(c)[0]
        bounds = (np.log(n_guess) - np.log(1e3), np.log(n_guess) + np.log(1e3))
        best = minimize_scalar(
            loss_at, bounds=bounds, method="bounded", options={"xatol": 1e-8}
        )
        n = float(np.exp(best.x))
        return Allocation(c, u, n, c6 / n, float(best.fun))

    def __repr__(self) -> str:
        return (
            f"DataConstrainedLaw({self.name}: E={self.E:.4g}, A={self.A:.5g}, B={self.B:.5g}, "
            f"alpha=beta={self.alpha:.4g}, R_D*={self.rd_star:.4g}, R_N*={self.rn_star:.4g})"
        )


MUENNIGHOFF_2023 = DataConstrainedLaw(
    E=float(np.exp(0.6254804)),
    A=float(np.exp(6.255414)),
    B=float(np.exp(7.3049974)),
    alpha=0.3526596,
    beta=0.3526596,
    rd_star=15.387756,
    rn_star=5.309743,
    name="Muennighoff 2023",
)
"""The authors' fit (Muennighoff et al. 2023; unrounded values from the datablations README,
"Parametric Fit": log A, log B, log E = 6.255414, 7.3049974, 0.6254804; α = β tied)."""

README_EXAMPLE = {
    "unique_tokens": 25e9,
    "models": (
        (6.34e9, 242e9, 2.2256440889984477),
        (8.67e9, 178e9, 2.2269634075087867),
    ),
    "best": (6.8e9, 227e9, 9.1),
}
"""Worked example of the datablations README ("Parametric Fit"; Muennighoff et al. 2023, Figure 1 right):
with 25B unique tokens, (N, D, printed loss) of two equal-compute models, and the grid search's best
(N, D, epochs) at that compute."""

__all__ = [
    "MUENNIGHOFF_2023",
    "README_EXAMPLE",
    "Allocation",
    "DataConstrainedLaw",
    "effective_data",
    "effective_params",
]

"""Over-training: what a model trained far past the compute-optimal ratio costs and saves.

A model is over-trained when it sees more tokens per parameter than the compute-optimal
frontier prescribes. For a given loss, the over-trained model needs more training compute than
the compute-optimal model of the same loss, but it is smaller, so every token it serves costs
less. Chapter 9 (``notebooks/09_beyond_chinchilla``) applies it to Llama 3 8B.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaling._validation import as_scalar
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import (
    FORWARD_FLOPS_PER_PARAM_TOKEN,
    TRAINING_FLOPS_PER_PARAM_TOKEN,
)
from scaling.inference import frontier_exponent, frontier_loss, tokens_for_loss

_REFERENCE_FLOPS = 1e20


def flops_for_loss(law: ChinchillaLaw, target_loss) -> float:
    """Budget at which the compute-optimal model reaches ``target_loss``.

    On the frontier L_opt(C) − E = K·C^(−γ) exactly (γ = αβ/(α+β)), so C = (K/(ℓ − E))^(1/γ).

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> from scaling.inference import frontier_loss
    >>> round(float(frontier_loss(EPOCH_2024, flops_for_loss(EPOCH_2024, 2.0))), 6)
    2.0
    """
    ell = as_scalar(target_loss, "target_loss", positive=True)
    if ell <= law.E:
        raise ValueError(
            f"target_loss must exceed the irreducible loss E = {law.E}, got {ell}"
        )
    gamma = frontier_exponent(law)
    k = (float(frontier_loss(law, _REFERENCE_FLOPS)) - law.E) * _REFERENCE_FLOPS**gamma
    return float((k / (ell - law.E)) ** (1 / gamma))


@dataclass(frozen=True)
class OverTraining:
    """A trained model (N, D) beside the compute-optimal model that reaches the same loss."""

    n_params: float
    n_tokens: float
    loss: float
    optimal_params: float
    optimal_tokens: float

    @property
    def tokens_per_param(self) -> float:
        """D / N of the model."""
        return self.n_tokens / self.n_params

    @property
    def optimal_tokens_per_param(self) -> float:
        """D* / N* of the compute-optimal model of equal loss."""
        return self.optimal_tokens / self.optimal_params

    @property
    def flops(self) -> float:
        """Training compute of the model, 6·N·D."""
        return TRAINING_FLOPS_PER_PARAM_TOKEN * self.n_params * self.n_tokens

    @property
    def optimal_flops(self) -> float:
        """Training compute of the compute-optimal model of equal loss, 6·N*·D*."""
        return (
            TRAINING_FLOPS_PER_PARAM_TOKEN * self.optimal_params * self.optimal_tokens
        )

    @property
    def compute_ratio(self) -> float:
        """How many times more training compute the model used than it needed for its loss."""
        return self.flops / self.optimal_flops

    @property
    def inference_ratio(self) -> float:
        """FLOPs per served token of the model over those of the optimal one: N / N*."""
        return self.n_params / self.optimal_params

    @property
    def break_even_tokens(self) -> float:
        """Served tokens after which the smaller model's cheaper inference repays its extra
        training: (C − C*) / (2·(N* − N)); infinite when the model is not smaller."""
        saved_per_token = FORWARD_FLOPS_PER_PARAM_TOKEN * (
            self.optimal_params - self.n_params
        )
        if saved_per_token <= 0:
            return float("inf")
        return (self.flops - self.optimal_flops) / saved_per_token


def compare(law: ChinchillaLaw, n_params, n_tokens) -> OverTraining:
    """Compare N parameters trained on D tokens with the compute-optimal model of equal loss.

    Parameters
    ----------
    law : ChinchillaLaw
        Loss model L(N, D) and its frontier.
    n_params, n_tokens : float
        The model's size and training tokens (> 0).

    Returns
    -------
    OverTraining

    References
    ----------
    Hoffmann et al. 2022, Eqs. 2 and 4; Sardana et al. 2024 (training cost against
    inference cost at equal loss).

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> n, d = EPOCH_2024.optimal(1e22)
    >>> round(compare(EPOCH_2024, n, d).compute_ratio, 6)
    1.0
    """
    n = as_scalar(n_params, "n_params", positive=True)
    d = as_scalar(n_tokens, "n_tokens", positive=True)
    ell = float(law.loss(n, d))
    n_opt, d_opt = law.optimal(flops_for_loss(law, ell))
    return OverTraining(n, d, ell, float(n_opt), float(d_opt))


def inference_demand_for(law: ChinchillaLaw, n_params, target_loss) -> float:
    """Lifetime inference tokens at which N is the cheapest size to reach ``target_loss``.

    Minimising 6·N·D(N) + 2·N·D_inf along L(N, D(N)) = ℓ gives
    D_inf = 3·D·[(α/β)·A·N^(−α) / (ℓ − E − A·N^(−α)) − 1], zero at the compute-optimal size
    and growing as N shrinks towards the smallest size that can reach ℓ.

    Parameters
    ----------
    law : ChinchillaLaw
    n_params : float
        Model size (> 0), at most the compute-optimal size for ``target_loss``.
    target_loss : float
        Loss ℓ (> E) the model must reach.

    Returns
    -------
    float
        Inference tokens (>= 0).

    References
    ----------
    Sardana et al. 2024 (minimise training plus inference FLOPs at fixed loss);
    Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> from scaling.chinchilla import EPOCH_2024
    >>> n, d = EPOCH_2024.optimal(1e22)
    >>> ell = float(EPOCH_2024.loss(n, d))
    >>> abs(inference_demand_for(EPOCH_2024, n, ell)) < 1e-6 * d
    True
    """
    n = as_scalar(n_params, "n_params", positive=True)
    ell = as_scalar(target_loss, "target_loss", positive=True)
    d = float(tokens_for_loss(law, n, ell))
    model_term = law.A * n ** (-law.alpha)
    slack = ell - law.E - model_term
    demand = 3 * d * ((law.alpha / law.beta) * model_term / slack - 1)
    if demand < -1e-6 * d:
        raise ValueError(
            "n_params is larger than the compute-optimal size for this loss; "
            "no inference demand makes it the cheapest choice"
        )
    return float(max(demand, 0.0))


__all__ = [
    "OverTraining",
    "compare",
    "flops_for_loss",
    "inference_demand_for",
]

"""A practitioner's four questions, answered under every law the package knows, side by side.

How much data does a model need, how big a model can a dataset train, what should a GPU cluster
train, and what does a bigger model buy? Chapter 5 (``notebooks/05_model_sizes``) explains the
answers; the ``scaling`` command line prints them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq

from scaling import kaplan
from scaling._validation import as_scalar
from scaling.chinchilla import PRESETS
from scaling.compute import cluster_flops, training_flops

LAWS = ("Kaplan 2020", "Hoffmann 2022", "Epoch 2024")
"""Laws compared: Kaplan et al. 2020, Chinchilla's Approach 3 as printed, and Epoch's refit."""


@dataclass(frozen=True)
class Answer:
    """One law's answer: a model size, its training tokens, their compute 6ND and the predicted loss.

    Losses of different laws are not comparable: Kaplan's is on WebText2, Chinchilla's on MassiveText.
    Kaplan's sizes are non-embedding parameters.

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1 (C = 6ND, non-embedding N); Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> tokens_for_params(10e9)[2]
    Answer(Epoch 2024: N=1e+10, D=2.03e+11, C=1.22e+22, loss=2.130)
    """

    law: str
    n_params: float
    n_tokens: float
    flops: float
    loss: float

    def __repr__(self) -> str:
        return (
            f"Answer({self.law}: N={self.n_params:.3g}, D={self.n_tokens:.3g}, "
            f"C={self.flops:.3g}, loss={self.loss:.3f})"
        )


@dataclass(frozen=True)
class Gain:
    """One law's prediction for growing a model: the loss before and after.

    References
    ----------
    Kaplan et al. 2020, Eq. 1.5; Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> gain(10e9, 100e9)[2]
    Gain(Epoch 2024: loss 2.130 -> 1.957)
    """

    law: str
    before: Answer
    after: Answer

    @property
    def loss_reduction(self) -> float:
        """How much the loss falls, in nats per token (Hoffmann et al. 2022, Eq. 2, for Chinchilla's laws)."""
        return self.before.loss - self.after.loss

    def __repr__(self) -> str:
        return f"Gain({self.law}: loss {self.before.loss:.3f} -> {self.after.loss:.3f})"


def _loss(law: str, n_params: float, n_tokens: float) -> float:
    if law == LAWS[0]:
        return float(kaplan.loss(n_params, n_tokens))
    return float(PRESETS[law].loss(n_params, n_tokens))


def _answer(law: str, n_params: float, n_tokens: float) -> Answer:
    n, d = float(n_params), float(n_tokens)
    return Answer(law, n, d, float(training_flops(n, d)), _loss(law, n, d))


def _tokens_needed(law: str, n_params: float) -> float:
    if law == LAWS[0]:
        return float(kaplan.tokens_needed(n_params))
    return float(PRESETS[law].optimal_flops(n_params)[1])


def tokens_for_params(n_params) -> tuple[Answer, ...]:
    """How much data an N-parameter model needs, under each law.

    Kaplan: the data that keeps overfitting below noise (Eq. 4.4); Chinchilla and Epoch: the tokens
    for which N is compute-optimal (Eq. 4 inverted), ≈20 per parameter.

    References
    ----------
    Kaplan et al. 2020, Eq. 4.4; Hoffmann et al. 2022, Eq. 4; Besiroglu et al. 2024.

    Examples
    --------
    >>> [f"{a.n_tokens:.2g}" for a in tokens_for_params(10e9)][1:]
    ['7.2e+11', '2e+11']
    """
    n = as_scalar(n_params, "n_params", positive=True)
    return tuple(_answer(law, n, _tokens_needed(law, n)) for law in LAWS)


def params_for_tokens(n_tokens) -> tuple[Answer, ...]:
    """How big a model D tokens can train: the N whose needed data (as in :func:`tokens_for_params`) is D.

    References
    ----------
    Kaplan et al. 2020, Eq. 4.4; Hoffmann et al. 2022, Eq. 4; Besiroglu et al. 2024.

    Examples
    --------
    >>> [f"{a.n_params:.2g}" for a in params_for_tokens(1.4e12)][1:]
    ['1.7e+10', '7.6e+10']
    """
    d = as_scalar(n_tokens, "n_tokens", positive=True)
    answers = []
    for law in LAWS:

        def gap(log_n, law=law):
            return np.log(_tokens_needed(law, np.exp(log_n))) - np.log(d)

        n = float(np.exp(brentq(gap, np.log(1e3), np.log(1e16), xtol=1e-10)))
        answers.append(_answer(law, n, d))
    return tuple(answers)


def compute_optimal(flops) -> tuple[Answer, ...]:
    """Compute-optimal N and D for a budget C, under each law.

    References
    ----------
    Kaplan et al. 2020, Eq. 6.1 and Table 6; Hoffmann et al. 2022, Eq. 4; Besiroglu et al. 2024.

    Examples
    --------
    >>> [f"{a.n_params:.2g}" for a in compute_optimal(5.76e23)][1:]
    ['3.2e+10', '7.2e+10']
    """
    c = as_scalar(flops, "flops", positive=True)
    answers = []
    for law in LAWS:
        n, d = kaplan.compute_optimal(c) if law == LAWS[0] else PRESETS[law].optimal(c)
        answers.append(_answer(law, n, d))
    return tuple(answers)


def plan_cluster(
    n_gpus, gpu="A100", days=30, mfu=0.4
) -> tuple[float, tuple[Answer, ...]]:
    """What a cluster should train: its compute (GPUs × peak × MFU × time), then :func:`compute_optimal`.

    References
    ----------
    Chowdhery et al. 2022, App. B (MFU); Hoffmann et al. 2022, Eq. 4.

    Examples
    --------
    >>> flops, answers = plan_cluster(100, "A100", 30, 0.4)
    >>> f"{flops:.3g}", f"{answers[1].n_params:.2g}"
    ('3.23e+22', '8.8e+09')
    """
    flops = float(cluster_flops(n_gpus, days, gpu, mfu))
    return flops, compute_optimal(flops)


def gain(from_params, to_params, n_tokens=None) -> tuple[Gain, ...]:
    """What growing a model from N₁ to N₂ buys: the loss before and after, under each law.

    With ``n_tokens`` both models see that many tokens; without, each gets the data its law says it
    needs (:func:`tokens_for_params`).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.5; Hoffmann et al. 2022, Eq. 2; Besiroglu et al. 2024.

    Examples
    --------
    >>> round(gain(10e9, 100e9, 1e12)[1].loss_reduction, 3)
    0.088
    """
    n1 = as_scalar(from_params, "from_params", positive=True)
    n2 = as_scalar(to_params, "to_params", positive=True)
    d = None if n_tokens is None else as_scalar(n_tokens, "n_tokens", positive=True)
    gains = []
    for law in LAWS:
        d1 = _tokens_needed(law, n1) if d is None else d
        d2 = _tokens_needed(law, n2) if d is None else d
        gains.append(Gain(law, _answer(law, n1, d1), _answer(law, n2, d2)))
    return tuple(gains)


__all__ = [
    "LAWS",
    "Answer",
    "Gain",
    "compute_optimal",
    "gain",
    "params_for_tokens",
    "plan_cluster",
    "tokens_for_params",
]

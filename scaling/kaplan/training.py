"""Kaplan et al. 2020's training dynamics: the learning curve L(N, S) and the critical batch.

S counts optimiser steps and B tokens per batch (Eqs. 1.4, 1.6, 5.1–5.5; Tables 3 and 5).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_positive,
    finite_result,
    same_shape,
    scalar_or_array,
)
from scaling.kaplan._checks import _check_kind, _check_positive_fields


@dataclass(frozen=True)
class LearningCurveConstants:
    """Constants of L(N, S) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S (Kaplan et al. 2020, Eq. 1.6).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.6 / 5.6 and Table 3.

    Examples
    --------
    >>> round(LEARNING_CURVE_FIT.alpha_n / LEARNING_CURVE_FIT.alpha_s, 3)
    0.101
    """

    alpha_n: float
    alpha_s: float
    n_c: float
    s_c: float
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("alpha_n", "alpha_s", "n_c", "s_c"))

    def __repr__(self) -> str:
        return (
            f"LearningCurveConstants({self.name}: alpha_N={self.alpha_n:g}, alpha_S={self.alpha_s:g}, "
            f"N_c={self.n_c:.3g}, S_c={self.s_c:.3g})"
        )


LEARNING_CURVE_FIT = LearningCurveConstants(
    alpha_n=0.077, alpha_s=0.76, n_c=6.5e13, s_c=2.1e3, name="Table 3"
)
"""Fit of L(N, S_min) to learning curves after warm-up (Kaplan et al. 2020, Table 3)."""


@dataclass(frozen=True)
class CriticalBatchConstants:
    """Constants of B_crit(L) = B_* / L^(1/alpha_B), in tokens (Kaplan et al. 2020, Eq. 1.4).

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.4, 5.3 and Table 5.

    Examples
    --------
    >>> round(1 / CRITICAL_BATCH.alpha_b, 2)
    4.76
    """

    b_star: float
    alpha_b: float
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("b_star", "alpha_b"))

    def __repr__(self) -> str:
        return f"CriticalBatchConstants({self.name}: B_*={self.b_star:.3g} tokens, alpha_B={self.alpha_b:g})"


CRITICAL_BATCH = CriticalBatchConstants(b_star=2e8, alpha_b=0.21, name="Eq. 1.4")
"""B_* ≈ 2e8 tokens as printed in Eqs. 1.4 and 5.3."""


CRITICAL_BATCH_TABLE_5 = CriticalBatchConstants(
    b_star=2.1e8, alpha_b=0.21, name="Table 5"
)
"""B_* = 2.1e8 tokens as printed in Table 5 and the Fig. 10 legend (disagrees with Eq. 1.4)."""


def learning_curve(n_params, min_steps, constants=LEARNING_CURVE_FIT):
    """Loss after S_min optimiser steps, L(N, S) = (N_c/N)^alpha_N + (S_c/S_min)^alpha_S.

    Parameters
    ----------
    n_params : array_like
        Non-embedding parameters (> 0).
    min_steps : array_like
        Steps S_min, i.e. at B ≫ B_crit (Eq. 5.4 converts actual steps).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.6 / 5.6 and Table 3.

    Examples
    --------
    >>> round(learning_curve(1e9, 1e5), 3)
    2.401
    """
    _check_kind(constants, LearningCurveConstants, "constants")
    n = as_positive(n_params, "n_params")
    s = as_positive(min_steps, "min_steps")
    same_shape((n, "n_params"), (s, "min_steps"))
    return scalar_or_array(
        (constants.n_c / n) ** constants.alpha_n
        + (constants.s_c / s) ** constants.alpha_s
    )


def steps_to_loss(target_loss, n_params, constants=LEARNING_CURVE_FIT):
    """Steps S_min a model of N parameters needs to reach ``target_loss``: Eq. 1.6 solved for S_min.

    Returns
    -------
    float or numpy.ndarray
        S_min = S_c · (L − (N_c/N)^alpha_N)^(−1/alpha_S).

    Raises
    ------
    ValueError
        Where the model's converged loss (N_c/N)^alpha_N is not below the target: no number
        of steps gets there (the message gives the smallest model that can).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.6 and Table 3; Fig. 2 (larger models need fewer steps).

    Examples
    --------
    >>> f"{steps_to_loss(2.6, 1e9):.3g}"
    '1.28e+04'
    """
    _check_kind(constants, LearningCurveConstants, "constants")
    target = as_positive(target_loss, "target_loss")
    n = as_positive(n_params, "n_params")
    same_shape((target, "target_loss"), (n, "n_params"))
    gap = target - (constants.n_c / n) ** constants.alpha_n
    if np.any(gap <= 0):
        t, size = np.broadcast_arrays(target, n)
        first = np.flatnonzero(np.broadcast_to(gap, t.shape) <= 0)[0]
        floor = constants.n_c * t.flat[first] ** (-1 / constants.alpha_n)
        raise ValueError(
            f"target_loss = {t.flat[first]:g} is out of reach of n_params = "
            f"{size.flat[first]:.3g}: its converged loss is not below the target; "
            f"only models above {floor:.3g} parameters reach it"
        )
    return finite_result(
        scalar_or_array(constants.s_c * gap ** (-1 / constants.alpha_s)), "steps"
    )


def critical_batch(loss_value, constants=CRITICAL_BATCH):
    """Critical batch size B_crit(L) = B_* / L^(1/alpha_B) in tokens.

    Training at B ≈ B_crit trades time and compute evenly: twice the minimum steps and twice the
    minimum compute (Eqs. 5.4, 5.5).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.4 / 5.3; B_* is 2e8 there and 2.1e8 in Table 5.

    Examples
    --------
    >>> f"{critical_batch(3.0):.3g}"
    '1.07e+06'
    """
    _check_kind(constants, CriticalBatchConstants, "constants")
    lv = as_positive(loss_value, "loss_value")
    return scalar_or_array(constants.b_star / lv ** (1 / constants.alpha_b))


def min_steps(steps, batch_tokens, loss_value, constants=CRITICAL_BATCH):
    """Steps S_min a run of S steps at batch B would need at B ≫ B_crit: S / (1 + B_crit(L)/B).

    References
    ----------
    Kaplan et al. 2020, Eq. 5.4.

    Examples
    --------
    >>> b = critical_batch(3.0)
    >>> min_steps(1000, b, 3.0)
    500.0
    """
    _check_kind(constants, CriticalBatchConstants, "constants")
    s = as_positive(steps, "steps")
    b = as_positive(batch_tokens, "batch_tokens")
    lv = as_positive(loss_value, "loss_value")
    same_shape((s, "steps"), (b, "batch_tokens"), (lv, "loss_value"))
    return scalar_or_array(s / (1 + critical_batch(loss_value, constants) / b))


def min_compute(flops, batch_tokens, loss_value, constants=CRITICAL_BATCH):
    """Compute C_min a run at batch B would need at B ≪ B_crit: C / (1 + B/B_crit(L)).

    Units follow ``flops`` (FLOPs or PF-days).

    References
    ----------
    Kaplan et al. 2020, Eq. 5.5.

    Examples
    --------
    >>> b = critical_batch(3.0)
    >>> min_compute(1e20, b, 3.0)
    5e+19
    """
    _check_kind(constants, CriticalBatchConstants, "constants")
    c = as_positive(flops, "flops")
    b = as_positive(batch_tokens, "batch_tokens")
    lv = as_positive(loss_value, "loss_value")
    same_shape((c, "flops"), (b, "batch_tokens"), (lv, "loss_value"))
    return scalar_or_array(c / (1 + b / critical_batch(loss_value, constants)))

"""Kaplan et al. 2020 scaling laws: loss as a power law in N, D and compute, and how to spend compute.

Chapter 2 (``notebooks/02_kaplan``) reproduces the paper. The package is split by idea, and every
name is importable from here, as ``scaling.kaplan.NAME``:

* :mod:`scaling.kaplan.laws`: loss in N and D, overfitting (Eqs. 1.1, 1.2, 1.5, 4.3, 4.4);
* :mod:`scaling.kaplan.training`: learning curves and the critical batch (Eqs. 1.4, 1.6, 5.x);
* :mod:`scaling.kaplan.fits`: the fitted power laws in compute (Table 6, Fig. 14);
* :mod:`scaling.kaplan.allocation`: L(C) and how to spend compute (Sec. 6, Appendix B);
* :mod:`scaling.kaplan.shapes`: parameter and FLOP counts, model shape (Eqs. 2.1, 2.2, Fig. 5).

Conventions follow the paper: every exponent
is positive and the laws read L = (X_c / X)^alpha, so loss falls as X grows. N counts non-embedding
parameters, D tokens, S optimiser steps, B tokens per batch, and L is loss in nats per token on WebText2.
Compute is in PF-days (1 PF-day = 8.64e19 FLOPs) where the paper uses PF-days.
"""

from scaling.kaplan.allocation import (
    FIXED_BATCH_COMPUTE_LAW,
    MIN_COMPUTE_LAW,
    BreakdownPoint,
    ComputeLaw,
    EfficiencyGain,
    KaplanAllocation,
    PredictedExponents,
    breakdown_point,
    compute_efficient,
    compute_optimal,
    efficient_loss_excess,
    efficient_vs_converged,
    min_compute_pf_days,
    predicted_exponents,
    scale_up,
)
from scaling.kaplan.fits import (
    B_CRIT_OPT,
    D_AT_CRITICAL_BATCH,
    D_OPT,
    DATA_REQUIREMENT,
    N_OPT,
    N_OPT_RAW_COMPUTE,
    S_MIN_OPT,
    KaplanPowerLaw,
)
from scaling.kaplan.laws import (
    JOINT_FIT,
    OVERFITTING_TOLERANCE,
    PRESETS,
    SEPARATE_FITS,
    KaplanConstants,
    data_requirement_from_penalty,
    loss,
    loss_vs_data,
    max_params,
    overfitting_penalty,
    tokens_needed,
)
from scaling.kaplan.shapes import (
    FIG5_ASPECT_RANGE,
    FIG5_LOSS_GAP,
    FIG5_SHAPES,
    forward_flops_per_token,
    non_embedding_params,
    shape_for_aspect_ratio,
)
from scaling.kaplan.training import (
    CRITICAL_BATCH,
    CRITICAL_BATCH_TABLE_5,
    LEARNING_CURVE_FIT,
    CriticalBatchConstants,
    LearningCurveConstants,
    critical_batch,
    learning_curve,
    min_compute,
    min_steps,
    steps_to_loss,
)

__all__ = [
    "B_CRIT_OPT",
    "CRITICAL_BATCH",
    "CRITICAL_BATCH_TABLE_5",
    "D_AT_CRITICAL_BATCH",
    "D_OPT",
    "DATA_REQUIREMENT",
    "FIG5_ASPECT_RANGE",
    "FIG5_LOSS_GAP",
    "FIG5_SHAPES",
    "FIXED_BATCH_COMPUTE_LAW",
    "JOINT_FIT",
    "LEARNING_CURVE_FIT",
    "MIN_COMPUTE_LAW",
    "N_OPT",
    "N_OPT_RAW_COMPUTE",
    "OVERFITTING_TOLERANCE",
    "PRESETS",
    "S_MIN_OPT",
    "SEPARATE_FITS",
    "BreakdownPoint",
    "ComputeLaw",
    "CriticalBatchConstants",
    "EfficiencyGain",
    "KaplanAllocation",
    "KaplanConstants",
    "KaplanPowerLaw",
    "LearningCurveConstants",
    "PredictedExponents",
    "breakdown_point",
    "compute_efficient",
    "compute_optimal",
    "critical_batch",
    "data_requirement_from_penalty",
    "efficient_loss_excess",
    "efficient_vs_converged",
    "forward_flops_per_token",
    "learning_curve",
    "loss",
    "loss_vs_data",
    "max_params",
    "min_compute",
    "min_compute_pf_days",
    "min_steps",
    "non_embedding_params",
    "overfitting_penalty",
    "predicted_exponents",
    "scale_up",
    "shape_for_aspect_ratio",
    "steps_to_loss",
    "tokens_needed",
]

"""Kaplan et al. 2020 scaling laws: loss as a power law in N, D and compute, and how to spend compute.

Chapter 2 (``notebooks/02_kaplan``) reproduces the paper. Conventions follow the paper: every exponent
is positive and the laws read L = (X_c / X)^alpha, so loss falls as X grows. N counts non-embedding
parameters, D tokens, S optimiser steps, B tokens per batch, and L is loss in nats per token on WebText2.
Compute is in PF-days (1 PF-day = 8.64e19 FLOPs) where the paper uses PF-days.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling._validation import as_positive, as_scalar, same_shape, scalar_or_array
from scaling.compute import to_pf_days


def _check_kind(obj, cls, name):
    """``TypeError`` naming the argument when ``obj`` is not a ``cls`` (e.g. constants=None)."""
    if not isinstance(obj, cls):
        raise TypeError(
            f"{name} must be a scaling.kaplan.{cls.__name__}, got {type(obj).__name__}"
        )


def _check_positive_fields(obj, fields):
    for field in fields:
        as_scalar(getattr(obj, field), field, positive=True)


@dataclass(frozen=True)
class KaplanConstants:
    """Constants of L(N, D) = [(N_c/N)^(alpha_N/alpha_D) + D_c/D]^alpha_D (Kaplan et al. 2020, Eq. 1.5).

    The same four numbers also give the one-variable laws L(N) = (N_c/N)^alpha_N (Eq. 1.1) and
    L(D) = (D_c/D)^alpha_D (Eq. 1.2), the limits of Eq. 1.5 as D or N goes to infinity.

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.1, 1.2, 1.5; Table 5 (separate fits); Table 2 (joint fit of Eq. 1.5).

    Examples
    --------
    >>> JOINT_FIT.alpha_n / JOINT_FIT.alpha_d
    0.7378640776699029
    """

    alpha_n: float
    alpha_d: float
    n_c: float
    d_c: float
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("alpha_n", "alpha_d", "n_c", "d_c"))

    def __repr__(self) -> str:
        return (
            f"KaplanConstants({self.name}: alpha_N={self.alpha_n:g}, alpha_D={self.alpha_d:g}, "
            f"N_c={self.n_c:.3g}, D_c={self.d_c:.3g})"
        )


SEPARATE_FITS = KaplanConstants(
    alpha_n=0.076, alpha_d=0.095, n_c=8.8e13, d_c=5.4e13, name="Table 5"
)
"""L(N) and L(D) fitted one at a time: alpha_N, N_c (Eq. 1.1) and alpha_D, D_c (Eq. 1.2), Table 5."""

JOINT_FIT = KaplanConstants(
    alpha_n=0.076, alpha_d=0.103, n_c=6.4e13, d_c=1.8e13, name="Table 2"
)
"""Eq. 1.5 fitted jointly on the (N, D) grid of Section 4 (Kaplan et al. 2020, Table 2)."""

PRESETS = {c.name: c for c in (SEPARATE_FITS, JOINT_FIT)}
"""Constant sets of L(N, D) by name."""


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
class ComputeLaw:
    """Loss against compute, L = (C_c / C)^alpha with C in PF-days.

    References
    ----------
    Kaplan et al. 2020, Eq. 1.3 and Table 5.

    Examples
    --------
    >>> MIN_COMPUTE_LAW
    ComputeLaw(L(C_min): alpha=0.05, C_c=3.1e+08 PF-days)
    """

    alpha: float
    c_c_pf_days: float
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("alpha", "c_c_pf_days"))

    def loss(self, pf_days):
        """Loss (nats/token) at compute ``pf_days`` (PF-days).

        References
        ----------
        Kaplan et al. 2020, Eq. 1.3.

        Examples
        --------
        >>> round(MIN_COMPUTE_LAW.loss(1.0), 3)
        2.658
        """
        c = as_positive(pf_days, "pf_days")
        return scalar_or_array((self.c_c_pf_days / c) ** self.alpha)

    def __repr__(self) -> str:
        return f"ComputeLaw({self.name}: alpha={self.alpha:g}, C_c={self.c_c_pf_days:.3g} PF-days)"


MIN_COMPUTE_LAW = ComputeLaw(alpha=0.050, c_c_pf_days=3.1e8, name="L(C_min)")
"""Compute-efficient frontier in C_min, the batch-adjusted compute (Eq. 1.3; Table 5)."""

FIXED_BATCH_COMPUTE_LAW = ComputeLaw(alpha=0.057, c_c_pf_days=1.6e7, name="L(C)")
"""The naive frontier in raw compute C at the fixed batch of the main runs (Table 5)."""


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


@dataclass(frozen=True)
class KaplanPowerLaw:
    """A fitted power law y = coefficient · x^exponent from Kaplan et al. 2020.

    ``x`` is C_min in PF-days for the Table 6 rows, raw C in PF-days for the Fig. 14 orange line,
    and non-embedding parameters for the data requirement of Eq. 4.4.

    References
    ----------
    Kaplan et al. 2020, Table 6; Eqs. 4.4, 6.7; Fig. 14.

    Examples
    --------
    >>> f"{N_OPT(1.0):.3g}"
    '1.3e+09'
    """

    coefficient: float
    exponent: float
    unit: str
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("coefficient", "exponent"))

    def __call__(self, x):
        """Evaluate the law at ``x`` (> 0).

        References
        ----------
        Kaplan et al. 2020, Table 6.

        Examples
        --------
        >>> f"{D_OPT(1.0):.3g}"
        '2e+10'
        """
        return scalar_or_array(self.coefficient * as_positive(x, "x") ** self.exponent)

    def __repr__(self) -> str:
        return f"KaplanPowerLaw({self.name}: {self.coefficient:.3g} {self.unit} · x^{self.exponent:g})"


N_OPT = KaplanPowerLaw(1.3e9, 0.73, "parameters", "N_opt(C_min)")
"""Compute-efficient model size, C_min in PF-days (Table 6; Eq. 6.1; Fig. 14 blue line)."""

B_CRIT_OPT = KaplanPowerLaw(2.0e6, 0.24, "tokens", "B_crit(C_min)")
"""Critical batch along the compute-efficient frontier, C_min in PF-days (Table 6)."""

S_MIN_OPT = KaplanPowerLaw(5.4e3, 0.03, "steps", "S_min(C_min)")
"""Minimum serial steps along the frontier, a lower bound (Table 6; Eq. 6.2)."""

D_OPT = KaplanPowerLaw(2e10, 0.27, "tokens", "D_opt(C_min)")
"""Tokens processed (one epoch) along the frontier, C_min in PF-days (Table 6)."""

D_AT_CRITICAL_BATCH = KaplanPowerLaw(4e10, 0.26, "tokens", "D(C_min), Eq. 6.7")
"""Data used training at B_crit, where C = 2 C_min, as printed in Eq. 6.7 (C_min in PF-days)."""

N_OPT_RAW_COMPUTE = KaplanPowerLaw(1.6e9, 0.88, "parameters", "N_opt(C)")
"""Optimal size fitted against raw compute C in PF-days, the Fig. 14 orange line (legend)."""

DATA_REQUIREMENT = KaplanPowerLaw(5e3, 0.74, "tokens", "D(N), Eq. 4.4")
"""Tokens needed to keep the overfitting penalty small, D ≳ 5e3 · N^0.74 (Eq. 4.4)."""

OVERFITTING_TOLERANCE = 0.02
"""Overfitting penalty regarded as negligible: about the seed-to-seed loss noise (Sec. 4.2, Eq. 4.4)."""


def loss(n_params, n_tokens=None, constants=JOINT_FIT):
    """Loss (nats/token) of N non-embedding parameters trained to early stopping on D tokens.

    Parameters
    ----------
    n_params : array_like
        Non-embedding parameters N (> 0). Chinchilla counts embeddings too; compare with care.
    n_tokens : array_like, optional
        Dataset size D in tokens (> 0). ``None`` means unlimited data, giving L(N) of Eq. 1.1.
    constants : KaplanConstants
        ``JOINT_FIT`` (Table 2, the fit of this very equation; default) or ``SEPARATE_FITS`` (Table 5).

    Returns
    -------
    float or numpy.ndarray
        Predicted test loss in nats per token (WebText2, GPT-2 tokenizer).

    References
    ----------
    Kaplan et al. 2020, Eq. 1.5 (= Eq. 4.1) and Eq. 1.1; Tables 2 and 5.

    Examples
    --------
    >>> round(loss(1e9, 1e10), 3)
    2.42
    >>> round(loss(2e9) / loss(1e9), 3)  # doubling N: loss × 2^-0.076 (Sec. 1.2)
    0.949
    """
    _check_kind(constants, KaplanConstants, "constants")
    n = as_positive(n_params, "n_params")
    model_term = (constants.n_c / n) ** (constants.alpha_n / constants.alpha_d)
    if n_tokens is None:
        return scalar_or_array(model_term**constants.alpha_d)
    d = as_positive(n_tokens, "n_tokens")
    same_shape((n, "n_params"), (d, "n_tokens"))
    return scalar_or_array((model_term + constants.d_c / d) ** constants.alpha_d)


def loss_vs_data(n_tokens, constants=SEPARATE_FITS):
    """Loss (nats/token) of a large model early-stopped on D tokens, L(D) = (D_c/D)^alpha_D.

    References
    ----------
    Kaplan et al. 2020, Eq. 1.2 and Table 5.

    Examples
    --------
    >>> round(loss_vs_data(1e10), 3)
    2.262
    """
    _check_kind(constants, KaplanConstants, "constants")
    d = as_positive(n_tokens, "n_tokens")
    return scalar_or_array((constants.d_c / d) ** constants.alpha_d)


def overfitting_penalty(n_params, n_tokens, constants=JOINT_FIT):
    """Relative excess loss from finite data, δL = L(N, D)/L(N, ∞) − 1.

    Returns
    -------
    float or numpy.ndarray
        δL as a fraction (0.02 means 2 % above the infinite-data loss).

    References
    ----------
    Kaplan et al. 2020, Eq. 4.3 (with the Table 2 joint fit by default).

    Examples
    --------
    >>> round(overfitting_penalty(1e9, 1e12), 4)
    0.0005
    """
    _check_kind(constants, KaplanConstants, "constants")
    n = as_positive(n_params, "n_params")
    d = as_positive(n_tokens, "n_tokens")
    same_shape((n, "n_params"), (d, "n_tokens"))
    ratio = (
        (n / constants.n_c) ** (constants.alpha_n / constants.alpha_d)
        * constants.d_c
        / d
    )
    return scalar_or_array((1 + ratio) ** constants.alpha_d - 1)


def tokens_needed(n_params):
    """Tokens a model of N non-embedding parameters needs to keep overfitting negligible (Eq. 4.4).

    Returns
    -------
    float or numpy.ndarray
        D ≈ 5e3 · N^0.74 tokens: the dataset size at which the penalty of Eq. 4.3 reaches about 2 %.
        It is a floor for avoiding overfitting, not a compute-optimal token count.

    References
    ----------
    Kaplan et al. 2020, Eq. 4.4.

    Examples
    --------
    >>> f"{tokens_needed(1e10):.3g}"
    '1.26e+11'
    """
    return DATA_REQUIREMENT(as_positive(n_params, "n_params"))


def max_params(n_tokens):
    """Largest model (non-embedding parameters) that D tokens train without overfitting: Eq. 4.4 inverted.

    Returns
    -------
    float or numpy.ndarray
        N ≈ (D / 5e3)^(1/0.74) parameters.

    References
    ----------
    Kaplan et al. 2020, Eq. 4.4.

    Examples
    --------
    >>> f"{max_params(1e12):.3g}"
    '1.65e+11'
    """
    d = as_positive(n_tokens, "n_tokens")
    law = DATA_REQUIREMENT
    return scalar_or_array((d / law.coefficient) ** (1 / law.exponent))


def data_requirement_from_penalty(tolerance=OVERFITTING_TOLERANCE, constants=JOINT_FIT):
    """Derive Eq. 4.4 from Eq. 4.3: the D(N) at which the overfitting penalty equals ``tolerance``.

    Setting δL = tolerance in Eq. 4.3 gives D = k · N^(alpha_N/alpha_D) with
    k = D_c / (N_c^(alpha_N/alpha_D) · ((1 + tolerance)^(1/alpha_D) − 1)).

    Returns
    -------
    KaplanPowerLaw
        The derived law; the paper rounds it to 5e3 · N^0.74.

    References
    ----------
    Kaplan et al. 2020, Eqs. 4.3 and 4.4; Table 2.

    Examples
    --------
    >>> data_requirement_from_penalty()
    KaplanPowerLaw(D(N) from Eq. 4.3: 5.52e+03 tokens · x^0.737864)
    """
    _check_kind(constants, KaplanConstants, "constants")
    tol = as_scalar(tolerance, "tolerance", positive=True)
    exponent = constants.alpha_n / constants.alpha_d
    coefficient = constants.d_c / (
        constants.n_c**exponent * ((1 + tol) ** (1 / constants.alpha_d) - 1)
    )
    return KaplanPowerLaw(coefficient, exponent, "tokens", "D(N) from Eq. 4.3")


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
        S_min = S_c · (L − (N_c/N)^alpha_N)^(−1/alpha_S); ``inf`` where the model's converged loss
        (N_c/N)^alpha_N is not below the target, since it never gets there.

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
    with np.errstate(divide="ignore", invalid="ignore"):
        steps = np.where(
            gap > 0, constants.s_c * np.abs(gap) ** (-1 / constants.alpha_s), np.inf
        )
    return scalar_or_array(steps)


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


@dataclass(frozen=True)
class KaplanAllocation:
    """The compute-efficient recipe of Table 6 at one C_min.

    References
    ----------
    Kaplan et al. 2020, Table 6.

    Examples
    --------
    >>> compute_efficient(1.0)
    KaplanAllocation(C_min=1 PF-days: N=1.3e+09, B=2e+06 tokens, S=5.4e+03 steps, D=2e+10 tokens)
    """

    c_min_pf_days: float
    n_params: float
    batch_tokens: float
    steps: float
    n_tokens: float

    def __repr__(self) -> str:
        return (
            f"KaplanAllocation(C_min={self.c_min_pf_days:.3g} PF-days: N={self.n_params:.3g}, "
            f"B={self.batch_tokens:.3g} tokens, S={self.steps:.3g} steps, D={self.n_tokens:.3g} tokens)"
        )


def compute_efficient(c_min_pf_days):
    """Model size, batch, steps and data of Table 6 at a scalar C_min (PF-days).

    References
    ----------
    Kaplan et al. 2020, Table 6.

    Examples
    --------
    >>> f"{compute_efficient(1e4).n_params:.3g}"
    '1.08e+12'
    """
    c = as_scalar(c_min_pf_days, "c_min_pf_days", positive=True)
    return KaplanAllocation(c, N_OPT(c), B_CRIT_OPT(c), S_MIN_OPT(c), D_OPT(c))


def min_compute_pf_days(flops):
    """C_min in PF-days for a run of ``flops`` FLOPs trained at the critical batch: C_min = C / 2.

    Eq. 5.5 with B = B_crit gives C_min = C/2. This is the convention with which Hoffmann et al.
    (2022, App. D.4) attribute 4.68B parameters at 1e21 FLOPs to Kaplan et al.

    References
    ----------
    Kaplan et al. 2020, Eq. 5.5 and Sec. 1.3 (PF-days); Hoffmann et al. 2022, App. D.4.

    Examples
    --------
    >>> round(min_compute_pf_days(1e21), 3)
    5.787
    """
    return scalar_or_array(to_pf_days(flops) / 2)


def compute_optimal(flops):
    """Kaplan's compute-optimal (N_opt, D_opt) for a training budget of ``flops`` FLOPs.

    Convention: ``flops`` is the compute actually spent, training at the critical batch, so
    C_min = C/2 (Eq. 5.5 with B = B_crit), converted to PF-days and fed to Table 6.

    Returns
    -------
    n_opt : float or numpy.ndarray
        Non-embedding parameters, 1.3e9 · C_min^0.73.
    d_opt : float or numpy.ndarray
        Tokens processed, 2e10 · C_min^0.27. Table 6's rounded prefactors make 6·N_opt·D_opt about
        0.9 C rather than exactly C.

    References
    ----------
    Kaplan et al. 2020, Table 6 and Eq. 5.5; Hoffmann et al. 2022, App. D.4 (4.68B at 1e21 FLOPs).

    Examples
    --------
    >>> n, d = compute_optimal(1e21)
    >>> f"{n:.3g}", f"{d:.3g}"
    ('4.68e+09', '3.21e+10')
    """
    c_min = min_compute_pf_days(flops)
    return N_OPT(c_min), D_OPT(c_min)


def scale_up(compute_factor):
    """Factors by which the compute-efficient N and D grow when compute grows by ``compute_factor``.

    Returns
    -------
    n_factor, d_factor : float or numpy.ndarray
        compute_factor^0.73 and compute_factor^0.27 (their product is the compute factor).

    References
    ----------
    Kaplan et al. 2020, Table 6 exponents (N ∝ C_min^0.73, D ∝ C_min^0.27).

    Examples
    --------
    >>> [round(x, 2) for x in scale_up(10)]
    [5.37, 1.86]
    """
    k = as_positive(compute_factor, "compute_factor")
    return scalar_or_array(k**N_OPT.exponent), scalar_or_array(k**D_OPT.exponent)


@dataclass(frozen=True)
class PredictedExponents:
    """Exponents the theory of Sec. 6.2 predicts from alpha_N, alpha_B, alpha_S (Eqs. 1.7, 1.8).

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.7, 1.8, 6.4, 6.5, B.7.

    Examples
    --------
    >>> predicted_exponents()
    PredictedExponents(alpha_C_min=0.05199, N∝C^0.684, B∝C^0.2476, S∝C^0.0684)
    """

    alpha_c_min: float
    n: float
    b: float
    s: float

    def __repr__(self) -> str:
        return (
            f"PredictedExponents(alpha_C_min={self.alpha_c_min:.4g}, N∝C^{self.n:.4g}, "
            f"B∝C^{self.b:.4g}, S∝C^{self.s:.4g})"
        )


def predicted_exponents(
    alpha_n=SEPARATE_FITS.alpha_n, alpha_b=CRITICAL_BATCH.alpha_b, alpha_s=0.76
):
    """alpha_C^min = 1/(1/alpha_S + 1/alpha_B + 1/alpha_N) and the N, B, S exponents it implies.

    Defaults are the Table 5 exponents (alpha_S = 0.76 is Table 5's and Table 3's).

    References
    ----------
    Kaplan et al. 2020, Eqs. 1.7, 1.8 (= B.7); Eq. 6.4 prints 0.054, Eq. B.7 0.052.

    Examples
    --------
    >>> round(predicted_exponents().alpha_c_min, 3)
    0.052
    """
    a_n = as_scalar(alpha_n, "alpha_n", positive=True)
    a_b = as_scalar(alpha_b, "alpha_b", positive=True)
    a_s = as_scalar(alpha_s, "alpha_s", positive=True)
    a_c = 1 / (1 / a_s + 1 / a_b + 1 / a_n)
    return PredictedExponents(a_c, a_c / a_n, a_c / a_b, a_c / a_s)


def efficient_loss_excess(constants=LEARNING_CURVE_FIT):
    """How far above its converged loss compute-efficient training stops: alpha_N / alpha_S.

    At fixed compute, minimising Eq. 1.6 gives (S_c/S)^alpha_S = (alpha_N/alpha_S)(N_c/N)^alpha_N,
    so the loss is (1 + alpha_N/alpha_S) times the converged L(N).

    References
    ----------
    Kaplan et al. 2020, Appendix B, Eq. B.5 ("about 10 %").

    Examples
    --------
    >>> round(efficient_loss_excess(), 3)
    0.101
    """
    _check_kind(constants, LearningCurveConstants, "constants")
    return constants.alpha_n / constants.alpha_s


@dataclass(frozen=True)
class EfficiencyGain:
    """Compute-efficient training against training near convergence, at the same loss.

    References
    ----------
    Kaplan et al. 2020, Appendix B, Eqs. B.12–B.14.

    Examples
    --------
    >>> efficient_vs_converged()
    EfficiencyGain(2.708× parameters, 7.644× fewer steps, 64.6% less compute)
    """

    param_ratio: float
    step_ratio: float
    compute_saving: float

    def __repr__(self) -> str:
        return (
            f"EfficiencyGain({self.param_ratio:.4g}× parameters, {self.step_ratio:.4g}× fewer steps, "
            f"{100 * self.compute_saving:.3g}% less compute)"
        )


def efficient_vs_converged(
    tolerance=OVERFITTING_TOLERANCE, constants=LEARNING_CURVE_FIT
):
    """Compare reaching a loss compute-efficiently with reaching it within ``tolerance`` of convergence.

    Under Eq. 1.6 both runs reach the same loss L with the same B_crit(L); the efficient one stops
    alpha_N/alpha_S above its converged loss, the other ``tolerance`` above. Compute ∝ N·S.

    Returns
    -------
    EfficiencyGain
        Parameter ratio (efficient / converged), step ratio (converged / efficient) and the
        fraction of compute saved. Independent of L.

    References
    ----------
    Kaplan et al. 2020, Appendix B, Eqs. B.12–B.14 (2.7×, 7.7×, 65 % at 2 %).

    Examples
    --------
    >>> round(efficient_vs_converged().param_ratio, 1)
    2.7
    """
    _check_kind(constants, LearningCurveConstants, "constants")
    tol = as_scalar(tolerance, "tolerance", positive=True)
    excess = efficient_loss_excess(constants)
    param_ratio = ((1 + excess) / (1 + tol)) ** (1 / constants.alpha_n)
    step_ratio = ((excess / (1 + excess)) / (tol / (1 + tol))) ** (
        1 / constants.alpha_s
    )
    return EfficiencyGain(param_ratio, step_ratio, 1 - param_ratio / step_ratio)


@dataclass(frozen=True)
class BreakdownPoint:
    """Where L(C_min) meets the data floor L(D(C_min)), beyond which the laws cannot both hold.

    References
    ----------
    Kaplan et al. 2020, Sec. 6.3, Eq. 6.8 and Fig. 15.

    Examples
    --------
    >>> breakdown_point()
    BreakdownPoint(C*=1.12e+04 PF-days, N*=1.17e+12, D*=2.48e+11 tokens, L*=1.67 nats/token)
    """

    c_min_pf_days: float
    n_params: float
    n_tokens: float
    loss: float

    def __repr__(self) -> str:
        return (
            f"BreakdownPoint(C*={self.c_min_pf_days:.3g} PF-days, N*={self.n_params:.3g}, "
            f"D*={self.n_tokens:.3g} tokens, L*={self.loss:.3g} nats/token)"
        )


def breakdown_point(
    data_law=D_OPT, compute_law=MIN_COMPUTE_LAW, constants=SEPARATE_FITS
):
    """Solve (C_c/C)^alpha_C = (D_c / D(C))^alpha_D for C, with D(C) = k·C^p from ``data_law``.

    The compute-efficient loss falls as C^-alpha_C, the loss floor set by the data that run sees as
    C^-(p·alpha_D), slower; the two cross at C*. The paper's Eq. 6.8 numbers follow from Table 6's
    D_opt (default); Eq. 6.7's D(C_min) moves the crossing by an order of magnitude.

    Returns
    -------
    BreakdownPoint
        C* (PF-days of C_min), N* = N_opt(C*) from Table 6, D* = D(C*) and L*.

    References
    ----------
    Kaplan et al. 2020, Sec. 6.3, Eqs. 6.7, 6.8; Eqs. 1.2, 1.3; Table 6.

    Examples
    --------
    >>> round(breakdown_point(D_AT_CRITICAL_BATCH).loss, 2)
    1.49
    """
    _check_kind(data_law, KaplanPowerLaw, "data_law")
    _check_kind(compute_law, ComputeLaw, "compute_law")
    _check_kind(constants, KaplanConstants, "constants")
    slope = compute_law.alpha - data_law.exponent * constants.alpha_d
    if slope <= 0:
        raise ValueError(
            "data_law grows too fast: L(C_min) never reaches the data floor"
        )
    log_c = (
        compute_law.alpha * np.log(compute_law.c_c_pf_days)
        - constants.alpha_d * np.log(constants.d_c / data_law.coefficient)
    ) / slope
    c_star = float(np.exp(log_c))
    return BreakdownPoint(
        c_star, N_OPT(c_star), data_law(c_star), compute_law.loss(c_star)
    )


def non_embedding_params(n_layer, d_model):
    """Non-embedding parameters N ≈ 12 · n_layer · d_model² (d_attn = d_ff/4 = d_model, no biases).

    Kaplan's approximation; ``scaling.architecture.TransformerConfig`` counts real architectures exactly.

    References
    ----------
    Kaplan et al. 2020, Eq. 2.1 and Table 1.

    Examples
    --------
    >>> non_embedding_params(12, 768)
    84934656.0
    """
    n_layer = as_positive(n_layer, "n_layer")
    d_model = as_positive(d_model, "d_model")
    return scalar_or_array(12 * n_layer * d_model**2)


def forward_flops_per_token(n_layer, d_model, n_ctx):
    """Forward-pass FLOPs per token, C_forward ≈ 2N + 2 · n_layer · n_ctx · d_model.

    The context term is the attention over n_ctx positions; it is small beside 2N when
    d_model > n_ctx / 12. Training costs about three times the forward pass.

    References
    ----------
    Kaplan et al. 2020, Eq. 2.2 and Table 1 (with d_attn = d_model).

    Examples
    --------
    >>> f"{forward_flops_per_token(12, 768, 1024):.4g}"
    '1.887e+08'
    """
    n_layer_arr = as_positive(n_layer, "n_layer")
    d = as_positive(d_model, "d_model")
    ctx = as_positive(n_ctx, "n_ctx")
    same_shape((n_layer_arr, "n_layer"), (d, "d_model"), (ctx, "n_ctx"))
    n = non_embedding_params(n_layer_arr, d)
    return scalar_or_array(2 * n + 2 * n_layer_arr * ctx * d)


FIG5_SHAPES = ((6, 4288), (48, 1600))
"""(n_layer, d_model) of the two models Kaplan et al. compare in the Figure 5 caption: the wide,
shallow one "reaches a loss within 3% of the (48, 1600) model used in [GPT-2]"."""

FIG5_LOSS_GAP = 0.03
"""Loss difference between the two ``FIG5_SHAPES`` models (Kaplan et al. 2020, Figure 5)."""

FIG5_ASPECT_RANGE = 40
"""Factor over which the aspect ratio d_model/n_layer "can vary ... while only slightly
impacting performance" (Kaplan et al. 2020, Figure 5 caption)."""


def shape_for_aspect_ratio(n_params, aspect_ratio):
    """Depth and width with ``12 · n_layer · d_model² = n_params`` at a given aspect ratio.

    With aspect ratio A = d_model / n_layer, N = 12 d³ / A, so d_model = (N A / 12)^(1/3)
    and n_layer = d_model / A. The results are real numbers: round them for a real model.

    Parameters
    ----------
    n_params : array_like
        Non-embedding parameters N (> 0).
    aspect_ratio : array_like
        d_model / n_layer (> 0).

    Returns
    -------
    tuple of (numpy.ndarray or float)
        ``(n_layer, d_model)``.

    References
    ----------
    Kaplan et al. 2020, Eq. 2.1 (N ≈ 12 n_layer d_model²) and Figure 5 (aspect ratio).

    Examples
    --------
    >>> n_layer, d_model = shape_for_aspect_ratio(12 * 48 * 1600**2, 1600 / 48)
    >>> round(n_layer, 6), round(d_model, 6)
    (48.0, 1600.0)
    """
    n = as_positive(n_params, "n_params")
    a = as_positive(aspect_ratio, "aspect_ratio")
    d_model = np.cbrt(n * a / 12)
    return scalar_or_array(d_model / a), scalar_or_array(d_model)


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

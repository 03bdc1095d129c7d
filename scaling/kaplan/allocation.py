"""How Kaplan et al. 2020 spend compute: L(C), the compute-efficient recipe, its theory.

Compute is in PF-days (1 PF-day = 8.64e19 FLOPs) where the paper uses PF-days (Sec. 6,
Appendix B, Eqs. 1.7, 1.8, 6.8).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_positive,
    as_scalar,
    scalar_or_array,
)
from scaling.compute import to_pf_days
from scaling.kaplan._checks import _check_kind, _check_positive_fields
from scaling.kaplan.fits import B_CRIT_OPT, D_OPT, N_OPT, S_MIN_OPT, KaplanPowerLaw
from scaling.kaplan.laws import OVERFITTING_TOLERANCE, SEPARATE_FITS, KaplanConstants
from scaling.kaplan.training import (
    CRITICAL_BATCH,
    LEARNING_CURVE_FIT,
    LearningCurveConstants,
)


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
        fraction of compute saved. Independent of L. ``tolerance`` above alpha_N/alpha_S is
        a ``ValueError``: that reference run is not nearer convergence than the efficient one.

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
    if tol > excess:
        raise ValueError(
            f"tolerance must be at most alpha_N/alpha_S = {excess:.3g}, where compute-"
            f"efficient training stops; got {tol:g}, a reference run further from "
            "convergence than the efficient one"
        )
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
    >>> from scaling.kaplan.fits import D_AT_CRITICAL_BATCH
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

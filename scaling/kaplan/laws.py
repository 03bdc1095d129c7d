"""Kaplan et al. 2020's loss in N and D: Eqs. 1.1, 1.2, 1.5 and the overfitting penalty.

N counts non-embedding parameters, D tokens, and L is loss in nats per token on WebText2;
every law reads L = (X_c / X)^alpha, so loss falls as X grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaling._validation import (
    as_positive,
    as_scalar,
    same_shape,
    scalar_or_array,
)
from scaling.kaplan._checks import _check_kind, _check_positive_fields
from scaling.kaplan.fits import DATA_REQUIREMENT, KaplanPowerLaw


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

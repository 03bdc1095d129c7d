"""Precision-aware scaling laws: low-precision training, quantization, and optimal bits.

Chapter 6 (``notebooks/06_precision``) reproduces Kumar et al. 2024. Training in P bits
shrinks the *effective* parameter count N_eff; quantizing a trained model after the fact
adds a loss δ_PTQ that grows with the data seen; and with the cost model
C = (6/16)·N·D·P the precision becomes a third knob, next to N and D, of a
compute-optimal run.

The main text writes each precision factor as 1 − e^(−P/γ) (Eqs. 3–4). Appendix K says
the fit behind the table "is really computed with offset": the exponent x/γ becomes
x/γ + n. :data:`FORMS` names the three ways to read that; ``"shifted"``,
1 − e^(n − P/γ), is the reading that reproduces the paper's compute-optimal 7–8 bits
(Sec. 4.3.2), its sensitivity ordering and its "more than 4× larger below 4 bits", so
:data:`KUMAR_2024` uses it. :data:`KUMAR_2024_MAIN_TEXT` drops the offsets and
:data:`KUMAR_2024_FLOORED` takes the opposite sign, for comparison.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import brentq, minimize_scalar

from scaling._validation import as_positive, as_scalar, scalar_or_array
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN

REFERENCE_BITS = 16
"""The cost model counts FLOPs relative to 16-bit training (Kumar et al. 2024, Eq. 5)."""

PARTS = ("weights", "activations", "kv_cache")
"""The three tensors whose training precision enters N_eff (Kumar et al. 2024, Eq. 4)."""

PRECISION_BOUNDS = (1.0, 32.0)
"""Bits searched by the optimisers: from 1 bit up to twice the 16-bit baseline."""

FORMS = ("main", "shifted", "floored")
"""How a precision factor f_x(P) = N_eff/N is read (Kumar et al. 2024, Eq. 4, App. K).

``"main"``: 1 − e^(−P/γ), the main text's form, offsets dropped.
``"shifted"``: 1 − e^(n − P/γ), Appendix K's "x/γ + n" with x = −P the main text's
exponent: the main-text curve moved right by n·γ bits, zero at P = n·γ.
``"floored"``: 1 − e^(−(P/γ + n)), the opposite sign: 1 − e^(−n) of the parameters
survive even at zero bits.
"""


def training_cost(n_params, n_tokens, bits):
    """Training FLOPs of N parameters on D tokens in P-bit arithmetic: C = (6/16)·N·D·P.

    Lower precision is assumed to make every FLOP proportionally cheaper, so 8-bit
    training costs half of 16-bit training; at P = 16 this is the usual 6ND.

    Parameters
    ----------
    n_params, n_tokens, bits : array_like
        N, D and the training precision P in bits, all > 0.

    Returns
    -------
    float or numpy.ndarray
        Cost in 16-bit-equivalent FLOPs.

    References
    ----------
    Kumar et al. 2024, Eq. 5 (Sec. 4.3).

    Examples
    --------
    >>> training_cost(1e9, 20e9, 16) == 6 * 1e9 * 20e9
    True
    >>> training_cost(1e9, 20e9, 8) == 3 * 1e9 * 20e9
    True
    """
    n = as_positive(n_params, "n_params")
    d = as_positive(n_tokens, "n_tokens")
    p = as_positive(bits, "bits")
    return scalar_or_array(TRAINING_FLOPS_PER_PARAM_TOKEN / REFERENCE_BITS * n * d * p)


def tied_optimal_bits(gamma, offset=0.0):
    """Compute-optimal precision of Eq. 5's tied form f(P) = (1 − e^(n − P/γ̄))³.

    Minimising P/f(P) (Eq. 28 of Appendix E.2.3, the compute-independent condition of
    the joint optimum) gives, with x = P/γ̄, the equation e^(x − n) − 1 = 3x; its root
    above n + ln 3 is found with ``scipy.optimize.brentq``. With n = 0 this is the
    main text's Eq. 7.

    Parameters
    ----------
    gamma : float
        γ̄, the mean of γ_w, γ_a, γ_kv (> 0).
    offset : float, optional
        n̄, an offset in the ``"shifted"`` convention (≥ 0); 0 gives the main text.

    Returns
    -------
    float
        P* in bits.

    References
    ----------
    Kumar et al. 2024, Eq. 5, Eq. 7 and Eq. 28 (App. E.2.3); offsets from App. K.

    Examples
    --------
    >>> round(tied_optimal_bits(1.0), 4)  # the root of e^x − 1 = 3x
    1.9038
    """
    g = as_scalar(gamma, "gamma", positive=True)
    n = as_scalar(offset, "offset", nonnegative=True)

    def condition(x):
        return np.expm1(x - n) - 3 * x

    lower = n + np.log(3.0)  # condition is convex in x, negative here
    upper = lower + 1.0
    while condition(upper) <= 0:
        upper = 2 * upper
    return float(g * brentq(condition, lower, upper, xtol=1e-12))


@dataclass(frozen=True)
class ComputeOptimal:
    """A compute-optimal run: parameters, tokens, training precision (bits) and loss.

    References
    ----------
    Kumar et al. 2024, Sec. 4.3.

    Examples
    --------
    >>> ComputeOptimal(flops=1e21, n_params=2e9, n_tokens=1e11, bits=8.0, loss=3.1)
    ComputeOptimal(C=1e+21 FLOPs: N=2e+09, D=1e+11, P=8.00 bits, loss=3.1)
    """

    flops: float
    n_params: float
    n_tokens: float
    bits: float
    loss: float

    def __repr__(self) -> str:
        return (
            f"ComputeOptimal(C={self.flops:.3g} FLOPs: N={self.n_params:.3g}, "
            f"D={self.n_tokens:.3g}, P={self.bits:.2f} bits, loss={self.loss:.4g})"
        )


@dataclass(frozen=True)
class PrecisionLaw:
    """L = A·N_eff^-α + B·D^-β + E + δ_PTQ, with N_eff = N·Π_x f_x(P_x).

    ``form`` (one of :data:`FORMS`) says how the fitted offsets n_x enter the precision
    factors f_x. The constant ``b`` of the Appendix K table, whose role the table does
    not state, is not used.

    References
    ----------
    Kumar et al. 2024, Eqs. 1–5 and 11; Appendix K (fitted constants and offsets).

    Examples
    --------
    >>> round(KUMAR_2024_MAIN_TEXT.effective_params(1.0, weights=4), 3)
    0.776
    >>> round(KUMAR_2024.effective_params(1.0, weights=4), 3)
    0.696
    """

    A: float
    B: float
    E: float
    alpha: float
    beta: float
    gamma_w: float
    gamma_a: float
    gamma_kv: float
    offset_w: float
    offset_a: float
    offset_kv: float
    C_T: float
    gamma_D: float
    gamma_N: float
    gamma_post: float
    form: str = "shifted"
    name: str = "custom"

    def __post_init__(self):
        positive = ("A", "B", "E", "alpha", "beta", "gamma_w", "gamma_a", "gamma_kv")
        for field in (*positive, "C_T", "gamma_D", "gamma_N", "gamma_post"):
            as_scalar(getattr(self, field), field, positive=True)
        for field in ("offset_w", "offset_a", "offset_kv"):
            as_scalar(getattr(self, field), field, nonnegative=True)
        if self.form not in FORMS:
            raise ValueError(f"form must be one of {FORMS}, got {self.form!r}")

    def min_bits(self, part: str | None = None) -> float:
        """Precision at or below which a factor is zero: n·γ for ``"shifted"``, else 0.

        Parameters
        ----------
        part : str, optional
            One of :data:`PARTS`; ``None`` gives the largest over the three, the floor
            of training all three tensors in the same precision.

        Returns
        -------
        float
            Bits.

        References
        ----------
        Kumar et al. 2024, App. K (offsets); App. L (runs with P_a or P_kv ≤ 3 diverge).

        Examples
        --------
        >>> round(KUMAR_2024.min_bits("activations"), 2)
        3.11
        >>> KUMAR_2024_MAIN_TEXT.min_bits()
        0.0
        """
        if part is None:
            return max(self.min_bits(p) for p in PARTS)
        gamma, offset = self._part(part)
        return gamma * offset if self.form == "shifted" else 0.0

    def precision_factor(self, part: str, bits):
        """N_eff/N from training one tensor in P bits (the others unquantized).

        Parameters
        ----------
        part : str
            One of :data:`PARTS`.
        bits : array_like
            Training precision in bits (> 0, and above :meth:`min_bits` for the
            ``"shifted"`` form, where the factor would be zero or negative).

        Returns
        -------
        float or numpy.ndarray
            f(P) in (0, 1): 1 − e^(−P/γ), 1 − e^(n − P/γ) or 1 − e^(−(P/γ + n)).

        References
        ----------
        Kumar et al. 2024, Eqs. 3–4; Appendix K for γ_w, γ_a, γ_kv and the offsets.

        Examples
        --------
        >>> round(KUMAR_2024_MAIN_TEXT.precision_factor("weights", 16), 4)
        0.9975
        >>> round(KUMAR_2024.precision_factor("activations", 4), 3)
        0.331
        """
        gamma, offset = self._part(part)
        p = as_positive(bits, f"{part} bits")
        floor = self.min_bits(part)
        if np.any(p <= floor):
            raise ValueError(
                f"{part} bits must exceed {floor:.2f}, where the {self.form} factor "
                f"of {self.name} reaches zero, got {float(np.min(p)):g}"
            )
        shift = {"main": 0.0, "shifted": offset, "floored": -offset}[self.form]
        return scalar_or_array(-np.expm1(shift - p / gamma))

    def _part(self, part: str):
        table = {
            "weights": (self.gamma_w, self.offset_w),
            "activations": (self.gamma_a, self.offset_a),
            "kv_cache": (self.gamma_kv, self.offset_kv),
        }
        if part not in table:
            raise ValueError(f"part must be one of {PARTS}, got {part!r}")
        return table[part]

    def effective_params(self, n_params, weights=None, activations=None, kv_cache=None):
        """Effective parameter count N_eff of N parameters trained at given precisions.

        A precision left as ``None`` is taken as unquantized (factor 1), so passing only
        ``weights`` is weight-only quantization-aware training (Eq. 3).

        Parameters
        ----------
        n_params : array_like
            Parameters N (> 0).
        weights, activations, kv_cache : array_like, optional
            Training precisions P_w, P_a, P_kv in bits (> 0).

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eq. 3 (weights only) and Eq. 4 (all three, multiplicative).

        Examples
        --------
        >>> n_eff = KUMAR_2024_MAIN_TEXT.effective_params(1e9, 8, 8, 8)
        >>> round(n_eff / 1e9, 3)
        0.924
        """
        n = as_positive(n_params, "n_params")
        factor = np.ones_like(n)
        for part, bits in zip(PARTS, (weights, activations, kv_cache), strict=True):
            if bits is not None:
                factor = factor * np.asarray(self.precision_factor(part, bits))
        return scalar_or_array(n * factor)

    def ptq_degradation(self, n_params, n_tokens, post_bits):
        """Loss added by quantizing a 16-bit-trained model's weights to P_post bits.

        δ_PTQ grows with the data seen (D^γ_D) and shrinks with model size (N^-γ_N): the
        more tokens a model has absorbed per parameter, the more it loses when its
        weights are rounded.

        Parameters
        ----------
        n_params, n_tokens : array_like
            N and D (> 0).
        post_bits : array_like
            Post-training weight precision P_post in bits (> 0).

        Returns
        -------
        float or numpy.ndarray
            δ_PTQ in nats per token.

        References
        ----------
        Kumar et al. 2024, Eq. 2; constants C_T, γ_D, γ_N, γ_post from Appendix K.

        Examples
        --------
        >>> round(KUMAR_2024.ptq_degradation(30e6, 26e9, 4), 3)
        0.035
        """
        n = as_positive(n_params, "n_params")
        d = as_positive(n_tokens, "n_tokens")
        p = as_positive(post_bits, "post_bits")
        return scalar_or_array(
            self.C_T * d**self.gamma_D / n**self.gamma_N * np.exp(-p / self.gamma_post)
        )

    def robust_ptq_degradation(
        self, n_params, n_tokens, post_bits, train_bits, robustness
    ):
        """δ_PTQ of a model that was itself trained in low precision ("robustification").

        Each tensor trained in P_x bits multiplies δ_PTQ by 1 − e^(−C_x·(P_x − P_post)),
        which vanishes when training and post-training precision agree; N is replaced
        by N_eff. Training in *fewer* bits than P_post makes quantization lossless here
        (the difference is clipped at 0).

        Parameters
        ----------
        n_params, n_tokens, post_bits : array_like
            N, D and P_post (> 0).
        train_bits : tuple of 3 array_like
            (P_w, P_a, P_kv) used in training, in bits (> 0).
        robustness : tuple of 3 float
            (C_w, C_a, C_kv), the fitted rates of Eq. 9 (> 0). Appendix K does not list
            them, so the caller must supply them.

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eqs. 8–9.

        Examples
        --------
        >>> law = KUMAR_2024
        >>> round(law.robust_ptq_degradation(1e8, 1e10, 4, (4, 4, 4), (1, 1, 1)), 6)
        0.0
        """
        p_post = as_positive(post_bits, "post_bits")
        if len(train_bits) != len(PARTS) or len(robustness) != len(PARTS):
            raise ValueError(
                "train_bits and robustness need one entry each for weights, "
                "activations, kv_cache"
            )
        n_eff = self.effective_params(n_params, *train_bits)
        base = self.ptq_degradation(n_eff, n_tokens, p_post)
        factor = 1.0
        for part, bits, rate in zip(PARTS, train_bits, robustness, strict=True):
            gap = np.maximum(as_positive(bits, f"{part} bits") - p_post, 0.0)
            factor = factor * -np.expm1(
                -as_scalar(rate, f"{part} robustness", positive=True) * gap
            )
        return scalar_or_array(np.asarray(base) * factor)

    def loss(self, n_params, n_tokens, bits=REFERENCE_BITS, *, post_bits=None):
        """Predicted loss (nats/token) of N parameters on D tokens in P bits.

        Parameters
        ----------
        n_params, n_tokens : array_like
            N and D (> 0).
        bits : array_like or tuple of 3 array_like
            Training precision: one P for weights, activations and KV cache alike, or
            (P_w, P_a, P_kv).
        post_bits : array_like, optional
            Post-training weight precision; adds δ_PTQ of Eq. 2 (a 16-bit-trained
            model's form).

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eq. 1 / Eq. 11 (unified law), Eqs. 2–4; Appendix K constants.

        Examples
        --------
        >>> round(KUMAR_2024.loss(220e6, 26e9), 3)
        3.198
        >>> round(KUMAR_2024.loss(220e6, 26e9, post_bits=4), 3)
        3.215
        """
        precisions = bits if isinstance(bits, tuple) else (bits, bits, bits)
        if len(precisions) != len(PARTS):
            raise ValueError(
                "bits must be one precision or (P_w, P_a, P_kv), "
                f"got {len(precisions)} values"
            )
        n_eff = np.asarray(self.effective_params(n_params, *precisions))
        d = as_positive(n_tokens, "n_tokens")
        out = self.A * n_eff ** (-self.alpha) + self.B * d ** (-self.beta) + self.E
        if post_bits is not None:
            out = out + np.asarray(self.ptq_degradation(n_params, d, post_bits))
        return scalar_or_array(out)

    def critical_tokens(self, n_params, post_bits):
        """Training tokens beyond which more data makes the quantized model *worse*.

        Setting ∂(B·D^-β + δ_PTQ)/∂D = 0 gives
        D_crit = [β·B·N^γ_N·e^(P_post/γ_post) / (γ_D·C_T)]^(1/(β+γ_D)).

        Parameters
        ----------
        n_params : array_like
            N (> 0).
        post_bits : array_like
            Post-training weight precision in bits (> 0).

        Returns
        -------
        float or numpy.ndarray
            D_crit in tokens.

        References
        ----------
        Kumar et al. 2024, Sec. 3 and Eqs. 12–13 (App. E.1).

        Examples
        --------
        >>> round(KUMAR_2024.critical_tokens(30e6, 3) / 1e9, 1)
        16.4
        """
        n = as_positive(n_params, "n_params")
        p = as_positive(post_bits, "post_bits")
        scale = (
            self.beta
            * self.B
            * n**self.gamma_N
            * np.exp(p / self.gamma_post)
            / (self.gamma_D * self.C_T)
        )
        return scalar_or_array(scale ** (1 / (self.beta + self.gamma_D)))

    def at_precision(self, bits) -> ChinchillaLaw:
        """The Chinchilla law of P-bit training (all three tensors): A becomes A·f^-α.

        Here f = N_eff/N at P bits. Its frontier constant G grows as P falls: at low
        precision the optimum shifts towards parameters, the paper's "grow N before D"
        (Eq. 6).

        References
        ----------
        Kumar et al. 2024, Eqs. 4 and 6; Hoffmann et al. 2022, Eq. 4.

        Examples
        --------
        >>> KUMAR_2024.at_precision(4).G > KUMAR_2024.at_precision(16).G
        True
        """
        p = as_scalar(bits, "bits", positive=True)
        factor = float(self.effective_params(1.0, p, p, p))
        return ChinchillaLaw(
            self.E,
            self.A * factor ** (-self.alpha),
            self.B,
            self.alpha,
            self.beta,
            name=f"{p:g}-bit",
        )

    def relative_cost(self, bits, reference=REFERENCE_BITS):
        """Compute to reach a given loss training in P bits, relative to ``reference``.

        With N and D chosen optimally at each precision, equal loss needs equal
        A_eff·K^(-β) balance, which gives C_P / C_ref = (P / f(P)) / (P_ref / f(P_ref));
        below 1 means P-bit training is cheaper for the same loss. The minimum over P
        is the compute-optimal precision.

        Parameters
        ----------
        bits, reference : array_like
            Training precisions in bits (> 0), one P for all three tensors.

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eqs. 4–5 and Sec. 4.3.2.

        Examples
        --------
        >>> round(KUMAR_2024_MAIN_TEXT.relative_cost(8), 3)
        0.539
        """
        p = as_positive(bits, "bits")
        ref = as_positive(reference, "reference")
        f = np.asarray(self.effective_params(1.0, p, p, p))
        f_ref = np.asarray(self.effective_params(1.0, ref, ref, ref))
        return scalar_or_array((p / f) / (ref / f_ref))

    def _search_bounds(self):
        low, high = PRECISION_BOUNDS
        return max(low, self.min_bits() * (1 + 1e-9) + 1e-9), high

    def optimal(self, flops) -> ComputeOptimal:
        """Compute-optimal (N, D, P) at budget C under C = (6/16)·N·D·P, P_w = P_a = P_kv.

        At fixed P the law is a Chinchilla law with A·f(P)^-α on a budget 16C/P, so the
        best (N, D) is :meth:`ChinchillaLaw.optimal`; ``scipy.optimize.minimize_scalar``
        then searches P in :data:`PRECISION_BOUNDS` (above :meth:`min_bits`). The
        optimal P minimises P/f(P), whatever the budget. With the ``"floored"`` form
        f(0) > 0, so P/f(P) falls all the way to 0 bits and the search stops at its
        lower bound: compare ``bits`` with ``PRECISION_BOUNDS[0]``.

        Parameters
        ----------
        flops : float
            Budget C in 16-bit-equivalent FLOPs (> 0).

        Returns
        -------
        ComputeOptimal

        References
        ----------
        Kumar et al. 2024, Sec. 4.3.2, Eq. 5 and Eq. 28 (App. E.2.3).

        Examples
        --------
        >>> round(KUMAR_2024.optimal(1e21).bits, 2)
        7.0
        >>> round(KUMAR_2024_MAIN_TEXT.optimal(1e21).bits, 2)
        3.47
        """
        c = as_scalar(flops, "flops", positive=True)

        def run(bits):
            law = self.at_precision(bits)
            n, d = law.optimal(c * REFERENCE_BITS / bits)
            return n, d, law.loss(n, d)

        best = minimize_scalar(
            lambda p: run(p)[2],
            bounds=self._search_bounds(),
            method="bounded",
            options={"xatol": 1e-6},
        )
        n, d, loss = run(best.x)
        return ComputeOptimal(c, n, d, float(best.x), loss)

    def tied_optimal_bits(self) -> float:
        """P* from the paper's tied form (Eq. 5): one γ̄ and one n̄ for all three parts.

        γ̄ and n̄ are the means of the three fitted values (n̄ = 0 for ``"main"``); see
        :func:`tied_optimal_bits`. The ``"floored"`` form has no interior optimum.

        Returns
        -------
        float
            Bits.

        References
        ----------
        Kumar et al. 2024, Eq. 5 ("γ̄ is the average of the three parameters"),
        Eqs. 7 and 28.

        Examples
        --------
        >>> round(KUMAR_2024_MAIN_TEXT.tied_optimal_bits(), 2)
        3.71
        >>> round(KUMAR_2024.tied_optimal_bits(), 2)
        7.64
        """
        if self.form == "floored":
            raise ValueError("the floored form has no interior optimum (P* → 0)")
        gamma = np.mean([self.gamma_w, self.gamma_a, self.gamma_kv])
        offset = 0.0
        if self.form == "shifted":
            offset = np.mean([self.offset_w, self.offset_a, self.offset_kv])
        return tied_optimal_bits(gamma, offset)

    def optimal_fixed_params(self, n_params, flops) -> ComputeOptimal:
        """Best training precision (all three tensors) for a fixed model size N at C.

        With N fixed, D = C/((6/16)·N·P): fewer bits buy more tokens but shrink N_eff.
        ``scipy.optimize.minimize_scalar`` finds the balance.

        Parameters
        ----------
        n_params, flops : float
            N and C (> 0).

        Returns
        -------
        ComputeOptimal

        References
        ----------
        Kumar et al. 2024, Sec. 4.3.3 and App. E.2.2 (P* grows with compute at fixed N).

        Examples
        --------
        >>> law = KUMAR_2024
        >>> small, large = (law.optimal_fixed_params(1e9, c).bits for c in (1e20, 1e22))
        >>> small < large
        True
        """
        n = as_scalar(n_params, "n_params", positive=True)
        c = as_scalar(flops, "flops", positive=True)

        def loss(bits):
            return self.loss(
                n,
                c / (TRAINING_FLOPS_PER_PARAM_TOKEN / REFERENCE_BITS * n * bits),
                bits,
            )

        best = minimize_scalar(
            loss,
            bounds=self._search_bounds(),
            method="bounded",
            options={"xatol": 1e-6},
        )
        p = float(best.x)
        d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN / REFERENCE_BITS * n * p)
        return ComputeOptimal(c, n, d, p, loss(p))

    def __repr__(self) -> str:
        return (
            f"PrecisionLaw({self.name}, {self.form} form: A={self.A:.4g}, "
            f"B={self.B:.4g}, E={self.E:.4g}, alpha={self.alpha:.4g}, "
            f"gamma_w={self.gamma_w:.4g}, gamma_a={self.gamma_a:.4g}, "
            f"gamma_kv={self.gamma_kv:.4g}, C_T={self.C_T:.3g})"
        )


_APPENDIX_K = dict(
    A=4.299e3,
    B=1.806e4,
    E=2.7648,
    alpha=0.4965,
    beta=0.4965,  # tied to alpha in the fit
    gamma_w=2.6745,
    gamma_a=2.2102,  # "gamma_i" in the table
    gamma_kv=0.9578,
    offset_w=0.3037,
    offset_a=1.4072,  # "n_i" in the table
    offset_kv=2.4185,
    C_T=0.0598,
    gamma_D=0.5068,
    gamma_N=0.3439,
    gamma_post=0.5907,
)

KUMAR_2024 = PrecisionLaw(**_APPENDIX_K, form="shifted", name="Kumar 2024")
"""Appendix K constants with the offsets, f = 1 − e^(n − P/γ) (Kumar et al. 2024, App. K).

The reading that reproduces Sec. 4.3.2's compute-optimal 7–8 bits."""

KUMAR_2024_MAIN_TEXT = PrecisionLaw(**_APPENDIX_K, form="main", name="Kumar 2024")
"""Appendix K constants in the main-text form f = 1 − e^(−P/γ) (Eqs. 3–4), offsets
dropped (Kumar et al. 2024)."""

KUMAR_2024_FLOORED = PrecisionLaw(**_APPENDIX_K, form="floored", name="Kumar 2024")
"""Appendix K constants with the offsets of the opposite sign, f = 1 − e^(−(P/γ + n))
(Kumar et al. 2024, App. K), for comparison only."""

__all__ = [
    "FORMS",
    "KUMAR_2024",
    "KUMAR_2024_FLOORED",
    "KUMAR_2024_MAIN_TEXT",
    "PARTS",
    "PRECISION_BOUNDS",
    "REFERENCE_BITS",
    "ComputeOptimal",
    "PrecisionLaw",
    "tied_optimal_bits",
    "training_cost",
]

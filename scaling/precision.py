"""Precision-aware scaling laws: low-precision training, post-training quantization, and optimal bits.

Chapter 6 (``notebooks/06_precision``) reproduces Kumar et al. 2024. Training in P bits shrinks the
*effective* parameter count N_eff; quantizing a trained model after the fact adds a loss δ_PTQ that
grows with the data seen; and with the cost model C = (6/16)·N·D·P the precision becomes a third
knob, next to N and D, of a compute-optimal run.

The Appendix K fit writes each precision factor as 1 − exp(−(P/γ + n)) with a fitted offset n that
the main text (Eqs. 3–4) leaves out. :class:`PrecisionLaw` takes ``offsets=False`` (the main-text
form, the default) or ``offsets=True`` (the Appendix K form); the chapter shows what changes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import minimize_scalar

from scaling._validation import as_array, as_positive, as_scalar, scalar_or_array
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN

REFERENCE_BITS = 16
"""The cost model counts FLOPs relative to 16-bit training (Kumar et al. 2024, Eq. 5)."""

PARTS = ("weights", "activations", "kv_cache")
"""The three tensors whose training precision enters N_eff (Kumar et al. 2024, Eq. 4)."""

PRECISION_BOUNDS = (1.0, 32.0)
"""Bits searched by the optimisers: from 1 bit up to twice the 16-bit baseline."""


def training_cost(n_params, n_tokens, bits):
    """Training FLOPs of N parameters on D tokens in P-bit arithmetic: C = (6/16)·N·D·P.

    Lower precision is assumed to make every FLOP proportionally cheaper, so 8-bit training costs
    half of 16-bit training; at P = 16 this is the usual 6ND.

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
    Kumar et al. 2024, Eq. 5 (Sec. 4.3.2).

    Examples
    --------
    >>> training_cost(1e9, 20e9, 16) == 6 * 1e9 * 20e9
    True
    >>> f"{training_cost(1e9, 20e9, 8):.3g}"
    '6e+19'
    """
    n = as_positive(n_params, "n_params")
    d = as_positive(n_tokens, "n_tokens")
    p = as_positive(bits, "bits")
    return scalar_or_array(TRAINING_FLOPS_PER_PARAM_TOKEN / REFERENCE_BITS * n * d * p)


@dataclass(frozen=True)
class ComputeOptimal:
    """A compute-optimal run: parameters, tokens, training precision (bits) and predicted loss.

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
            f"ComputeOptimal(C={self.flops:.3g} FLOPs: N={self.n_params:.3g}, D={self.n_tokens:.3g}, "
            f"P={self.bits:.2f} bits, loss={self.loss:.4g})"
        )


@dataclass(frozen=True)
class PrecisionLaw:
    """L = A·N_eff^-α + B·D^-β + E + δ_PTQ, with N_eff = N·Π_x (1 − e^(−(P_x/γ_x + n_x))).

    ``offsets`` selects the precision factor: ``False`` uses 1 − e^(−P/γ) as in the main text
    (Eqs. 3–4); ``True`` adds the fitted offsets n_x of Appendix K inside the exponent. The constant
    ``b`` of the Appendix K table, whose role the table does not state, is not used.

    References
    ----------
    Kumar et al. 2024, Eqs. 1–5 and 11; Appendix K (fitted constants).

    Examples
    --------
    >>> round(KUMAR_2024.effective_params(1.0, weights=4), 3)
    0.776
    >>> round(KUMAR_2024_OFFSETS.effective_params(1.0, weights=4), 3)
    0.835
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
    offsets: bool = False
    name: str = "custom"

    def __post_init__(self):
        positive = ("A", "B", "E", "alpha", "beta", "gamma_w", "gamma_a", "gamma_kv")
        for field in (*positive, "C_T", "gamma_D", "gamma_N", "gamma_post"):
            as_positive(getattr(self, field), field)
        for field in ("offset_w", "offset_a", "offset_kv"):
            as_array(getattr(self, field), field, nonnegative=True)

    def precision_factor(self, part: str, bits):
        """N_eff/N from training one tensor (``"weights"``, ``"activations"`` or ``"kv_cache"``) in P bits.

        Parameters
        ----------
        part : str
            One of :data:`PARTS`.
        bits : array_like
            Training precision in bits (> 0).

        Returns
        -------
        float or numpy.ndarray
            1 − e^(−P/γ) (main-text form), or 1 − e^(−(P/γ + n)) with ``offsets=True``; in (0, 1).

        References
        ----------
        Kumar et al. 2024, Eqs. 3–4; Appendix K for γ_w, γ_a, γ_kv and the offsets.

        Examples
        --------
        >>> round(KUMAR_2024.precision_factor("weights", 16), 4)
        0.9975
        """
        gamma, offset = self._part(part)
        p = as_positive(bits, f"{part} bits")
        shift = offset if self.offsets else 0.0
        return scalar_or_array(-np.expm1(-(p / gamma + shift)))

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
        """Effective parameter count N_eff of N parameters trained at the given precisions.

        A precision left as ``None`` is taken as unquantized (factor 1), so passing only ``weights``
        is weight-only quantization-aware training (Eq. 3).

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
        >>> f"{KUMAR_2024.effective_params(1e9, weights=8, activations=8, kv_cache=8):.3g}"
        '9.24e+08'
        """
        n = as_positive(n_params, "n_params")
        factor = np.ones_like(n)
        for part, bits in zip(PARTS, (weights, activations, kv_cache), strict=True):
            if bits is not None:
                factor = factor * np.asarray(self.precision_factor(part, bits))
        return scalar_or_array(n * factor)

    def ptq_degradation(self, n_params, n_tokens, post_bits):
        """Loss added by quantizing the weights of a 16-bit-trained model to P_post bits.

        δ_PTQ grows with the data seen (D^γ_D) and shrinks with model size (N^-γ_N): the more
        tokens a model has absorbed per parameter, the more it loses when its weights are rounded.

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
        """δ_PTQ of a model that was itself trained in low precision (the "robustification" form).

        Each tensor trained in P_x bits multiplies δ_PTQ by 1 − e^(−C_x·(P_x − P_post)), which
        vanishes when training and post-training precision agree; N is replaced by N_eff. Training
        in *fewer* bits than P_post makes quantization lossless here (the difference is clipped at 0).

        Parameters
        ----------
        n_params, n_tokens, post_bits : array_like
            N, D and P_post (> 0).
        train_bits : tuple of 3 array_like
            (P_w, P_a, P_kv) used in training, in bits (> 0).
        robustness : tuple of 3 float
            (C_w, C_a, C_kv), the fitted rates of Eq. 9 (> 0). Appendix K does not list them, so
            the caller must supply them.

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eqs. 8–9.

        Examples
        --------
        >>> round(KUMAR_2024.robust_ptq_degradation(1e8, 1e10, 4, (4, 4, 4), (1, 1, 1)), 6)
        0.0
        """
        p_post = as_positive(post_bits, "post_bits")
        if len(train_bits) != len(PARTS) or len(robustness) != len(PARTS):
            raise ValueError(
                "train_bits and robustness need one entry each for weights, activations, kv_cache"
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
        """Predicted loss (nats/token) of N parameters trained on D tokens in P bits, optionally quantized.

        Parameters
        ----------
        n_params, n_tokens : array_like
            N and D (> 0).
        bits : array_like or tuple of 3 array_like
            Training precision: one P for weights, activations and KV cache alike, or (P_w, P_a, P_kv).
        post_bits : array_like, optional
            Post-training weight precision; adds δ_PTQ of Eq. 2 (a 16-bit-trained model's form).

        Returns
        -------
        float or numpy.ndarray

        References
        ----------
        Kumar et al. 2024, Eq. 1 / Eq. 11 (unified law), Eqs. 2–4; Appendix K constants.

        Examples
        --------
        >>> round(KUMAR_2024.loss(220e6, 26e9), 3)
        3.197
        >>> round(KUMAR_2024.loss(220e6, 26e9, post_bits=4), 3)
        3.215
        """
        precisions = bits if isinstance(bits, tuple) else (bits, bits, bits)
        if len(precisions) != len(PARTS):
            raise ValueError(
                f"bits must be one precision or (P_w, P_a, P_kv), got {len(precisions)} values"
            )
        n_eff = np.asarray(self.effective_params(n_params, *precisions))
        d = as_positive(n_tokens, "n_tokens")
        out = self.A * n_eff ** (-self.alpha) + self.B * d ** (-self.beta) + self.E
        if post_bits is not None:
            out = out + np.asarray(self.ptq_degradation(n_params, d, post_bits))
        return scalar_or_array(out)

    def critical_tokens(self, n_params, post_bits):
        """Training tokens beyond which more data makes the P_post-bit quantized model *worse*.

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
        Kumar et al. 2024, Sec. 3 and Eq. 2 (the minimum follows from Eqs. 1–2).

        Examples
        --------
        >>> f"{KUMAR_2024.critical_tokens(30e6, 3):.3g}"
        '1.64e+10'
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
        """The Chinchilla law of P-bit training (all three tensors): A becomes A·f(P)^-α, f = N_eff/N.

        Its frontier constant G grows as P falls: at low precision the optimum shifts towards
        parameters, the paper's "grow N before D" (Eq. 6).

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
        """Compute needed to reach a given loss training in P bits, relative to ``reference`` bits.

        With N and D chosen optimally at each precision, equal loss needs equal A_eff·K^(-β)
        balance, which gives C_P / C_ref = (P / f(P)) / (P_ref / f(P_ref)); below 1 means P-bit
        training is cheaper for the same loss. The minimum over P is the compute-optimal precision.

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
        >>> round(KUMAR_2024.relative_cost(8), 3)
        0.539
        """
        p = as_positive(bits, "bits")
        ref = as_positive(reference, "reference")
        f = np.asarray(self.effective_params(1.0, p, p, p))
        f_ref = np.asarray(self.effective_params(1.0, ref, ref, ref))
        return scalar_or_array((p / f) / (ref / f_ref))

    def optimal(self, flops) -> ComputeOptimal:
        """Compute-optimal (N, D, P) at budget C under C = (6/16)·N·D·P, one P for all three tensors.

        At fixed P the law is a Chinchilla law with A·f(P)^-α on a budget 16C/P, so the best (N, D)
        is :meth:`ChinchillaLaw.optimal`; ``scipy.optimize.minimize_scalar`` then searches P in
        :data:`PRECISION_BOUNDS`. The optimal P minimises P/f(P), whatever the budget. With
        ``offsets=True`` f(0) > 0, so P/f(P) falls all the way to 0 bits and the search stops at its
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
        Kumar et al. 2024, Sec. 4.3.2 and Eq. 5.

        Examples
        --------
        >>> round(KUMAR_2024.optimal(1e21).bits, 2)
        3.47
        """
        c = as_scalar(flops, "flops", positive=True)

        def run(bits):
            law = self.at_precision(bits)
            n, d = law.optimal(c * REFERENCE_BITS / bits)
            return n, d, law.loss(n, d)

        best = minimize_scalar(
            lambda p: run(p)[2],
            bounds=PRECISION_BOUNDS,
            method="bounded",
            options={"xatol": 1e-6},
        )
        n, d, loss = run(best.x)
        return ComputeOptimal(c, n, d, float(best.x), loss)

    def optimal_fixed_params(self, n_params, flops) -> ComputeOptimal:
        """Best training precision (one P for all three tensors) for a model of fixed size N at budget C.

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
        Kumar et al. 2024, Sec. 4.3 (P* grows with compute when N is held fixed).

        Examples
        --------
        >>> small, large = (KUMAR_2024.optimal_fixed_params(1e9, c).bits for c in (1e20, 1e22))
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
            loss, bounds=PRECISION_BOUNDS, method="bounded", options={"xatol": 1e-6}
        )
        p = float(best.x)
        d = c / (TRAINING_FLOPS_PER_PARAM_TOKEN / REFERENCE_BITS * n * p)
        return ComputeOptimal(c, n, d, p, loss(p))

    def __repr__(self) -> str:
        form = "Appendix K offsets" if self.offsets else "main-text form"
        return (
            f"PrecisionLaw({self.name}, {form}: A={self.A:.4g}, B={self.B:.4g}, E={self.E:.4g}, "
            f"alpha={self.alpha:.4g}, gamma_w={self.gamma_w:.4g}, gamma_a={self.gamma_a:.4g}, "
            f"gamma_kv={self.gamma_kv:.4g}, C_T={self.C_T:.3g})"
        )


_APPENDIX_K = dict(
    A=4.299e3,
    B=1.806e4,
    E=2.7648,
    alpha=0.4965,
    beta=0.4965,  # tied to alpha in the fit
    gamma_w=2.6745,
    gamma_a=2.2102,
    gamma_kv=0.9578,
    offset_w=0.3037,
    offset_a=1.4072,
    offset_kv=2.4185,
    C_T=0.0598,
    gamma_D=0.5068,
    gamma_N=0.3439,
    gamma_post=0.5907,
)

KUMAR_2024 = PrecisionLaw(**_APPENDIX_K, offsets=False, name="Kumar 2024")
"""Appendix K constants in the main-text form 1 − e^(−P/γ) (Kumar et al. 2024, Eqs. 2–4, App. K)."""

KUMAR_2024_OFFSETS = PrecisionLaw(**_APPENDIX_K, offsets=True, name="Kumar 2024")
"""Appendix K constants with the fitted offsets, 1 − e^(−(P/γ + n)) (Kumar et al. 2024, App. K)."""

__all__ = [
    "KUMAR_2024",
    "KUMAR_2024_OFFSETS",
    "PARTS",
    "PRECISION_BOUNDS",
    "REFERENCE_BITS",
    "ComputeOptimal",
    "PrecisionLaw",
    "training_cost",
]

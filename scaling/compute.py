"""Training compute: C ≈ 6·N·D, PF-days, and wall-clock time on real accelerators.

Chapter 1 (``notebooks/01_power_laws``) derives the 6 = 2 + 4 FLOPs per parameter per token.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_fraction,
    as_positive,
    as_scalar,
    as_whole,
    finite_result,
    same_shape,
    scalar_or_array,
)

FORWARD_FLOPS_PER_PARAM_TOKEN = 2
"""A multiply and an add per weight per token (Kaplan et al. 2020, Sec. 2.1)."""

BACKWARD_FLOPS_PER_PARAM_TOKEN = 4
"""Gradients w.r.t. activations and w.r.t. weights: twice the forward (Kaplan et al. 2020, Sec. 2.1)."""

TRAINING_FLOPS_PER_PARAM_TOKEN = (
    FORWARD_FLOPS_PER_PARAM_TOKEN + BACKWARD_FLOPS_PER_PARAM_TOKEN
)

PF_DAY = 1e15 * 86_400
"""One petaflop/s sustained for a day, in FLOPs (Kaplan et al. 2020, Sec. 1.3)."""

SECONDS_PER_DAY = 86_400


@dataclass(frozen=True)
class Accelerator:
    """An accelerator's dense BF16 tensor peak and memory, with where the numbers come from."""

    name: str
    peak_flops: float
    memory_gb: float
    source: str

    def __post_init__(self):
        for field in ("name", "source"):
            if not isinstance(getattr(self, field), str):
                raise TypeError(
                    f"{field} must be a str, got {type(getattr(self, field)).__name__}"
                )
        as_scalar(self.peak_flops, "peak_flops", positive=True)
        as_scalar(self.memory_gb, "memory_gb", positive=True)

    def __repr__(self) -> str:
        return f"Accelerator({self.name}: {self.peak_flops / 1e12:g} TFLOP/s BF16 dense, {self.memory_gb:g} GB)"


ACCELERATORS = {
    "A100": Accelerator(
        "A100",
        312e12,
        80,
        "NVIDIA A100 Tensor Core GPU datasheet: 312 TFLOP/s BF16 dense (624 with sparsity)",
    ),
    "H100": Accelerator(
        "H100",
        989.4e12,
        80,
        "NVIDIA H100 Tensor Core GPU datasheet, SXM5: 989.4 TFLOP/s BF16 dense (1,979 sparse)",
    ),
    "TPU V4": Accelerator(
        "TPU v4",
        275e12,
        32,
        "Jouppi et al. 2023, 'TPU v4', ISCA, Table 1: 275 TFLOP/s BF16 peak, 32 GiB HBM",
    ),
}
"""Accelerators known by name; peak is dense BF16 tensor throughput (no 2:4 sparsity)."""


def accelerator(name: str) -> Accelerator:
    """Look up an accelerator by name (case-insensitive).

    Parameters
    ----------
    name : str
        One of ``ACCELERATORS`` (e.g. ``"A100"``, ``"H100"``).

    Returns
    -------
    Accelerator

    References
    ----------
    NVIDIA A100 and H100 datasheets (dense BF16 tensor-core peak).

    Examples
    --------
    >>> accelerator("a100").peak_flops
    312000000000000.0
    """
    if not isinstance(name, str):
        raise TypeError(f"gpu must be a name (str) or an Accelerator, got {name!r}")
    key = name.upper()
    if key not in ACCELERATORS:
        known = ", ".join(sorted(ACCELERATORS))
        raise ValueError(f"gpu must be one of {known}, got {name!r}")
    return ACCELERATORS[key]


def training_flops(n_params, n_tokens):
    """Training compute C ≈ 6·N·D in FLOPs.

    Parameters
    ----------
    n_params : array_like
        Parameters N (> 0).
    n_tokens : array_like
        Training tokens D (> 0).

    Returns
    -------
    numpy.ndarray or float
        FLOPs; a float for scalar input.

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1 (C ≈ 6NBS); Hoffmann et al. 2022, Table A4.

    Examples
    --------
    >>> f"{training_flops(175e9, 300e9):.3g}"
    '3.15e+23'
    """
    n = as_positive(n_params, "n_params")
    d = as_positive(n_tokens, "n_tokens")
    same_shape((n, "n_params"), (d, "n_tokens"))
    with np.errstate(over="ignore", under="ignore"):
        out = TRAINING_FLOPS_PER_PARAM_TOKEN * n * d
    return _checked(out, "training FLOPs")


def tokens_for(flops, n_params):
    """Tokens D = C / (6N) that a compute budget buys for a model of N parameters.

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1.

    Examples
    --------
    >>> f"{tokens_for(5.88e23, 70e9):.3g}"
    '1.4e+12'
    """
    c = as_positive(flops, "flops")
    n = as_positive(n_params, "n_params")
    same_shape((c, "flops"), (n, "n_params"))
    with np.errstate(over="ignore", under="ignore"):
        out = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n)
    return _checked(out, "tokens")


def params_for(flops, n_tokens):
    """Parameters N = C / (6D) that a compute budget buys for D training tokens.

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1.

    Examples
    --------
    >>> f"{params_for(5.88e23, 1.4e12):.3g}"
    '7e+10'
    """
    c = as_positive(flops, "flops")
    d = as_positive(n_tokens, "n_tokens")
    same_shape((c, "flops"), (d, "n_tokens"))
    with np.errstate(over="ignore", under="ignore"):
        out = c / (TRAINING_FLOPS_PER_PARAM_TOKEN * d)
    return _checked(out, "parameters")


def to_pf_days(flops):
    """Convert FLOPs to PF-days (1 PF-day = 8.64e19 FLOPs).

    References
    ----------
    Kaplan et al. 2020, Sec. 1.3.

    Examples
    --------
    >>> round(to_pf_days(3.14e23))
    3634
    """
    with np.errstate(over="ignore", under="ignore"):
        out = as_positive(flops, "flops") / PF_DAY
    return _checked(out, "PF-days")


def from_pf_days(pf_days):
    """Convert PF-days to FLOPs.

    References
    ----------
    Kaplan et al. 2020, Sec. 1.3.

    Examples
    --------
    >>> from_pf_days(1.0)
    8.64e+19
    """
    with np.errstate(over="ignore", under="ignore"):
        out = as_positive(pf_days, "pf_days") * PF_DAY
    return _checked(out, "FLOPs")


def cluster_flops(n_gpus, days, gpu="A100", mfu=0.4):
    """Useful FLOPs a cluster delivers: GPUs × peak × MFU × seconds.

    Parameters
    ----------
    n_gpus : array_like
        Number of accelerators (> 0).
    days : array_like
        Wall-clock days (> 0).
    gpu : str or Accelerator
        Accelerator name from ``ACCELERATORS`` or an :class:`Accelerator`.
    mfu : float
        Model FLOP utilisation in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        Training FLOPs.

    References
    ----------
    Chowdhery et al. 2022 (PaLM), Appendix B, defines MFU.

    Examples
    --------
    >>> f"{cluster_flops(100, 30, 'A100', 0.4):.3g}"
    '3.23e+22'
    """
    acc = gpu if isinstance(gpu, Accelerator) else accelerator(gpu)
    g = as_whole(n_gpus, "n_gpus")
    t = as_positive(days, "days")
    same_shape((g, "n_gpus"), (t, "days"))
    u = as_fraction(mfu, "mfu")
    with np.errstate(over="ignore", under="ignore"):
        out = g * acc.peak_flops * u * t * SECONDS_PER_DAY
    return _checked(out, "cluster FLOPs")


def training_days(flops, n_gpus, gpu="A100", mfu=0.4):
    """Wall-clock days to train with ``flops`` on ``n_gpus`` accelerators at utilisation ``mfu``.

    Parameters
    ----------
    flops : array_like
        Training FLOPs (> 0), e.g. from :func:`training_flops`.
    n_gpus : array_like
        Number of accelerators (> 0).
    gpu : str or Accelerator
        Accelerator name from ``ACCELERATORS`` or an :class:`Accelerator`.
    mfu : float
        Model FLOP utilisation in (0, 1].

    Returns
    -------
    numpy.ndarray or float
        Days.

    References
    ----------
    Chowdhery et al. 2022 (PaLM), Appendix B (MFU); Touvron et al. 2023 (LLaMA), Sec. 2.4.

    Examples
    --------
    >>> round(training_days(training_flops(70e9, 1.4e12), 1024, "A100", 0.55), 1)
    38.7
    """
    acc = gpu if isinstance(gpu, Accelerator) else accelerator(gpu)
    c = as_positive(flops, "flops")
    g = as_whole(n_gpus, "n_gpus")
    same_shape((c, "flops"), (g, "n_gpus"))
    u = as_fraction(mfu, "mfu")
    with np.errstate(over="ignore", under="ignore"):
        out = c / (g * acc.peak_flops * u * SECONDS_PER_DAY)
    return _checked(out, "training days")


def _checked(values, what):
    """A product or quotient of valid inputs, refused when it over- or underflows a float."""
    finite_result(values, what)
    if np.any(np.asarray(values) <= 0):
        raise ValueError(f"{what} underflow to 0: the inputs are too small for a float")
    return scalar_or_array(values)


GOPHER_APPENDIX_F_FLOPS = 6.3e23
"""Gopher's training compute by Hoffmann et al.'s own count, "6.3 × 10²³ compared to
5.76 × 10²³" in Rae et al. (Hoffmann et al. 2022, Appendix F)."""

PALM_TPU_V4_CHIPS = 6144
"""TPU v4 chips PaLM 540B was trained on, in two pods (Chowdhery et al. 2022, Sec. 4)."""


@dataclass(frozen=True)
class AppendixFFlops:
    """Forward-pass FLOPs of one training sequence, by the components of Hoffmann et al. App. F.

    All fields are FLOPs for one sequence of ``seq_len`` tokens through the forward pass.
    ``attention_scores`` holds the three terms quadratic in the context (key @ query logits,
    softmax, softmax @ values); ``attention_projections`` the key, query, value and output
    matrices.
    """

    embeddings: float
    attention_projections: float
    attention_scores: float
    dense: float
    logits: float
    seq_len: int

    @property
    def forward(self) -> float:
        """Forward FLOPs per sequence: the sum of the components."""
        return (
            self.embeddings
            + self.attention_projections
            + self.attention_scores
            + self.dense
            + self.logits
        )

    @property
    def training_per_token(self) -> float:
        """Training FLOPs per token: forward plus a backward pass of twice the forward."""
        ratio = TRAINING_FLOPS_PER_PARAM_TOKEN / FORWARD_FLOPS_PER_PARAM_TOKEN
        return ratio * self.forward / self.seq_len

    def training_flops(self, n_tokens):
        """Training FLOPs for ``n_tokens`` tokens (> 0)."""
        d = as_positive(n_tokens, "n_tokens")
        return scalar_or_array(self.training_per_token * d)

    def share(self, component: str) -> float:
        """Fraction of the forward FLOPs in one component (a field name)."""
        parts = ("embeddings", "attention_projections", "attention_scores", "dense")
        if component not in (*parts, "logits"):
            raise ValueError(f"component must be a FLOP component, got {component!r}")
        return getattr(self, component) / self.forward


def appendix_f_flops(
    n_layers, d_model, ffw_size, n_heads, key_size, seq_len=2048, vocab_size=32000
):
    """Hoffmann et al.'s per-component FLOP count of a transformer (their Appendix F).

    Forward pass, per sequence, with a factor 2 for each multiply-accumulate:
    embeddings 2·s·V·d; per layer the key/query/value projections 2·3·s·d·(k·h), the
    key @ query logits 2·s²·(k·h), the softmax 3·h·s², the softmax @ values 2·s²·(k·h),
    the final linear 2·s·(k·h)·d and the dense block 2·s·(2·d·f); final logits 2·s·d·V.
    The backward pass counts twice the forward (as in Kaplan et al.).

    Parameters
    ----------
    n_layers, d_model, ffw_size, n_heads, key_size : int
        Depth, width, feed-forward width, attention heads and key/value size per head.
    seq_len : int
        Training context s (2048 for Gopher and Chinchilla).
    vocab_size : int
        Vocabulary V (32,000 for Gopher and Chinchilla).

    Returns
    -------
    AppendixFFlops

    References
    ----------
    Hoffmann et al. 2022, Appendix F ("FLOPs computation") and Table A4; Rae et al. 2021,
    Table 1 (Gopher's shape).

    Examples
    --------
    >>> f = appendix_f_flops(1, 2, 8, 1, 2, seq_len=4, vocab_size=10)
    >>> f.embeddings, f.attention_scores, f.dense
    (160.0, 176.0, 256.0)
    """
    values = {}
    for name, value in (
        ("n_layers", n_layers),
        ("d_model", d_model),
        ("ffw_size", ffw_size),
        ("n_heads", n_heads),
        ("key_size", key_size),
        ("seq_len", seq_len),
        ("vocab_size", vocab_size),
    ):
        if isinstance(value, bool) or not isinstance(value, (int, np.integer)):
            raise TypeError(f"{name} must be an integer, got {type(value).__name__}")
        if value <= 0:
            raise ValueError(f"{name} must be a positive integer, got {value}")
        values[name] = float(value)
    layers, d, f = values["n_layers"], values["d_model"], values["ffw_size"]
    h, s, vocab = values["n_heads"], values["seq_len"], values["vocab_size"]
    attn = h * values["key_size"]
    return AppendixFFlops(
        embeddings=2 * s * vocab * d,
        attention_projections=layers * (2 * 3 * s * d * attn + 2 * s * attn * d),
        attention_scores=layers * (2 * s * s * attn + 3 * h * s * s + 2 * s * s * attn),
        dense=layers * 2 * s * (d * f + d * f),
        logits=2 * s * d * vocab,
        seq_len=int(seq_len),
    )


__all__ = [
    "ACCELERATORS",
    "Accelerator",
    "AppendixFFlops",
    "BACKWARD_FLOPS_PER_PARAM_TOKEN",
    "FORWARD_FLOPS_PER_PARAM_TOKEN",
    "GOPHER_APPENDIX_F_FLOPS",
    "PALM_TPU_V4_CHIPS",
    "PF_DAY",
    "TRAINING_FLOPS_PER_PARAM_TOKEN",
    "accelerator",
    "appendix_f_flops",
    "cluster_flops",
    "from_pf_days",
    "params_for",
    "to_pf_days",
    "tokens_for",
    "training_days",
    "training_flops",
]

"""Exact parameter counts and FLOPs per token of decoder-only transformers, with published configurations.

Chapter 5 (``notebooks/05_model_sizes``) uses it to explain why open models come as 7B, 13B and 70B:
the sizes follow from depth, width, vocabulary and a few rounding rules, not from the scaling laws.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_count,
    as_positive,
    as_scalar,
    same_shape,
    scalar_or_array,
)
from scaling.compute import (
    FORWARD_FLOPS_PER_PARAM_TOKEN,
    TRAINING_FLOPS_PER_PARAM_TOKEN,
)

MLP_KINDS = ("gelu", "swiglu")
"""``gelu``: two matrices d→d_ff→d (GPT-2/3); ``swiglu``: three, a gate, an up and a down projection."""

NORM_KINDS = ("layernorm", "rmsnorm")
"""LayerNorm has a gain and a bias per channel, RMSNorm only a gain (Zhang & Sennrich 2019)."""

POSITION_KINDS = ("learned", "rotary", "relative")
"""Learned absolute embeddings (GPT), rotary (no parameters, LLaMA) or Transformer-XL relative (Gopher)."""

CONSUMER_GPU_GB = 24
"""Memory of the largest consumer GPUs (NVIDIA GeForce RTX 3090 and 4090 specifications: 24 GB)."""


@dataclass(frozen=True)
class TransformerConfig:
    """A decoder-only transformer's shape, enough to count its parameters exactly.

    Parameters
    ----------
    name : str
        Label used in tables.
    vocab_size, d_model, n_layers, n_heads, d_ff, context : int
        Vocabulary, width, depth, attention heads, MLP hidden width and training context length.
    n_kv_heads : int, optional
        Key/value heads; fewer than ``n_heads`` is grouped-query attention (one is multi-query).
        Defaults to ``n_heads``.
    mlp : {"gelu", "swiglu"}
        Two-matrix GELU MLP or three-matrix SwiGLU MLP.
    biases : bool
        Whether the linear layers carry bias vectors.
    norm : {"layernorm", "rmsnorm"}
        Normalisation kind; ``norms_per_layer`` of them per block plus one final norm.
    tied_embeddings : bool
        Whether the output head reuses the input embedding matrix.
    positions : {"learned", "rotary", "relative"}
        Position encoding; learned ones add ``context × d_model`` parameters, relative ones (Dai et
        al. 2019) a d_model × d_model key projection for positions and two bias vectors per layer.
    head_size : int, optional
        Width of one attention head when a paper prints one that is not d_model / n_heads (GPT-3
        XL: 24 heads of 128 with d_model 2048, Brown et al. 2020, Table 2.1). Without it,
        d_model must be a multiple of n_heads. Parameter counts do not depend on it.

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1 and Table 1 (parameter and FLOP counting); Brown et al. 2020,
    Table 2.1; Touvron et al. 2023, Sec. 2.2 and Table 2.

    Examples
    --------
    >>> cfg = preset("gpt3-175b")
    >>> f"{cfg.n_params():,}"
    '174,604,259,328'
    """

    name: str
    vocab_size: int
    d_model: int
    n_layers: int
    n_heads: int
    d_ff: int
    context: int
    n_kv_heads: int | None = None
    mlp: str = "gelu"
    biases: bool = True
    norm: str = "layernorm"
    norms_per_layer: int = 2
    tied_embeddings: bool = True
    positions: str = "learned"
    head_size: int | None = None

    def __post_init__(self):
        if not isinstance(self.name, str):
            raise TypeError(f"name must be a str, got {type(self.name).__name__}")
        for field in (
            "vocab_size",
            "d_model",
            "n_layers",
            "n_heads",
            "d_ff",
            "context",
            "norms_per_layer",
        ):
            value = getattr(self, field)
            if not isinstance(value, int) or isinstance(value, bool) or value <= 0:
                raise ValueError(f"{field} must be a positive integer, got {value!r}")
        kv = self.kv_heads
        if (
            not isinstance(kv, int)
            or isinstance(kv, bool)
            or kv <= 0
            or self.n_heads % kv
        ):
            raise ValueError(
                f"n_kv_heads must be a positive divisor of n_heads={self.n_heads}, got {kv!r}"
            )
        size = self.head_size
        if size is not None and (
            not isinstance(size, int) or isinstance(size, bool) or size <= 0
        ):
            raise ValueError(f"head_size must be a positive integer, got {size!r}")
        if size is None and self.d_model % self.n_heads:
            raise ValueError(
                f"d_model = {self.d_model} must be a multiple of n_heads = {self.n_heads} "
                "(each head gets d_model / n_heads channels); pass head_size for a paper "
                "that prints another head width"
            )
        for field in ("biases", "tied_embeddings"):
            if not isinstance(getattr(self, field), (bool, np.bool_)):
                raise TypeError(
                    f"{field} must be True or False, got {getattr(self, field)!r}"
                )
        for field, allowed in (
            ("mlp", MLP_KINDS),
            ("norm", NORM_KINDS),
            ("positions", POSITION_KINDS),
        ):
            if getattr(self, field) not in allowed:
                raise ValueError(
                    f"{field} must be one of {allowed}, got {getattr(self, field)!r}"
                )

    @property
    def kv_heads(self) -> int:
        """Key/value heads (``n_heads`` unless grouped- or multi-query attention)."""
        return self.n_heads if self.n_kv_heads is None else self.n_kv_heads

    @property
    def head_dim(self) -> float:
        """Width of one attention head: ``head_size`` if given, else d_model / n_heads."""
        return self.d_model / self.n_heads if self.head_size is None else self.head_size

    def components(self) -> dict[str, int]:
        """Parameters by component: embeddings, positions, attention, MLP, norms, output head.

        References
        ----------
        Kaplan et al. 2020, Table 1 (per-operation parameter counts); Dai et al. 2019, Sec. 3.3
        (relative-position key projection W_k,R and biases u, v).

        Examples
        --------
        >>> preset("llama-7b").components()["mlp"]
        4328521728
        """
        d, layers = self.d_model, self.n_layers
        kv_dim = d * self.kv_heads // self.n_heads
        attention = (
            2 * d * d + 2 * d * kv_dim + (2 * d + 2 * kv_dim if self.biases else 0)
        )
        if self.positions == "relative":
            attention += d * d + 2 * d
        n_in = 1 if self.mlp == "gelu" else 2
        mlp = (n_in + 1) * d * self.d_ff + (
            (n_in * self.d_ff + d) if self.biases else 0
        )
        norm_size = 2 * d if self.norm == "layernorm" else d
        return {
            "embedding": self.vocab_size * d,
            "positions": self.context * d if self.positions == "learned" else 0,
            "attention": layers * attention,
            "mlp": layers * mlp,
            "norms": (layers * self.norms_per_layer + 1) * norm_size,
            "output_head": 0 if self.tied_embeddings else self.vocab_size * d,
        }

    def n_params(self, non_embedding: bool = False) -> int:
        """Exact parameter count; ``non_embedding=True`` drops embeddings, positions and output head.

        Kaplan et al. count non-embedding parameters; Hoffmann et al. and model cards count all of them.

        References
        ----------
        Kaplan et al. 2020, Eq. 2.1 (N ≈ 12 n_layer d_model² without embeddings); Hoffmann et al.
        2022, Sec. 2 (embeddings included).

        Examples
        --------
        >>> cfg = preset("gpt3-6.7b")
        >>> round(cfg.n_params(non_embedding=True) / (12 * cfg.n_layers * cfg.d_model**2), 4)
        1.0003
        """
        parts = self.components()
        if non_embedding:
            return parts["attention"] + parts["mlp"] + parts["norms"]
        return sum(parts.values())

    def embedding_share(self) -> float:
        """Fraction of all parameters in the embeddings, positions and output head.

        References
        ----------
        Kaplan et al. 2020, Sec. 2.1 (why non-embedding parameters give cleaner laws at small size).

        Examples
        --------
        >>> round(preset("gpt3-small").embedding_share(), 2)
        0.32
        """
        return 1 - self.n_params(non_embedding=True) / self.n_params()

    def forward_flops_per_token(self) -> float:
        """Forward FLOPs per token: 2 per matrix weight (with the unembedding) plus the attention term.

        2 × (non-embedding parameters + d_model × vocab) + 2 n_layer n_ctx d_model. The unembedding is
        a matrix multiply even when tied, which Kaplan's count leaves out (Porian et al. 2024).

        References
        ----------
        Kaplan et al. 2020, Eq. 2.2; Porian et al. 2024, Sec. 3 (last-layer FLOPs).

        Examples
        --------
        >>> f"{preset('llama-7b').forward_flops_per_token():.3g}"
        '1.38e+10'
        """
        matmul_weights = (
            self.n_params(non_embedding=True) + self.d_model * self.vocab_size
        )
        attention = 2 * self.n_layers * self.context * self.d_model
        return float(FORWARD_FLOPS_PER_PARAM_TOKEN * matmul_weights + attention)

    def training_flops_per_token(self) -> float:
        """Training FLOPs per token: three forward passes' worth (the backward pass costs two).

        References
        ----------
        Kaplan et al. 2020, Sec. 2.1 (backward ≈ 2 × forward).

        Examples
        --------
        >>> cfg = preset("llama-7b")
        >>> round(cfg.training_flops_per_token() / (6 * cfg.n_params()), 3)
        1.02
        """
        ratio = TRAINING_FLOPS_PER_PARAM_TOKEN / FORWARD_FLOPS_PER_PARAM_TOKEN
        return ratio * self.forward_flops_per_token()

    def __repr__(self) -> str:
        return (
            f"TransformerConfig({self.name}: {self.n_layers} layers × d_model {self.d_model}, "
            f"{self.n_heads} heads, {self.n_params() / 1e9:.3g}B params)"
        )


def llama_ffn_dim(
    d_model: int, multiple_of: int, ffn_dim_multiplier: float | None = None
) -> int:
    """SwiGLU hidden width of the LLaMA family: 2/3 · 4d, optionally scaled, rounded up to a multiple.

    Touvron et al. keep the MLP's parameters close to a 4d GELU MLP by using 2/3 · 4d with three
    matrices; the released code then rounds up to ``multiple_of`` for efficient kernels.

    References
    ----------
    Touvron et al. 2023, Sec. 2 ("2/3 4d instead of 4d as in PaLM"); meta-llama/llama and
    meta-llama/llama3 ``model.py`` (``FeedForward``: ``multiple_of``, ``ffn_dim_multiplier``).

    Examples
    --------
    >>> llama_ffn_dim(4096, 256), llama_ffn_dim(8192, 4096, 1.3)
    (11008, 28672)
    """
    d = as_count(d_model, "d_model")
    m = as_count(multiple_of, "multiple_of")
    hidden = int(2 * 4 * d / 3)
    if ffn_dim_multiplier is not None:
        hidden = int(
            as_scalar(ffn_dim_multiplier, "ffn_dim_multiplier", positive=True) * hidden
        )
    return m * math.ceil(hidden / m)


def _gpt3(
    size: str, n_layers: int, d_model: int, n_heads: int, head_size=None
) -> TransformerConfig:
    return TransformerConfig(
        f"gpt3-{size}",
        50257,
        d_model,
        n_layers,
        n_heads,
        4 * d_model,
        2048,
        head_size=head_size,
    )


def llama_config(
    name, d_model, n_layers, n_heads, d_ff, context, vocab=32000, n_kv_heads=None
) -> TransformerConfig:
    """A LLaMA-style shape: SwiGLU MLP, RMSNorm, rotary positions, no biases, untied embeddings.

    LLaMA, Llama 2 and 3 and DeepSeek LLM share this layout, so their presets differ only in
    widths, depths, heads and vocabulary.

    Parameters
    ----------
    name : str
    d_model, n_layers, n_heads, d_ff, context : int
        Width, depth, attention heads, MLP hidden size and context length.
    vocab : int
        Vocabulary size (LLaMA's 32,000 by default).
    n_kv_heads : int, optional
        Key/value heads for grouped-query attention; all heads when omitted.

    Returns
    -------
    TransformerConfig

    References
    ----------
    Touvron et al. 2023, "LLaMA", Sec. 2.2 (the architecture).

    Examples
    --------
    >>> cfg = llama_config("llama-7b", 4096, 32, 32, 11008, 2048)
    >>> f"{cfg.n_params() / 1e9:.2f}B"
    '6.74B'
    """
    return TransformerConfig(
        name,
        vocab,
        d_model,
        n_layers,
        n_heads,
        d_ff,
        context,
        n_kv_heads=n_kv_heads,
        mlp="swiglu",
        biases=False,
        norm="rmsnorm",
        tied_embeddings=False,
        positions="rotary",
    )


def _deepmind(name, d_model, n_layers, n_heads):
    return TransformerConfig(
        name,
        32000,
        d_model,
        n_layers,
        n_heads,
        4 * d_model,
        2048,
        biases=False,
        norm="rmsnorm",
        positions="relative",
    )


_PRESETS = (
    # Brown et al. 2020, Table 2.1 (d_ff = 4 d_model, n_ctx 2048, GPT-2 vocabulary of 50,257). The 13B
    # row prints d_model 5140; 5120 = 40 heads × 128 is what reproduces Table D.1's 12,850M.
    _gpt3("small", 12, 768, 12),
    _gpt3("medium", 24, 1024, 16),
    _gpt3("large", 24, 1536, 16),
    _gpt3("xl", 24, 2048, 24, head_size=128),  # as printed: 24 x 128 is not 2048
    _gpt3("2.7b", 32, 2560, 32),
    _gpt3("6.7b", 32, 4096, 32),
    _gpt3("13b", 40, 5120, 40),
    _gpt3("175b", 96, 12288, 96),
    # Touvron et al. 2023a, Table 2 (vocabulary 32,000, context 2048, untied output head).
    llama_config("llama-7b", 4096, 32, 32, llama_ffn_dim(4096, 256), 2048),
    llama_config("llama-13b", 5120, 40, 40, llama_ffn_dim(5120, 256), 2048),
    llama_config("llama-33b", 6656, 60, 52, llama_ffn_dim(6656, 256), 2048),
    llama_config("llama-65b", 8192, 80, 64, llama_ffn_dim(8192, 256), 2048),
    # Touvron et al. 2023b, Table 1 (context 4k; GQA with 8 key/value heads for 70B only) and the
    # released params (ffn_dim_multiplier 1.3, multiple_of 4096 for 70B).
    llama_config("llama2-7b", 4096, 32, 32, llama_ffn_dim(4096, 256), 4096),
    llama_config("llama2-13b", 5120, 40, 40, llama_ffn_dim(5120, 256), 4096),
    llama_config(
        "llama2-70b", 8192, 80, 64, llama_ffn_dim(8192, 4096, 1.3), 4096, n_kv_heads=8
    ),
    # Dubey et al. 2024, Table 3 (vocabulary 128,256; GQA with 8 key/value heads; context 8192).
    llama_config(
        "llama3-8b", 4096, 32, 32, llama_ffn_dim(4096, 1024, 1.3), 8192, 128256, 8
    ),
    llama_config(
        "llama3-70b", 8192, 80, 64, llama_ffn_dim(8192, 4096, 1.3), 8192, 128256, 8
    ),
    llama_config(
        "llama3-405b", 16384, 126, 128, llama_ffn_dim(16384, 4096, 1.2), 8192, 128256, 8
    ),
    # Hoffmann et al. 2022, Table 4 (d_ff = 4 d_model, key/value size 128); Rae et al. 2021 (RMSNorm,
    # relative positions, vocabulary 32,000). Tied embeddings are assumed: the papers do not say.
    _deepmind("chinchilla-70b", 8192, 80, 64),
    _deepmind("gopher-280b", 16384, 80, 128),
)

PRESETS = {cfg.name: cfg for cfg in _PRESETS}
"""Published configurations by name (sources in the comments of ``_PRESETS``)."""


def preset(name: str) -> TransformerConfig:
    """A published configuration by name, e.g. ``"llama-7b"``, ``"llama2-70b"``, ``"gpt3-175b"``.

    References
    ----------
    Brown et al. 2020, Table 2.1; Touvron et al. 2023a, Table 2; Touvron et al. 2023b; Dubey et al.
    2024, Table 3; Hoffmann et al. 2022, Table 4.

    Examples
    --------
    >>> preset("LLaMA-13B").d_model
    5120
    """
    key = str(name).lower()
    if key not in PRESETS:
        raise ValueError(f"name must be one of {', '.join(PRESETS)}, got {name!r}")
    return PRESETS[key]


def weight_memory_gb(n_params, bits):
    """Memory the weights alone take, in GB (1e9 bytes), at ``bits`` per parameter.

    A lower bound on serving memory: the KV cache and activations come on top.

    References
    ----------
    Kumar et al. 2024, Sec. 1 (weights stored at P bits cost P/8 bytes per parameter).

    Examples
    --------
    >>> weight_memory_gb(13e9, 16)
    26.0
    """
    n = as_positive(n_params, "n_params")
    b = as_positive(bits, "bits")
    same_shape((n, "n_params"), (b, "bits"))
    return scalar_or_array(n * b / 8 / 1e9)


__all__ = [
    "CONSUMER_GPU_GB",
    "MLP_KINDS",
    "NORM_KINDS",
    "POSITION_KINDS",
    "PRESETS",
    "TransformerConfig",
    "llama_config",
    "llama_ffn_dim",
    "preset",
    "weight_memory_gb",
]

"""DeepSeek LLM's scaling laws: hyperparameters from compute, model scale as FLOPs per token.

DeepSeek-AI (2024) fit the optimal learning rate and batch size as power laws of the training
compute C (Eq. 1), measure model scale by the non-embedding FLOPs per token M instead of 6N
(Eq. 2, Table 3), count compute as C = M·D, and fit the compute-optimal allocation
M_opt, D_opt ∝ C^a, C^b (Eq. 4) whose exponent moves with the quality of the data (Table 4).
Chapter 9 (``notebooks/09_beyond_chinchilla``) uses it.
"""

from __future__ import annotations

import numpy as np

from scaling._validation import as_array, as_positive, scalar_or_array
from scaling.architecture import TransformerConfig, llama_config

LR_COEFFICIENT, LR_EXPONENT = 0.3118, -0.1250
"""η_opt = 0.3118 · C^−0.1250 (DeepSeek-AI 2024, Eq. 1)."""

BATCH_COEFFICIENT, BATCH_EXPONENT = 0.2920, 0.3271
"""B_opt = 0.2920 · C^0.3271 tokens (DeepSeek-AI 2024, Eq. 1)."""

HYPERPARAMETER_FIT_RANGE = (1e17, 2e19)
"""Budgets of the runs the hyperparameter laws were fitted on, in FLOPs (DeepSeek-AI 2024, §3.1)."""

M_COEFFICIENT, M_EXPONENT = 0.1715, 0.5243
"""M_opt = 0.1715 · C^0.5243 FLOPs per token (DeepSeek-AI 2024, Eq. 4)."""

D_COEFFICIENT, D_EXPONENT = 5.8316, 0.4757
"""D_opt = 5.8316 · C^0.4757 tokens (DeepSeek-AI 2024, Eq. 4)."""

NEAR_OPTIMAL_TOLERANCE = 0.0025
"""Hyperparameters count as near-optimal when their generalization error is within 0.25 % of
the minimum (DeepSeek-AI 2024, §3.1)."""

ISOFLOP_RANGE = (1e17, 3e20)
"""The eight IsoFLOP budgets behind Eq. 4 span 1e17 to 3e20 FLOPs (DeepSeek-AI 2024, §3.2)."""

VOCAB_SIZE = 102_400
"""Vocabulary size used in Table 3 and for training (DeepSeek-AI 2024, §2.1 and Table 3)."""

SEQUENCE_LENGTH = 4096
"""Sequence length l_seq of Table 3 and of the 7B/67B models (DeepSeek-AI 2024, Tables 2–3)."""

TABLE3 = (
    (8, 512, 25.2e6, 77.6e6, 352e6),
    (12, 768, 84.9e6, 164e6, 963e6),
    (24, 1024, 302e6, 407e6, 3.02e9),
    (24, 2048, 1.21e9, 1.42e9, 9.66e9),
    (32, 4096, 6.44e9, 6.86e9, 45.1e9),
    (40, 5120, 12.6e9, 13.1e9, 85.6e9),
    (80, 8192, 64.4e9, 65.3e9, 419e9),
)
"""Rows (n_layer, d_model, N₁, N₂, M) of DeepSeek-AI 2024, Table 3, as printed (3 significant
figures; vocabulary 102,400, l_seq 4096)."""

TABLE4 = {
    "OpenAI (OpenWebText2)": (0.73, 0.27),
    "Chinchilla (MassiveText)": (0.49, 0.51),
    "DeepSeek, early data": (0.450, 0.550),
    "DeepSeek, current data": (0.524, 0.476),
    "DeepSeek, OpenWebText2": (0.578, 0.422),
}
"""Allocation exponents (a, b) of M_opt ∝ C^a and D_opt ∝ C^b by source and dataset
(DeepSeek-AI 2024, Table 4)."""

MODELS = {
    "DeepSeek LLM 7B": {
        "n_layers": 30,
        "d_model": 4096,
        "batch_sequences": 2304,
        "learning_rate": 4.2e-4,
        "n_tokens": 2.0e12,
    },
    "DeepSeek LLM 67B": {
        "n_layers": 95,
        "d_model": 8192,
        "batch_sequences": 4608,
        "learning_rate": 3.2e-4,
        "n_tokens": 2.0e12,
    },
}
"""Shapes and pre-training hyperparameters of the two released models: layers, width, batch size
in sequences of 4096 tokens, peak learning rate, tokens (DeepSeek-AI 2024, Table 2)."""


def _power(flops, coefficient: float, exponent: float):
    c = as_positive(flops, "flops")
    return scalar_or_array(coefficient * c**exponent)


def optimal_learning_rate(flops):
    """Near-optimal peak learning rate at training compute C: η_opt = 0.3118 · C^−0.1250.

    Parameters
    ----------
    flops : array_like
        Training compute C = M·D in FLOPs (> 0).

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    DeepSeek-AI 2024, Eq. 1 (fitted on budgets of 1e17 to 2e19 FLOPs, §3.1).

    Examples
    --------
    >>> f"{optimal_learning_rate(1e20):.2e}"
    '9.86e-04'
    """
    return _power(flops, LR_COEFFICIENT, LR_EXPONENT)


def optimal_batch_size(flops):
    """Near-optimal batch size in tokens at training compute C: B_opt = 0.2920 · C^0.3271.

    Parameters
    ----------
    flops : array_like
        Training compute C = M·D in FLOPs (> 0).

    Returns
    -------
    float or numpy.ndarray
        Tokens per batch.

    References
    ----------
    DeepSeek-AI 2024, Eq. 1.

    Examples
    --------
    >>> f"{optimal_batch_size(1e20):.3g}"
    '1.02e+06'
    """
    return _power(flops, BATCH_COEFFICIENT, BATCH_EXPONENT)


def _shape(n_layers, d_model):
    n = as_array(n_layers, "n_layers", positive=True)
    d = as_array(d_model, "d_model", positive=True)
    try:
        np.broadcast(n, d)
    except ValueError:
        raise ValueError(
            f"n_layers and d_model must broadcast, got shapes {n.shape} and {d.shape}"
        ) from None
    return n, d


VALIDATION_BUDGET = 1e20
"""DeepSeek checked the hyperparameter laws at this budget, five times the largest of the fit
(DeepSeek-AI 2024, §3.1)."""

VALIDATION_FLOPS_PER_TOKEN = 2.94e9
"""M of the model used for that check, 2.94B FLOPs per token (DeepSeek-AI 2024, §3.1)."""


def _llama_like(name, d_model, n_layers, n_heads, n_kv_heads, d_ff):
    return llama_config(
        name, d_model, n_layers, n_heads, d_ff, SEQUENCE_LENGTH, VOCAB_SIZE, n_kv_heads
    )


CONFIGS = {
    "DeepSeek LLM 7B": _llama_like("deepseek-7b", 4096, 30, 32, 32, 11008),
    "DeepSeek LLM 67B": _llama_like("deepseek-67b", 8192, 95, 64, 8, 22016),
}
"""Published shapes: layers, width, heads and key/value heads from DeepSeek-AI 2024, Table 2
(the 67B model uses grouped-query attention with 8 key/value heads); feed-forward widths
11,008 and 22,016 from the released models' configurations (SwiGLU, RMSNorm, untied
embeddings, a LLaMA-style architecture, §2.2)."""


def config_flops_per_token(config: TransformerConfig, seq_len=SEQUENCE_LENGTH) -> float:
    """M for an actual shape: 6 × non-embedding parameters + 12·n_layer·d_model·l_seq.

    Eq. 2 assumes a multi-head block of 12·d_model² parameters per layer. A model with
    grouped-query attention or another MLP width has fewer or more; this counts them exactly
    with :class:`~scaling.architecture.TransformerConfig` and keeps Eq. 2's attention term.

    Parameters
    ----------
    config : TransformerConfig
        The model's shape.
    seq_len : float
        Sequence length l_seq (> 0), 4096 by default.

    Returns
    -------
    float

    References
    ----------
    DeepSeek-AI 2024, Eq. 2 and Table 2.

    Examples
    --------
    >>> f"{config_flops_per_token(CONFIGS['DeepSeek LLM 67B']):.3g}"
    '4.33e+11'
    """
    if not isinstance(config, TransformerConfig):
        raise TypeError(
            f"config must be a TransformerConfig, got {type(config).__name__}"
        )
    seq = float(as_positive(seq_len, "seq_len"))
    non_embedding = config.n_params(non_embedding=True)
    attention = 12 * config.n_layers * config.d_model * seq
    return float(6 * non_embedding + attention)


def flops_per_token(n_layers, d_model, seq_len=SEQUENCE_LENGTH):
    """Non-embedding FLOPs per token M = 72·n_layer·d_model² + 12·n_layer·d_model·l_seq.

    The first term is 6N₁ (the non-embedding parameters, counted the usual way); the second is
    the attention computation, which 6N leaves out. The vocabulary's computation is excluded.

    Parameters
    ----------
    n_layers, d_model : array_like
        Depth and width (> 0); broadcast together.
    seq_len : array_like
        Sequence length l_seq (> 0), 4096 by default.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    DeepSeek-AI 2024, Eq. 2 and Table 3.

    Examples
    --------
    >>> f"{flops_per_token(8, 512):.3g}"
    '3.52e+08'
    """
    n, d = _shape(n_layers, d_model)
    seq = as_positive(seq_len, "seq_len")
    return scalar_or_array(72 * n * d**2 + 12 * n * d * seq)


def non_embedding_params(n_layers, d_model):
    """N₁ = 12·n_layer·d_model²: the non-embedding parameters as Table 3 counts them.

    References
    ----------
    DeepSeek-AI 2024, Eq. 2 (6N₁ = 72·n_layer·d_model²) and Table 3.

    Examples
    --------
    >>> f"{non_embedding_params(8, 512):.3g}"
    '2.52e+07'
    """
    n, d = _shape(n_layers, d_model)
    return scalar_or_array(12 * n * d**2)


def total_params(n_layers, d_model, vocab_size=VOCAB_SIZE):
    """N₂ = 12·n_layer·d_model² + n_vocab·d_model: parameters including the vocabulary.

    References
    ----------
    DeepSeek-AI 2024, Eq. 2 (6N₂ = 72·n_layer·d_model² + 6·n_vocab·d_model) and Table 3.

    Examples
    --------
    >>> f"{total_params(8, 512):.3g}"
    '7.76e+07'
    """
    n, d = _shape(n_layers, d_model)
    vocab = as_positive(vocab_size, "vocab_size")
    return scalar_or_array(12 * n * d**2 + vocab * d)


def optimal_allocation(flops):
    """Compute-optimal model scale and data at budget C: (M_opt, D_opt) of Eq. 4.

    Parameters
    ----------
    flops : array_like
        Training compute C = M·D in FLOPs (> 0).

    Returns
    -------
    m_opt, d_opt : float or numpy.ndarray
        Non-embedding FLOPs per token and training tokens. Their product is C to within
        0.01 % (the printed constants multiply to 1.0001).

    References
    ----------
    DeepSeek-AI 2024, Eq. 4 (fitted on IsoFLOP budgets of 1e17 to 3e20 FLOPs).

    Examples
    --------
    >>> m, d = optimal_allocation(1e24)
    >>> f"{m:.3g} FLOPs/token on {d:.3g} tokens"
    '6.57e+11 FLOPs/token on 1.52e+12 tokens'
    """
    c = as_positive(flops, "flops")
    return (
        scalar_or_array(M_COEFFICIENT * c**M_EXPONENT),
        scalar_or_array(D_COEFFICIENT * c**D_EXPONENT),
    )


def model_growth(compute_factor, a):
    """How many times larger the optimal model gets when compute grows by ``compute_factor``.

    With M_opt ∝ C^a the model grows by factor^a and the data by factor^(1−a).

    Parameters
    ----------
    compute_factor : array_like
        Ratio of the new to the old budget (> 0).
    a : array_like
        Allocation exponent in [0, 1], e.g. a value of :data:`TABLE4`.

    References
    ----------
    DeepSeek-AI 2024, Eq. 4 and Table 4.

    Examples
    --------
    >>> round(model_growth(100, 0.5), 6)
    10.0
    """
    f = as_positive(compute_factor, "compute_factor")
    exponent = as_array(a, "a", nonnegative=True)
    if np.any(exponent > 1):
        raise ValueError(f"a must be in [0, 1], got {exponent[exponent > 1].flat[0]}")
    return scalar_or_array(f**exponent)


__all__ = [
    "BATCH_COEFFICIENT",
    "BATCH_EXPONENT",
    "D_COEFFICIENT",
    "D_EXPONENT",
    "HYPERPARAMETER_FIT_RANGE",
    "ISOFLOP_RANGE",
    "LR_COEFFICIENT",
    "LR_EXPONENT",
    "CONFIGS",
    "MODELS",
    "VALIDATION_BUDGET",
    "VALIDATION_FLOPS_PER_TOKEN",
    "config_flops_per_token",
    "M_COEFFICIENT",
    "M_EXPONENT",
    "SEQUENCE_LENGTH",
    "TABLE3",
    "TABLE4",
    "VOCAB_SIZE",
    "flops_per_token",
    "model_growth",
    "non_embedding_params",
    "optimal_allocation",
    "optimal_batch_size",
    "optimal_learning_rate",
    "total_params",
]

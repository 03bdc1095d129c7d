"""Kaplan et al. 2020's parameter and FLOP counts of a transformer, and model shape.

N ≈ 12 · n_layer · d_model² (Eq. 2.1), C_forward ≈ 2N + 2 n_layer n_ctx d_model (Eq. 2.2),
and the aspect ratio of Figure 5.
"""

from __future__ import annotations

import numpy as np

from scaling._validation import (
    as_positive,
    as_whole,
    same_shape,
    scalar_or_array,
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
    n_layer = as_whole(n_layer, "n_layer")
    d_model = as_whole(d_model, "d_model")
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
    n_layer_arr = as_whole(n_layer, "n_layer")
    d = as_whole(d_model, "d_model")
    ctx = as_whole(n_ctx, "n_ctx")
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

"""Training compute: C ≈ 6·N·D, PF-days, and wall-clock time on real accelerators.

Chapter 1 (``notebooks/01_power_laws``) derives the 6 = 2 + 4 FLOPs per parameter per token.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaling._validation import as_fraction, as_positive, scalar_or_array

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
    key = str(name).upper()
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
    return scalar_or_array(TRAINING_FLOPS_PER_PARAM_TOKEN * n * d)


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
    return scalar_or_array(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * n))


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
    return scalar_or_array(c / (TRAINING_FLOPS_PER_PARAM_TOKEN * d))


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
    return scalar_or_array(as_positive(flops, "flops") / PF_DAY)


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
    return scalar_or_array(as_positive(pf_days, "pf_days") * PF_DAY)


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
    g = as_positive(n_gpus, "n_gpus")
    t = as_positive(days, "days")
    u = as_fraction(mfu, "mfu")
    return scalar_or_array(g * acc.peak_flops * u * t * SECONDS_PER_DAY)


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
    g = as_positive(n_gpus, "n_gpus")
    u = as_fraction(mfu, "mfu")
    return scalar_or_array(c / (g * acc.peak_flops * u * SECONDS_PER_DAY))


__all__ = [
    "ACCELERATORS",
    "Accelerator",
    "BACKWARD_FLOPS_PER_PARAM_TOKEN",
    "FORWARD_FLOPS_PER_PARAM_TOKEN",
    "PF_DAY",
    "TRAINING_FLOPS_PER_PARAM_TOKEN",
    "accelerator",
    "cluster_flops",
    "from_pf_days",
    "params_for",
    "to_pf_days",
    "tokens_for",
    "training_days",
    "training_flops",
]

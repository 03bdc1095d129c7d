"""Test-time compute: repeated sampling (Brown et al. 2024) and its trade against pretraining.

Three pieces, used in chapter 7:

* the *exponentiated power law* of Brown et al. 2024 for coverage, the fraction of problems
  solved by at least one of ``k`` samples: ``c(k) = exp(a * k**b)`` with ``a < 0`` and
  ``b < 0``. The paper fits it to its coverage curves (section "Characterizing the
  Benefits of Repeated Sampling") but prints no table of fitted constants;
  :data:`BROWN_2024_SWE_BENCH` is pinned by the two coverage points its abstract reports
  for DeepSeek-Coder-V2-Instruct on SWE-bench Lite;
* the unbiased pass@k estimator of Chen et al. 2021 (Codex paper, Eq. 1 and Fig. 3);
* the FLOPs-matched exchange of Snell et al. 2024 (Sec. 7): how much more inference a small
  model may spend for the price of a model ``M`` times larger, given the ratio ``R`` of
  inference tokens to pretraining tokens.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from scaling._validation import (
    as_array,
    as_count,
    as_fraction,
    as_scalar,
    scalar_or_array,
)


@dataclass(frozen=True)
class CoverageLaw:
    """Coverage against the number of samples, ``c(k) = exp(a * k**b)`` (``a, b < 0``).

    ``a = log c(1)`` is the log of single-sample coverage; ``b`` sets how fast the log-coverage
    shrinks towards zero as samples are added.

    References
    ----------
    Brown et al. 2024, "Large Language Monkeys: Scaling Inference Compute with Repeated
    Sampling", arXiv:2407.21787, section "Characterizing the Benefits of Repeated
    Sampling" (log c ≈ a·k^b).

    Examples
    --------
    >>> law = CoverageLaw(a=math.log(0.5), b=-0.5)
    >>> round(float(law.coverage(4)), 4)
    0.7071
    """

    a: float
    b: float
    name: str = ""

    def __post_init__(self):
        for key in ("a", "b"):
            value = as_scalar(getattr(self, key), key)
            if value >= 0:
                raise ValueError(f"{key} must be negative, got {value}")

    def coverage(self, k):
        """Fraction of problems solved by at least one of ``k`` samples (``k >= 1``).

        Examples
        --------
        >>> round(float(BROWN_2024_SWE_BENCH.coverage(1)), 3)
        0.159
        """
        ks = as_array(k, "k", positive=True)
        if np.any(ks < 1):
            raise ValueError(f"k must be at least 1, got {float(ks.min())}")
        return scalar_or_array(np.exp(self.a * ks**self.b))

    def samples_for(self, coverage):
        """Samples ``k = (log c / a)**(1/b)`` needed to reach ``coverage`` (in (c(1), 1)).

        Examples
        --------
        >>> law = CoverageLaw(a=math.log(0.5), b=-0.5)
        >>> round(float(law.samples_for(math.sqrt(0.5))), 6)
        4.0
        """
        target = as_array(coverage, "coverage", positive=True)
        single = math.exp(self.a)
        if np.any(target >= 1) or np.any(target < single):
            raise ValueError(
                f"coverage must be in [c(1), 1) = [{single:.4f}, 1), "
                f"got {target.min():.4f}..{target.max():.4f}"
            )
        return scalar_or_array((np.log(target) / self.a) ** (1.0 / self.b))


def coverage_law_through(k1, c1, k2, c2, name: str = "") -> CoverageLaw:
    """The exponentiated power law through two published points ``(k1, c1)``, ``(k2, c2)``.

    Parameters
    ----------
    k1, k2 : float
        Sample counts, ``1 <= k1 < k2``.
    c1, c2 : float
        Coverage at those counts, ``0 < c1 < c2 < 1``.
    name : str
        Label for tables.

    Returns
    -------
    CoverageLaw

    References
    ----------
    Brown et al. 2024, arXiv:2407.21787, section "Characterizing the Benefits of
    Repeated Sampling" (the functional form).

    Examples
    --------
    >>> law = coverage_law_through(1, 0.5, 4, math.sqrt(0.5))
    >>> round(law.b, 6)
    -0.5
    """
    k1, k2 = as_scalar(k1, "k1", positive=True), as_scalar(k2, "k2", positive=True)
    c1, c2 = as_fraction(c1, "c1"), as_fraction(c2, "c2")
    if not 1 <= k1 < k2:
        raise ValueError(f"need 1 <= k1 < k2, got k1={k1}, k2={k2}")
    if not c1 < c2 < 1:
        raise ValueError(f"need c1 < c2 < 1, got c1={c1}, c2={c2}")
    b = math.log(math.log(c2) / math.log(c1)) / math.log(k2 / k1)
    a = math.log(c1) / k1**b
    return CoverageLaw(a=a, b=b, name=name)


BROWN_2024_SWE_BENCH_POINTS = ((1, 0.159), (250, 0.56))
"""Coverage of DeepSeek-Coder-V2-Instruct on SWE-bench Lite: 15.9 % with one sample, 56 % with
250 (Brown et al. 2024, abstract and Fig. 2)."""

BROWN_2024_MAX_SAMPLES = 10_000
"""The largest number of samples per problem in Brown et al. 2024: coverage is
measured over four orders of magnitude of samples (abstract), up to 10,000 (e.g.
Gemma-2B on CodeContests, 0.02 % with one sample and 7.1 % with 10,000; Introduction)."""

BROWN_2024_SWE_BENCH_SOTA = 0.43
"""The single-sample state of the art on SWE-bench Lite that 250 samples beat (Brown et al.
2024, abstract)."""

SNELL_2024_MODEL_RATIO = 14
"""Snell et al. 2024 (arXiv:2408.03314, abstract and Sec. 7): in a FLOPs-matched
evaluation, test-time compute on a small model outperforms a 14× larger model on
problems where the small model has a non-trivial success rate."""

BROWN_2024_SWE_BENCH = coverage_law_through(
    *BROWN_2024_SWE_BENCH_POINTS[0],
    *BROWN_2024_SWE_BENCH_POINTS[1],
    name="DeepSeek-Coder-V2-Instruct, SWE-bench Lite",
)
"""The exponentiated power law through :data:`BROWN_2024_SWE_BENCH_POINTS` (two points fix
``a`` and ``b`` exactly; the paper prints no fitted constants)."""


def pass_at_k(n, c, k) -> float:
    """Unbiased estimate of pass@k from ``n`` samples of which ``c`` are correct.

    ``pass@k = 1 - C(n - c, k) / C(n, k)``, the chance that ``k`` samples drawn without
    replacement from the ``n`` contain a correct one, computed as a stable product.

    Parameters
    ----------
    n : int
        Samples generated for the problem (``n >= 1``).
    c : int
        Correct samples among them (``0 <= c <= n``).
    k : int
        Attempts allowed (``1 <= k <= n``).

    Returns
    -------
    float

    References
    ----------
    Chen et al. 2021, "Evaluating Large Language Models Trained on Code", arXiv:2107.03374,
    Sec. 2.1, Eq. 1 and Fig. 3 (the numerically stable form).

    Examples
    --------
    >>> pass_at_k(5, 2, 2)
    0.7
    """
    n = as_count(n, "n")
    c = as_count(c, "c", minimum=0)
    k = as_count(k, "k")
    if c > n:
        raise ValueError(f"c must be at most n={n}, got {c}")
    if k > n:
        raise ValueError(f"k must be at most n={n}, got {k}")
    if n - c < k:
        return 1.0
    return float(1.0 - np.prod(1.0 - k / np.arange(n - c + 1, n + 1)))


def flops_matched_multiplier(model_ratio, inference_to_pretraining):
    """Inference multiplier a small model may spend for the FLOPs of a model ``M`` times larger.

    With pretraining ``6 N D_pre`` and inference ``2 N D_inf`` FLOPs, a model ``M`` times
    larger costs ``M (6 N D_pre + 2 N D_inf)``. The small model matches that total when it
    spends ``K = M + 3 (M - 1) / R`` times its single-pass inference, ``R = D_inf / D_pre``.
    Few inference tokens (``R`` small) leave a large test-time budget; heavy use leaves ``K``
    close to ``M``.

    Parameters
    ----------
    model_ratio : array_like
        ``M >= 1``, the parameter ratio of the larger model.
    inference_to_pretraining : array_like
        ``R > 0``, inference tokens over pretraining tokens.

    Returns
    -------
    float or numpy.ndarray

    References
    ----------
    Snell et al. 2024, "Scaling LLM Test-Time Compute Optimally can be More Effective than
    Scaling Model Parameters", arXiv:2408.03314, Sec. 7 (FLOPs-matched exchange, C = 6ND
    pretraining and 2ND inference; the ratio R).

    Examples
    --------
    >>> float(flops_matched_multiplier(14, 1.0))
    53.0
    """
    m = as_array(model_ratio, "model_ratio", positive=True)
    if np.any(m < 1):
        raise ValueError(f"model_ratio must be at least 1, got {float(m.min())}")
    r = as_array(inference_to_pretraining, "inference_to_pretraining", positive=True)
    return scalar_or_array(m + 3.0 * (m - 1.0) / r)


__all__ = [
    "BROWN_2024_MAX_SAMPLES",
    "BROWN_2024_SWE_BENCH",
    "BROWN_2024_SWE_BENCH_POINTS",
    "BROWN_2024_SWE_BENCH_SOTA",
    "CoverageLaw",
    "coverage_law_through",
    "flops_matched_multiplier",
    "pass_at_k",
]

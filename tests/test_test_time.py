"""Tests for scaling.test_time: Brown et al. 2024 coverage law, Chen et al. 2021 pass@k,
Snell et al. 2024 FLOPs-matched exchange. Expected values are worked by hand below."""

import math

import pytest

from scaling import test_time as tt


def test_brown_law_passes_through_abstract_points():
    # Brown et al. 2024, abstract / Fig. 2: 15.9 % at k = 1, 56 % at k = 250 (SWE-bench Lite).
    # Two points fix both constants, so the law must reproduce them to rounding (1e-12).
    law = tt.BROWN_2024_SWE_BENCH
    assert law.coverage(1) == pytest.approx(0.159, abs=1e-12)
    assert law.coverage(250) == pytest.approx(0.56, abs=1e-12)
    # By hand: a = ln 0.159 = -1.8389; b = ln(ln 0.56 / ln 0.159) / ln 250 = -0.2091.
    assert law.a == pytest.approx(-1.8389, abs=1e-4)
    assert law.b == pytest.approx(-0.2091, abs=1e-4)


def test_samples_for_inverts_coverage():
    law = tt.BROWN_2024_SWE_BENCH
    k = law.samples_for(tt.BROWN_2024_SWE_BENCH_SOTA)
    # Brown et al.: 250 samples beat the 43 % single-sample SOTA, so fewer than 250 reach it.
    assert 1 < k < 250
    assert law.coverage(k) == pytest.approx(0.43, rel=1e-12)


def test_coverage_law_rejects_bad_input():
    with pytest.raises(ValueError, match="b"):
        tt.CoverageLaw(a=-1.0, b=0.5)
    with pytest.raises(ValueError, match="coverage"):
        tt.BROWN_2024_SWE_BENCH.samples_for(1.0)
    with pytest.raises(ValueError, match="k"):
        tt.BROWN_2024_SWE_BENCH.coverage(0.5)
    with pytest.raises(ValueError, match="k1"):
        tt.coverage_law_through(4, 0.5, 2, 0.7)


@pytest.mark.parametrize(
    ("n", "c", "k", "expected"),
    [
        (10, 1, 1, 0.1),  # pass@1 = c / n (Chen et al. 2021, Sec. 2.1)
        (5, 2, 2, 0.7),  # 1 - C(3,2)/C(5,2) = 1 - 3/10
        (10, 3, 10, 1.0),  # every sample drawn: certain success
        (20, 0, 5, 0.0),  # no correct sample: never
        (200, 7, 100, 1 - math.comb(193, 100) / math.comb(200, 100)),
    ],
)
def test_pass_at_k_matches_combinatorics(n, c, k, expected):
    assert tt.pass_at_k(n, c, k) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_pass_at_k_rejects_bad_counts():
    with pytest.raises(ValueError, match="c must be at most"):
        tt.pass_at_k(5, 6, 1)
    with pytest.raises(ValueError, match="k must be at most"):
        tt.pass_at_k(5, 2, 6)
    with pytest.raises(TypeError, match="n"):
        tt.pass_at_k("5", 2, 1)


def test_flops_matched_multiplier():
    # Snell et al. 2024, Sec. 7: M(6D + 2D_inf) = 6D + 2 K D_inf. With M = 14, R = 1:
    # K = (14 * 8 - 6) / 2 = 53 by hand.
    assert tt.flops_matched_multiplier(14, 1.0) == pytest.approx(53.0, rel=1e-12)
    # Heavy use (R -> large) leaves only the parameter ratio; M = 1 leaves nothing extra.
    assert tt.flops_matched_multiplier(14, 1e9) == pytest.approx(14.0, rel=1e-6)
    assert tt.flops_matched_multiplier(1, 0.01) == pytest.approx(1.0, rel=1e-12)
    with pytest.raises(ValueError, match="model_ratio"):
        tt.flops_matched_multiplier(0.5, 1.0)

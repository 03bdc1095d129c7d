"""Tests for scaling.precision: Kumar et al. 2024, "Scaling Laws for Precision" (arXiv:2411.04330)."""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling.precision import (
    KUMAR_2024,
    KUMAR_2024_OFFSETS,
    PARTS,
    PRECISION_BOUNDS,
    training_cost,
)

LAWS = [KUMAR_2024, KUMAR_2024_OFFSETS]
BITS = st.floats(min_value=1.0, max_value=32.0)
SIZES = st.floats(min_value=1e7, max_value=1e12)
TOKENS = st.floats(min_value=1e9, max_value=1e14)


# --- Reference values (the paper's equations and Appendix K table) ---------------------------------


def test_appendix_k_constants():
    # Kumar et al. 2024, Appendix K: the fitted constants, exactly as printed (alpha and beta tied).
    law = KUMAR_2024
    assert (law.A, law.B, law.E) == (4.299e3, 1.806e4, 2.7648)
    assert law.alpha == law.beta == 0.4965
    assert (law.gamma_w, law.gamma_a, law.gamma_kv) == (2.6745, 2.2102, 0.9578)
    assert (law.offset_w, law.offset_a, law.offset_kv) == (0.3037, 1.4072, 2.4185)
    assert (law.C_T, law.gamma_D, law.gamma_N, law.gamma_post) == (
        0.0598,
        0.5068,
        0.3439,
        0.5907,
    )


@pytest.mark.parametrize(
    "bits, expected", [(3, 0.674), (4, 0.776), (6, 0.894), (8, 0.950), (16, 0.997)]
)
def test_weight_only_factor_eq3(bits, expected):
    # Eq. 3 with Appendix K gamma_w = 2.6745: N_eff/N = 1 - exp(-P/2.6745), evaluated by hand
    # (e.g. 1 - exp(-4/2.6745) = 1 - 0.2241 = 0.776). Tolerance 1e-3: the expected values have 3 decimals.
    assert KUMAR_2024.effective_params(1.0, weights=bits) == pytest.approx(
        expected, abs=1e-3
    )


def test_offset_form_appendix_k():
    # Appendix K form with the weight offset: 1 - exp(-(4/2.6745 + 0.3037)) = 1 - exp(-1.7993) = 0.8346.
    assert KUMAR_2024_OFFSETS.precision_factor("weights", 4) == pytest.approx(
        0.8346, abs=1e-4
    )


def test_effective_params_multiplicative_eq4():
    # Eq. 4: the three precision factors multiply (the paper's "independent and multiplicative" finding).
    law = KUMAR_2024
    parts = [law.precision_factor(p, b) for p, b in zip(PARTS, (4, 6, 8), strict=True)]
    assert law.effective_params(1e8, 4, 6, 8) == pytest.approx(
        1e8 * math.prod(parts), rel=1e-12
    )


def test_cost_model_eq5():
    # Eq. 5: C = (6/16) N D P, which is 6ND at 16 bits and half of it at 8 bits.
    assert training_cost(1e9, 2e10, 16) == pytest.approx(6 * 1e9 * 2e10, rel=1e-12)
    assert training_cost(1e9, 2e10, 8) == pytest.approx(3 * 1e9 * 2e10, rel=1e-12)


def test_ptq_degradation_eq2_by_hand():
    # Eq. 2 with Appendix K constants at N = 30M, D = 26B (the paper's smallest model, largest D), P_post = 4:
    # 0.0598 * 26e9**0.5068 / 30e6**0.3439 * exp(-4/0.5907), computed term by term below.
    expected = 0.0598 * math.exp(
        0.5068 * math.log(26e9) - 0.3439 * math.log(30e6) - 4 / 0.5907
    )
    assert KUMAR_2024.ptq_degradation(30e6, 26e9, 4) == pytest.approx(
        expected, rel=1e-12
    )


def test_ptq_nearly_a_power_law_in_tokens_per_param():
    # Sec. 3: since gamma_D ~ gamma_N, delta_PTQ is roughly a function of D/N. Scaling N and D together by
    # 10x changes it by 10^(gamma_D - gamma_N) = 10^0.163 = 1.456, not by the 10^0.507 of D alone.
    ratio = KUMAR_2024.ptq_degradation(1e9, 1e11, 4) / KUMAR_2024.ptq_degradation(
        1e8, 1e10, 4
    )
    assert ratio == pytest.approx(10 ** (0.5068 - 0.3439), rel=1e-9)


def test_more_data_hurts_after_critical_tokens():
    # Finding 1 (Sec. 3): past a critical D, more pretraining data raises the loss of the quantized model.
    law, n, bits = KUMAR_2024, 30e6, 3
    d_crit = law.critical_tokens(n, bits)
    quantized = law.loss(n, np.array([d_crit / 2, d_crit, 2 * d_crit]), post_bits=bits)
    assert quantized[1] < quantized[0] and quantized[1] < quantized[2]
    # Without quantization more data always helps (Chinchilla term only).
    plain = law.loss(n, np.array([d_crit, 2 * d_crit]))
    assert plain[1] < plain[0]


def test_robustification_eq8_vanishes_at_equal_precision():
    # Eqs. 8-9: quantizing to the precision a model was trained in costs nothing, and the factor tends to
    # the plain Eq. 2 (with N_eff) as the training precision grows. Rates C_x = 1 are arbitrary test inputs.
    law = KUMAR_2024
    assert law.robust_ptq_degradation(1e8, 1e10, 4, (4, 4, 4), (1, 1, 1)) == 0.0
    high = law.robust_ptq_degradation(1e8, 1e10, 4, (40, 40, 40), (1, 1, 1))
    n_eff = law.effective_params(1e8, 40, 40, 40)
    assert high == pytest.approx(law.ptq_degradation(n_eff, 1e10, 4), rel=1e-9)


def test_compute_optimal_precision_independent_of_compute():
    # Sec. 4.3.2: when N, D and P are chosen together, the optimal P does not depend on the budget.
    bits = [KUMAR_2024.optimal(c).bits for c in (1e19, 1e22, 1e25)]
    assert np.ptp(bits) < 1e-3
    # It minimises P / f(P) (derived from Eqs. 4-5), checked against a dense grid (0.01-bit spacing).
    grid = np.arange(1.0, 32.0, 0.01)
    assert bits[0] == pytest.approx(
        grid[np.argmin(KUMAR_2024.relative_cost(grid))], abs=0.01
    )


def test_compute_optimal_uses_whole_budget():
    # Eq. 5: the optimum spends exactly C.
    opt = KUMAR_2024.optimal(1e22)
    assert training_cost(opt.n_params, opt.n_tokens, opt.bits) == pytest.approx(
        1e22, rel=1e-9
    )


def test_optimal_precision_grows_with_compute_at_fixed_size():
    # Sec. 4.3: with N fixed, P* increases with the compute (i.e. data) budget.
    bits = [
        KUMAR_2024.optimal_fixed_params(1e9, c).bits for c in (1e20, 1e21, 1e22, 1e23)
    ]
    assert np.all(np.diff(bits) > 0)


def test_low_precision_favours_parameters_eq6():
    # Eq. 6 / Sec. 4.3.2: training in lower precision moves the optimum towards more parameters.
    c = 1e22
    n16, d16 = KUMAR_2024.at_precision(16).optimal(c)
    n4, d4 = KUMAR_2024.at_precision(4).optimal(c)
    assert n4 / d4 > n16 / d16


def test_offsets_keep_zero_bit_capacity():
    # With the Appendix K offsets, N_eff/N does not vanish as P -> 0, so the search stops at its lower bound.
    assert KUMAR_2024_OFFSETS.effective_params(1.0, 1e-9, 1e-9, 1e-9) > 0.1
    assert KUMAR_2024_OFFSETS.optimal(1e21).bits == pytest.approx(
        PRECISION_BOUNDS[0], abs=1e-3
    )


# --- Monotonicity properties -----------------------------------------------------------------------


@settings(max_examples=60, deadline=None)
@given(
    n=SIZES,
    d=TOKENS,
    low=BITS,
    extra=st.floats(min_value=0.01, max_value=16.0),
    part=st.sampled_from(PARTS),
)
def test_more_training_bits_never_hurt(n, d, low, extra, part):
    for law in LAWS:
        bits = {p: 16.0 for p in PARTS}
        worse = law.loss(n, d, tuple((bits | {part: low}).values()))
        better = law.loss(n, d, tuple((bits | {part: low + extra}).values()))
        assert better <= worse


@settings(max_examples=60, deadline=None)
@given(n=SIZES, d=TOKENS, low=BITS, extra=st.floats(min_value=0.01, max_value=16.0))
def test_more_post_training_bits_never_hurt(n, d, low, extra):
    assert KUMAR_2024.loss(n, d, post_bits=low + extra) <= KUMAR_2024.loss(
        n, d, post_bits=low
    )


@settings(max_examples=60, deadline=None)
@given(n=SIZES, d=TOKENS, factor=st.floats(min_value=1.01, max_value=100.0), bits=BITS)
def test_ptq_degradation_grows_with_tokens(n, d, factor, bits):
    assert KUMAR_2024.ptq_degradation(n, d * factor, bits) > KUMAR_2024.ptq_degradation(
        n, d, bits
    )


@settings(max_examples=60, deadline=None)
@given(bits=BITS)
def test_effective_params_between_zero_and_n(bits):
    for law in LAWS:
        assert 0 < law.effective_params(1e9, bits, bits, bits) < 1e9


# --- Bad input ------------------------------------------------------------------------------------


@pytest.mark.parametrize("bad", [0, -4, float("nan"), float("inf")])
def test_bad_training_precision_raises(bad):
    with pytest.raises(ValueError, match="weights bits"):
        KUMAR_2024.effective_params(1e9, weights=bad)
    with pytest.raises(ValueError, match="activations bits"):
        KUMAR_2024.loss(1e9, 1e10, (8, bad, 8))


@pytest.mark.parametrize("bad", [0, -1, float("nan")])
def test_bad_post_precision_raises(bad):
    with pytest.raises(ValueError, match="post_bits"):
        KUMAR_2024.ptq_degradation(1e9, 1e10, bad)
    with pytest.raises(ValueError, match="post_bits"):
        KUMAR_2024.critical_tokens(1e9, bad)


def test_bad_cost_inputs_raise():
    with pytest.raises(ValueError, match="bits"):
        training_cost(1e9, 1e10, 0)
    with pytest.raises(ValueError, match="n_tokens"):
        training_cost(1e9, float("nan"), 8)
    with pytest.raises(ValueError, match="flops"):
        KUMAR_2024.optimal(-1)
    with pytest.raises(ValueError, match="n_params"):
        KUMAR_2024.optimal_fixed_params(0, 1e21)


def test_bad_part_and_shapes_raise():
    with pytest.raises(ValueError, match="part"):
        KUMAR_2024.precision_factor("gradients", 8)
    with pytest.raises(ValueError, match="bits"):
        KUMAR_2024.loss(1e9, 1e10, (8, 8))
    with pytest.raises(ValueError, match="robustness"):
        KUMAR_2024.robust_ptq_degradation(1e9, 1e10, 4, (8, 8, 8), (1, 1))


def test_repr_is_readable():
    assert repr(KUMAR_2024).startswith(
        "PrecisionLaw(Kumar 2024, main-text form: A=4299"
    )
    assert "Appendix K offsets" in repr(KUMAR_2024_OFFSETS)


def test_bad_constants_raise():
    with pytest.raises(ValueError, match="gamma_w"):
        dataclasses.replace(KUMAR_2024, gamma_w=0.0)
    with pytest.raises(ValueError, match="offset_kv"):
        dataclasses.replace(KUMAR_2024, offset_kv=float("nan"))

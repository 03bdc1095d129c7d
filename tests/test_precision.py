"""Tests for scaling.precision: Kumar et al. 2024, "Scaling Laws for Precision".

arXiv:2411.04330 (ICLR 2025). Equation numbers are the paper's; "App. K" is its table of
fitted constants.
"""

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling.precision import (
    FORMS,
    KUMAR_2024,
    KUMAR_2024_FLOORED,
    KUMAR_2024_MAIN_TEXT,
    PARTS,
    PRECISION_BOUNDS,
    tied_optimal_bits,
    training_cost,
)

LAWS = [KUMAR_2024, KUMAR_2024_MAIN_TEXT, KUMAR_2024_FLOORED]
# Above 3.11 bits, where the shifted activation factor reaches zero (checked below).
BITS = st.floats(min_value=3.2, max_value=32.0)
SIZES = st.floats(min_value=1e7, max_value=1e12)
TOKENS = st.floats(min_value=1e9, max_value=1e14)

G = (2.6745, 2.2102, 0.9578)  # App. K: gamma_w, gamma_i (activations), gamma_kv
N_OFF = (0.3037, 1.4072, 2.4185)  # App. K: n_w, n_i, n_kv


def shifted_by_hand(bits):
    """Tied-precision N_eff/N, App. K offsets read as e^(n - P/gamma), written out."""
    return math.prod(1 - math.exp(n - bits / g) for g, n in zip(G, N_OFF, strict=True))


# --- Reference values (the paper's equations and Appendix K table) -----------------------


def test_appendix_k_constants():
    # Kumar et al. 2024, App. K, Table 2: the fitted constants as printed (alpha = beta).
    law = KUMAR_2024
    assert (law.A, law.B, law.E) == (4.299e3, 1.806e4, 2.7648)
    assert law.alpha == law.beta == 0.4965
    assert (law.gamma_w, law.gamma_a, law.gamma_kv) == G
    assert (law.offset_w, law.offset_a, law.offset_kv) == N_OFF
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
    # Eq. 3 with App. K gamma_w = 2.6745: N_eff/N = 1 - exp(-P/2.6745), evaluated by hand
    # (1 - exp(-4/2.6745) = 1 - 0.2241 = 0.776). Tolerance 1e-3: 3-decimal values.
    assert KUMAR_2024_MAIN_TEXT.effective_params(1.0, weights=bits) == pytest.approx(
        expected, abs=1e-3
    )


def test_shifted_form_by_hand():
    # App. K: "e^(x/gamma) ... is really computed with offset e^(x/gamma + n)", x = -P.
    # Weights at 4 bits: 1 - exp(0.3037 - 1.4956) = 1 - exp(-1.1919) = 0.6963;
    # activations: 1 - exp(1.4072 - 1.8098) = 1 - exp(-0.4026) = 0.3314. Tol: 4 decimals.
    assert KUMAR_2024.precision_factor("weights", 4) == pytest.approx(0.6963, abs=1e-4)
    assert KUMAR_2024.precision_factor("activations", 4) == pytest.approx(
        0.3314, abs=1e-4
    )


def test_floored_form_by_hand():
    # Opposite sign: 1 - exp(-(4/2.6745 + 0.3037)) = 1 - exp(-1.7993) = 0.8346.
    assert KUMAR_2024_FLOORED.precision_factor("weights", 4) == pytest.approx(
        0.8346, abs=1e-4
    )


def test_effective_params_multiplicative_eq4():
    # Eq. 4: the three precision factors multiply ("independent and multiplicative").
    for law in LAWS:
        parts = [
            law.precision_factor(p, b) for p, b in zip(PARTS, (4, 6, 8), strict=True)
        ]
        assert law.effective_params(1e8, 4, 6, 8) == pytest.approx(
            1e8 * math.prod(parts), rel=1e-12
        )


def test_cost_model_eq5():
    # Eq. 5: C = (6/16) N D P, which is 6ND at 16 bits and half of it at 8 bits.
    assert training_cost(1e9, 2e10, 16) == pytest.approx(6 * 1e9 * 2e10, rel=1e-12)
    assert training_cost(1e9, 2e10, 8) == pytest.approx(3 * 1e9 * 2e10, rel=1e-12)


def test_ptq_degradation_eq2_by_hand():
    # Eq. 2 with App. K constants at N = 30M, D = 26B, P_post = 4, term by term.
    expected = 0.0598 * math.exp(
        0.5068 * math.log(26e9) - 0.3439 * math.log(30e6) - 4 / 0.5907
    )
    assert KUMAR_2024.ptq_degradation(30e6, 26e9, 4) == pytest.approx(
        expected, rel=1e-12
    )


def test_ptq_nearly_a_power_law_in_tokens_per_param():
    # Sec. 3: gamma_D ~ gamma_N, so delta_PTQ is roughly a function of D/N. Scaling N and
    # D by 10x changes it by 10^(gamma_D - gamma_N) = 10^0.163, not by 10^0.507.
    ratio = KUMAR_2024.ptq_degradation(1e9, 1e11, 4) / KUMAR_2024.ptq_degradation(
        1e8, 1e10, 4
    )
    assert ratio == pytest.approx(10 ** (0.5068 - 0.3439), rel=1e-9)


def test_critical_tokens_eq13():
    # Eq. 13 written out for N = 30M, P_post = 3, and the minimum it marks (Finding 1).
    law, n, bits = KUMAR_2024, 30e6, 3
    by_hand = (
        0.4965 * 1.806e4 * n**0.3439 * math.exp(bits / 0.5907) / (0.5068 * 0.0598)
    ) ** (1 / (0.4965 + 0.5068))
    d_crit = law.critical_tokens(n, bits)
    assert d_crit == pytest.approx(by_hand, rel=1e-12)
    quantized = law.loss(n, np.array([d_crit / 2, d_crit, 2 * d_crit]), post_bits=bits)
    assert quantized[1] < quantized[0] and quantized[1] < quantized[2]
    plain = law.loss(n, np.array([d_crit, 2 * d_crit]))  # without PTQ, data helps
    assert plain[1] < plain[0]


def test_robustification_eq8_vanishes_at_equal_precision():
    # Eqs. 8-9: quantizing to the training precision costs nothing, and the factor tends to
    # the plain Eq. 2 (with N_eff) as training precision grows. Rates C_x = 1 are inputs.
    law = KUMAR_2024
    assert law.robust_ptq_degradation(1e8, 1e10, 4, (4, 4, 4), (1, 1, 1)) == 0.0
    high = law.robust_ptq_degradation(1e8, 1e10, 4, (40, 40, 40), (1, 1, 1))
    n_eff = law.effective_params(1e8, 40, 40, 40)
    assert high == pytest.approx(law.ptq_degradation(n_eff, 1e10, 4), rel=1e-9)


# --- Sec. 4.3.2: where "7-8 bits" comes from ------------------------------------------------


def test_compute_optimal_precision_is_seven_to_eight_bits():
    # Sec. 4.3.2 / Finding 3: "We find this P* to be around 7-8 bits". Minimising P/f(P)
    # (Eq. 28) with the App. K offsets as e^(n - P/gamma): a 0.001-bit grid over the
    # hand-written product gives 7.00. Tolerance 2e-3 bits: grid spacing plus optimiser.
    grid = np.arange(3.2, 16.0, 0.001)
    by_hand = grid[np.argmin([p / shifted_by_hand(p) for p in grid])]
    assert by_hand == pytest.approx(7.0, abs=0.01)
    assert KUMAR_2024.optimal(1e21).bits == pytest.approx(by_hand, abs=2e-3)


def test_tied_form_eq5_is_seven_to_eight_bits():
    # Eq. 5 ties the parts to (1 - e^(-P/gbar))^3 with gbar the mean gamma. With the mean
    # offset nbar too, Eq. 28 gives e^(x - nbar) - 1 = 3x; its root, times gbar, lies in
    # the paper's 7-8 bits. Residual checked to 1e-9 (a root-finder tolerance).
    p = KUMAR_2024.tied_optimal_bits()
    gbar, nbar = np.mean(G), np.mean(N_OFF)
    assert math.expm1(p / gbar - nbar) == pytest.approx(3 * p / gbar, abs=1e-9)
    assert 7.0 <= p <= 8.0


def test_main_text_form_misses_seven_to_eight_bits():
    # Dropping the offsets (Eqs. 3-4 as printed) puts the optimum near 3.5 bits: Eq. 7's
    # e^x - 1 = 3x has x = 1.9038 (root checked by residual), so P* = 1.9038 * gbar.
    x = tied_optimal_bits(1.0)
    assert math.expm1(x) == pytest.approx(3 * x, abs=1e-9)
    assert KUMAR_2024_MAIN_TEXT.tied_optimal_bits() == pytest.approx(
        x * np.mean(G), rel=1e-12
    )
    assert KUMAR_2024_MAIN_TEXT.optimal(1e21).bits < 4.0


def test_below_four_bits_needs_more_than_four_times_the_parameters():
    # Sec. 4.3.2: going below 4 bits "would force model sizes to become disproportionately
    # (more than 4x) larger to maintain loss scaling": N_eff(16)/N_eff(4) per parameter.
    assert shifted_by_hand(16) / shifted_by_hand(4) > 4
    assert KUMAR_2024.relative_cost(4, 16) * 16 / 4 == pytest.approx(
        shifted_by_hand(16) / shifted_by_hand(4), rel=1e-12
    )
    main = KUMAR_2024_MAIN_TEXT
    assert main.effective_params(1, 16, 16, 16) / main.effective_params(1, 4, 4, 4) < 2


def test_activations_most_sensitive_with_offsets():
    # Sec. 4.2 / App. L: activations are more sensitive than weights, and P_a <= 3 runs
    # diverge. The shifted factor orders them so; at 3 bits it is outside its domain.
    for bits in (4, 6, 8):
        factors = {p: KUMAR_2024.precision_factor(p, bits) for p in PARTS}
        assert factors["activations"] < factors["weights"]
    assert 3.0 < KUMAR_2024.min_bits("activations") < 3.2
    with pytest.raises(ValueError, match="activations bits must exceed 3.11"):
        KUMAR_2024.precision_factor("activations", 3)


def test_compute_optimal_precision_independent_of_compute():
    # Sec. 4.3.2: when N, D and P are chosen together, the optimal P does not depend on C.
    for law in (KUMAR_2024, KUMAR_2024_MAIN_TEXT):
        bits = [law.optimal(c).bits for c in (1e19, 1e22, 1e25)]
        assert np.ptp(bits) < 1e-3


def test_compute_optimal_uses_whole_budget():
    # Eq. 5: the optimum spends exactly C.
    opt = KUMAR_2024.optimal(1e22)
    assert training_cost(opt.n_params, opt.n_tokens, opt.bits) == pytest.approx(
        1e22, rel=1e-9
    )


def test_optimal_precision_grows_with_compute_at_fixed_size():
    # Sec. 4.3.3 / App. E.2.2: with N fixed, P* increases with the compute (data) budget.
    for law in (KUMAR_2024, KUMAR_2024_MAIN_TEXT):
        bits = [law.optimal_fixed_params(1e9, c).bits for c in (1e20, 1e21, 1e22, 1e23)]
        assert np.all(np.diff(bits) > 0)


def test_low_precision_favours_parameters_eq6():
    # Eq. 6: training in lower precision moves the optimum towards more parameters.
    c = 1e22
    n16, d16 = KUMAR_2024.at_precision(16).optimal(c)
    n5, d5 = KUMAR_2024.at_precision(5).optimal(c)
    assert n5 / d5 > n16 / d16


def test_floored_form_keeps_zero_bit_capacity():
    # Opposite sign: N_eff/N stays above 1 - e^(-n) per part as P -> 0, so the search
    # stops at its lower bound.
    floor = math.prod(1 - math.exp(-n) for n in N_OFF)
    assert KUMAR_2024_FLOORED.effective_params(1.0, 1e-9, 1e-9, 1e-9) > floor
    assert KUMAR_2024_FLOORED.optimal(1e21).bits == pytest.approx(
        PRECISION_BOUNDS[0], abs=1e-3
    )
    with pytest.raises(ValueError, match="floored"):
        KUMAR_2024_FLOORED.tied_optimal_bits()


# --- Monotonicity properties ---------------------------------------------------------------


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


# --- Bad input ------------------------------------------------------------------------------


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
    with pytest.raises(ValueError, match="gamma"):
        tied_optimal_bits(0)
    with pytest.raises(ValueError, match="offset"):
        tied_optimal_bits(1.0, -1.0)


def test_bad_part_shapes_and_form_raise():
    with pytest.raises(ValueError, match="part"):
        KUMAR_2024.precision_factor("gradients", 8)
    with pytest.raises(ValueError, match="bits"):
        KUMAR_2024.loss(1e9, 1e10, (8, 8))
    with pytest.raises(ValueError, match="robustness"):
        KUMAR_2024.robust_ptq_degradation(1e9, 1e10, 4, (8, 8, 8), (1, 1))
    with pytest.raises(ValueError, match="form"):
        dataclasses.replace(KUMAR_2024, form="flipped")
    assert set(FORMS) == {law.form for law in LAWS}


def test_repr_is_readable():
    assert repr(KUMAR_2024).startswith("PrecisionLaw(Kumar 2024, shifted form: A=4299")
    assert "main form" in repr(KUMAR_2024_MAIN_TEXT)


def test_bad_constants_raise():
    with pytest.raises(ValueError, match="gamma_w"):
        dataclasses.replace(KUMAR_2024, gamma_w=0.0)
    with pytest.raises(ValueError, match="offset_kv"):
        dataclasses.replace(KUMAR_2024, offset_kv=float("nan"))

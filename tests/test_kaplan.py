"""Kaplan et al. 2020 (arXiv:2001.08361): reference values from the paper, and input checks."""

from __future__ import annotations

import numpy as np
import pytest

from scaling import chinchilla, kaplan
from scaling.compute import PF_DAY


def test_table5_and_table2_constants_as_printed():
    # Kaplan Table 5 (separate fits) and Table 2 (joint fit of Eq. 1.5), transcribed from the paper.
    sep, joint = kaplan.SEPARATE_FITS, kaplan.JOINT_FIT
    assert (sep.alpha_n, sep.alpha_d, sep.n_c, sep.d_c) == (
        0.076,
        0.095,
        8.8e13,
        5.4e13,
    )
    assert (joint.alpha_n, joint.alpha_d, joint.n_c, joint.d_c) == (
        0.076,
        0.103,
        6.4e13,
        1.8e13,
    )
    assert (kaplan.MIN_COMPUTE_LAW.alpha, kaplan.MIN_COMPUTE_LAW.c_c_pf_days) == (
        0.050,
        3.1e8,
    )
    assert (
        kaplan.FIXED_BATCH_COMPUTE_LAW.alpha,
        kaplan.FIXED_BATCH_COMPUTE_LAW.c_c_pf_days,
    ) == (
        0.057,
        1.6e7,
    )


def test_doubling_n_multiplies_loss_by_0_95_section_1_2():
    # Kaplan Sec. 1.2: "doubling N multiplies the loss by 2^-0.076 ≈ 0.95"; printed to 2 digits.
    ratio = kaplan.loss(2e9) / kaplan.loss(1e9)
    assert ratio == pytest.approx(0.95, abs=0.005)


@pytest.mark.parametrize(
    "constants", [kaplan.SEPARATE_FITS, kaplan.JOINT_FIT], ids=lambda c: c.name
)
def test_eq_1_5_reduces_to_eq_1_1_and_1_2(constants):
    # Eq. 1.5 tends to L(N) (Eq. 1.1) as D -> inf and to L(D) (Eq. 1.2) as N -> inf; the limits
    # are approached as power laws, so 1e-6 relative is generous at D = 1e30 and N = 1e40.
    n = np.array([1e6, 1e9])
    l_n = (constants.n_c / n) ** constants.alpha_n
    np.testing.assert_allclose(kaplan.loss(n, 1e30, constants), l_n, rtol=1e-6)
    np.testing.assert_allclose(kaplan.loss(n, None, constants), l_n, rtol=1e-12)
    d = np.array([1e8, 1e10])
    np.testing.assert_allclose(
        kaplan.loss(1e40, d, constants), kaplan.loss_vs_data(d, constants), rtol=1e-6
    )


def test_loss_decreases_in_both_n_and_d():
    # Kaplan Sec. 4 / Fig. 9: more parameters or more data never raise the Eq. 1.5 loss.
    n = np.logspace(6, 12, 7)
    d = np.logspace(7, 13, 7)
    assert np.all(np.diff(kaplan.loss(n, 1e10)) < 0)
    assert np.all(np.diff(kaplan.loss(1e9, d)) < 0)


def test_eq_4_4_follows_from_eq_4_3_with_a_two_percent_penalty():
    # Kaplan Eq. 4.4: D ≳ 5e3 · N^0.74, derived from Eq. 4.3 (Table 2 fit) with δL ≈ 0.02.
    # The paper prints one significant digit (5e3: 4.5e3–5.5e3 rounds to it; allow 10 %) and 0.74.
    law = kaplan.data_requirement_from_penalty(0.02)
    assert law.coefficient == pytest.approx(5e3, rel=0.11)
    assert law.exponent == pytest.approx(0.74, abs=0.005)
    n = 1e9
    assert kaplan.overfitting_penalty(n, law(n)) == pytest.approx(0.02, rel=1e-9)


def test_tokens_needed_and_max_params_are_inverse_eq_4_4():
    # Kaplan Eq. 4.4: D = 5e3 · N^0.74 exactly as printed; max_params inverts it.
    assert kaplan.tokens_needed(1e10) == pytest.approx(5e3 * 1e10**0.74, rel=1e-12)
    n = np.array([1e8, 1e10, 1e12])
    np.testing.assert_allclose(
        kaplan.max_params(kaplan.tokens_needed(n)), n, rtol=1e-10
    )


def test_eight_times_the_model_needs_about_five_times_the_data_section_1_1():
    # Kaplan Sec. 1.1: "every time we increase the model size 8x, we only need to increase the data
    # by roughly 5x"; 8^0.74 = 4.66, which the paper calls roughly 5 (allow ±0.5).
    assert kaplan.tokens_needed(8e9) / kaplan.tokens_needed(1e9) == pytest.approx(
        5, abs=0.5
    )


def test_hoffmann_app_d4_kaplan_allocation_at_1e21_flops():
    # Hoffmann et al. 2022, App. D.4: Kaplan recommends 4.68B parameters at 1e21 FLOPs. Printed to
    # 3 digits, so ±0.005B; matching it pins the convention C_min = C / 2.
    n_opt, _ = kaplan.compute_optimal(1e21)
    assert n_opt == pytest.approx(4.68e9, abs=0.005e9)


def test_table6_allocation_spends_about_twice_c_min():
    # Table 6's N_opt · D_opt is the run at B_crit, where C = 2 C_min (Eq. 5.5). With the printed
    # one- and two-digit prefactors 6 · 1.3e9 · 2e10 / 8.64e19 = 1.81; allow 1.7–2.1.
    alloc = kaplan.compute_efficient(10.0)
    spent = 6 * alloc.n_params * alloc.n_tokens / PF_DAY
    assert 1.7 < spent / alloc.c_min_pf_days < 2.1


def test_table6_exponents_sum_to_one_and_blog_factors():
    # Table 6: N ∝ C^0.73, D ∝ C^0.27, and 0.73 + 0.27 = 1, so 10× compute = 5.37× N and 1.86× D
    # (the source blog's figures, which are 10^0.73 and 10^0.27 to 3 digits).
    n_factor, d_factor = kaplan.scale_up(10)
    assert n_factor == pytest.approx(5.37, abs=0.005)
    assert d_factor == pytest.approx(1.86, abs=0.005)
    assert n_factor * d_factor == pytest.approx(10)


def test_critical_batch_at_one_pf_day_matches_table6():
    # Table 6: B_crit = 2.0e6 tokens at C_min = 1 PF-day, from Eq. 1.4 at L(C_min = 1) (Eq. 1.3).
    # With Table 5's B_* = 2.1e8 the two agree to 1 %; Eq. 1.4's 2e8 lands 5 % low, so allow 6 %.
    loss_1 = kaplan.MIN_COMPUTE_LAW.loss(1.0)
    assert kaplan.critical_batch(
        loss_1, kaplan.CRITICAL_BATCH_TABLE_5
    ) == pytest.approx(2.0e6, rel=0.01)
    assert kaplan.critical_batch(loss_1) == pytest.approx(2.0e6, rel=0.06)


def test_critical_batch_scales_as_l_to_minus_4_8():
    # Kaplan Sec. 5.1: B_crit ∝ L^-4.8 (1/0.21 = 4.76, printed as 4.8).
    ratio = kaplan.critical_batch(2.0) / kaplan.critical_batch(4.0)
    assert np.log2(ratio) == pytest.approx(4.8, abs=0.05)


def test_training_at_critical_batch_doubles_steps_and_compute_eqs_5_4_5_5():
    # Eqs. 5.4 and 5.5 at B = B_crit: S = 2 S_min and C = 2 C_min (exact).
    b = kaplan.critical_batch(3.2)
    assert kaplan.min_steps(1e4, b, 3.2) == pytest.approx(5e3)
    assert kaplan.min_compute(1e21, b, 3.2) == pytest.approx(5e20)
    # A much smaller batch needs many more steps but no extra compute.
    assert kaplan.min_compute(1e21, b / 1e6, 3.2) == pytest.approx(1e21, rel=1e-5)


def test_appendix_b_compute_efficient_versus_converged():
    # Kaplan App. B, Eqs. B.12–B.14: 2.7× more parameters, 7.7× fewer steps, 65 % less compute
    # than training within 2 % of convergence. Printed to 2 digits: ±0.05 and ±0.5 points; the
    # step ratio from Table 3's exponents is 7.64, so it gets 1 % (the paper rounds intermediate steps).
    gain = kaplan.efficient_vs_converged(0.02)
    assert gain.param_ratio == pytest.approx(2.7, abs=0.05)
    assert gain.step_ratio == pytest.approx(7.7, abs=0.06)
    assert gain.compute_saving == pytest.approx(0.65, abs=0.005)


def test_efficient_training_stops_ten_percent_above_convergence_eq_b5():
    # Kaplan Eq. B.5: about alpha_N / alpha_S ≈ 10 % above the converged loss.
    assert kaplan.efficient_loss_excess() == pytest.approx(0.10, abs=0.005)


def test_predicted_alpha_c_min_eq_b7():
    # Kaplan Eq. B.7: alpha_C^min ≈ 0.052 from alpha_S, alpha_B, alpha_N = 0.76, 0.21, 0.076
    # (Eq. 6.4 prints 0.054); B exponent 0.052/0.21 ≈ 0.24 as in Table 6. Printed to 2-3 digits.
    pred = kaplan.predicted_exponents()
    assert pred.alpha_c_min == pytest.approx(0.052, abs=0.0005)
    assert pred.b == pytest.approx(0.24, abs=0.01)


def test_breakdown_point_eq_6_8():
    # Kaplan Eq. 6.8: C* ~ 1e4 PF-days, N* ~ 1e12, D* ~ 1e12 tokens, L* ~ 1.7 nats/token, each
    # "uncertain by an order of magnitude"; with Table 6's D_opt, C* and N* land within a factor 2
    # of the printed order of magnitude, D* within 10×, and L* rounds to 1.7.
    point = kaplan.breakdown_point()
    assert 0.5e4 < point.c_min_pf_days < 2e4
    assert 0.5e12 < point.n_params < 2e12
    assert 1e11 < point.n_tokens < 1e13
    assert point.loss == pytest.approx(1.7, abs=0.05)
    # At C* the two laws agree (the definition of the crossing).
    floor = kaplan.loss_vs_data(point.n_tokens)
    assert floor == pytest.approx(
        kaplan.MIN_COMPUTE_LAW.loss(point.c_min_pf_days), rel=1e-10
    )


def test_breakdown_point_rejects_a_data_law_that_never_crosses():
    fast = kaplan.KaplanPowerLaw(2e10, 1.0, "tokens")
    with pytest.raises(ValueError, match="data_law"):
        kaplan.breakdown_point(fast)


def test_learning_curve_and_steps_to_loss_are_inverse():
    # Eq. 1.6 solved for S_min; larger models need fewer steps to a given loss (Fig. 2).
    n = np.array([1e8, 1e9, 1e10])
    steps = kaplan.steps_to_loss(3.0, n)
    np.testing.assert_allclose(kaplan.learning_curve(n, steps), 3.0, rtol=1e-10)
    assert np.all(np.diff(steps) < 0)
    # A model whose converged loss is above the target never reaches it: an error, not inf.
    floor = kaplan.LEARNING_CURVE_FIT.n_c * 2.0 ** (
        -1 / kaplan.LEARNING_CURVE_FIT.alpha_n
    )
    with pytest.raises(ValueError, match="target_loss = 2 is out of reach"):
        kaplan.steps_to_loss(2.0, 1e6)
    with pytest.raises(ValueError, match="out of reach"):
        kaplan.steps_to_loss(2.0, [floor * 2, floor / 2])
    assert np.isfinite(kaplan.steps_to_loss(2.0, floor * 1.01))


def test_non_embedding_params_against_deepseek_table3():
    # DeepSeek LLM 2024, Table 3 (6N_1 = 72 n_layer d_model^2): 12 layers × 768 -> 84.9M,
    # 24 × 1024 -> 302M (printed to 3 digits).
    assert kaplan.non_embedding_params(12, 768) == pytest.approx(84.9e6, rel=1e-3)
    assert kaplan.non_embedding_params(24, 1024) == pytest.approx(302e6, rel=2e-3)


def test_context_term_equals_parameter_term_at_d_model_n_ctx_over_12():
    # Kaplan Sec. 2.1: the context term of Eq. 2.2 is negligible when d_model > n_ctx / 12; at
    # equality it equals 2N, so the forward cost is exactly 4N.
    n_layer, n_ctx = 4, 1200
    d_model = n_ctx / 12
    n = kaplan.non_embedding_params(n_layer, d_model)
    assert kaplan.forward_flops_per_token(n_layer, d_model, n_ctx) == pytest.approx(
        4 * n
    )


def test_kaplan_l_star_close_to_chinchilla_irreducible_loss():
    # Eq. 6.8's L* ≈ 1.7 and Chinchilla's E = 1.69 (Hoffmann et al. 2022, Eq. 10) differ by < 0.05.
    assert abs(kaplan.breakdown_point().loss - chinchilla.HOFFMANN_2022.E) < 0.05


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: kaplan.loss(0, 1e9), "n_params"),
        (lambda: kaplan.loss(1e9, -1), "n_tokens"),
        (lambda: kaplan.loss(np.nan), "n_params"),
        (lambda: kaplan.loss_vs_data(np.inf), "n_tokens"),
        (lambda: kaplan.overfitting_penalty(1e9, 0), "n_tokens"),
        (lambda: kaplan.tokens_needed(-5), "n_params"),
        (lambda: kaplan.max_params(0), "n_tokens"),
        (lambda: kaplan.compute_optimal(0), "flops"),
        (lambda: kaplan.compute_optimal([1e21, np.nan]), "flops"),
        (lambda: kaplan.compute_efficient([1.0, 2.0]), "c_min_pf_days"),
        (lambda: kaplan.scale_up(0), "compute_factor"),
        (lambda: kaplan.critical_batch(-1), "loss_value"),
        (lambda: kaplan.min_steps(10, 0, 3.0), "batch_tokens"),
        (lambda: kaplan.min_compute(-1, 1e6, 3.0), "flops"),
        (lambda: kaplan.learning_curve(1e9, 0), "min_steps"),
        (lambda: kaplan.steps_to_loss(0, 1e9), "target_loss"),
        (lambda: kaplan.data_requirement_from_penalty(0), "tolerance"),
        (lambda: kaplan.efficient_vs_converged(-0.1), "tolerance"),
        (lambda: kaplan.predicted_exponents(alpha_b=0), "alpha_b"),
        (lambda: kaplan.non_embedding_params(0, 768), "n_layer"),
        (lambda: kaplan.forward_flops_per_token(12, 768, 0), "n_ctx"),
        (lambda: kaplan.MIN_COMPUTE_LAW.loss(0), "pf_days"),
        (lambda: kaplan.N_OPT(-1), "x"),
        (lambda: kaplan.KaplanConstants(0.076, -0.1, 1e13, 1e13), "alpha_d"),
        (lambda: kaplan.LearningCurveConstants(0.077, 0.76, 6.5e13, 0), "s_c"),
        (lambda: kaplan.CriticalBatchConstants(np.nan, 0.21), "b_star"),
        (lambda: kaplan.ComputeLaw(0.05, 0), "c_c_pf_days"),
    ],
)
def test_bad_input_raises_value_error_naming_the_argument(call, name):
    with pytest.raises(ValueError, match=name):
        call()


def test_arrays_in_arrays_out_and_scalars_in_floats_out():
    n, d = kaplan.compute_optimal(np.array([1e21, 1e23]))
    assert n.shape == d.shape == (2,)
    assert isinstance(kaplan.loss(1e9, 1e10), float)


@pytest.mark.parametrize("n_layer, d_model", kaplan.FIG5_SHAPES)
def test_shape_for_aspect_ratio_recovers_figure_5_shapes(n_layer, d_model):
    # Kaplan et al. 2020, Eq. 2.1 (N = 12 n_layer d_model^2) and the Figure 5 caption shapes.
    n = 12 * n_layer * d_model**2
    got_layer, got_d = kaplan.shape_for_aspect_ratio(n, d_model / n_layer)
    assert got_layer == pytest.approx(n_layer, rel=1e-12)
    assert got_d == pytest.approx(d_model, rel=1e-12)


def test_shape_for_aspect_ratio_rejects_zero():
    with pytest.raises(ValueError, match="aspect_ratio"):
        kaplan.shape_for_aspect_ratio(1e9, 0)

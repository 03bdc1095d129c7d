"""Tests for scaling.inference: diminishing returns on the frontier and Sardana et al.'s inference-aware optimum."""

import numpy as np
import pytest

from scaling.chinchilla import EPOCH_2024, HOFFMANN_2022, HOFFMANN_2022_UNROUNDED
from scaling.inference import (
    compute_factor_to_shrink_reducible_loss,
    frontier_exponent,
    frontier_loss,
    inference_optimal,
    lifetime_flops,
    min_params_for_loss,
    smaller_model_saving,
    tokens_for_loss,
)


def test_lifetime_flops_is_six_nd_train_plus_two_nd_inference():
    # Sardana et al. 2024: lifetime cost 6 N D_tr + 2 N D_inf (hand arithmetic: 8.4e22 + 1.4e22).
    assert lifetime_flops(7e9, 2e12, 1e12) == pytest.approx(9.8e22, rel=1e-12)
    assert lifetime_flops(7e9, 2e12, 0.0) == pytest.approx(8.4e22, rel=1e-12)


@pytest.mark.parametrize(
    ("law", "expected"), [(HOFFMANN_2022_UNROUNDED, 0.155), (EPOCH_2024, 0.178)]
)
def test_frontier_exponent_matches_pearce_song(law, expected):
    # Pearce & Song 2024 (their analysis script): L - E ∝ C^-0.155 (Chinchilla) and C^-0.178 (Epoch);
    # printed to 3 decimals, hence the half-unit tolerance.
    assert frontier_exponent(law) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize("law", [HOFFMANN_2022, EPOCH_2024])
def test_compute_factor_halves_reducible_loss_on_frontier(law):
    # Hoffmann et al. 2022, Eqs. 2 and 4: the reducible loss on the frontier is an exact power law in C.
    c = 1e23
    f = compute_factor_to_shrink_reducible_loss(law, 2.0)
    before, after = frontier_loss(law, c) - law.E, frontier_loss(law, c * f) - law.E
    assert after == pytest.approx(before / 2, rel=1e-9)


def test_optimal_tokens_inverts_frontier():
    n_opt, d_opt = HOFFMANN_2022.optimal(5.76e23)
    assert HOFFMANN_2022.optimal_flops(n_opt)[1] == pytest.approx(d_opt, rel=1e-9)


def test_tokens_for_loss_inverts_loss():
    d = tokens_for_loss(EPOCH_2024, np.array([1e9, 1e10]), 2.3)
    np.testing.assert_allclose(
        EPOCH_2024.loss(np.array([1e9, 1e10]), d), 2.3, rtol=1e-12
    )


def test_no_inference_recovers_chinchilla_optimum():
    # Sardana et al. 2024: with D_inf = 0 the problem is Hoffmann et al.'s compute-optimal allocation.
    n_opt, d_opt = EPOCH_2024.optimal(1e24)
    best = inference_optimal(EPOCH_2024, frontier_loss(EPOCH_2024, 1e24), 0.0)
    assert best.n_params == pytest.approx(n_opt, rel=1e-4)
    assert best.train_tokens == pytest.approx(d_opt, rel=1e-4)
    assert best.total_flops == pytest.approx(1e24, rel=1e-8)


def test_more_inference_means_smaller_longer_trained_models():
    # Sardana et al. 2024, abstract: with large inference demand, train smaller models for longer.
    ell = frontier_loss(HOFFMANN_2022, 1e23)
    optima = [inference_optimal(HOFFMANN_2022, ell, d) for d in (0.0, 1e11, 1e12, 1e13)]
    assert np.all(np.diff([o.n_params for o in optima]) < 0)
    assert np.all(np.diff([o.tokens_per_param for o in optima]) > 0)


def test_sardana_figure_2_example():
    # Sardana et al. 2024, Figure 2: a 7B Chinchilla-quality model with 1e11 inference tokens should be a
    # ~6B model trained on 1.18x the Chinchilla data. With the unrounded Chinchilla constants we get 6.05B and
    # 1.16x; tolerance 3% because the paper rounds the size and does not state its exact constants.
    law = HOFFMANN_2022_UNROUNDED
    d_chin = law.optimal_flops(7e9)[1]
    best = inference_optimal(law, law.loss(7e9, d_chin), 1e11)
    assert best.n_params == pytest.approx(6e9, rel=0.03)
    assert best.train_tokens / d_chin == pytest.approx(1.18, rel=0.03)


def test_sardana_intro_example_with_unrounded_constants():
    # Sardana et al. 2024, introduction: a Chinchilla-optimal 13B model with 2T lifetime inference tokens,
    # replaced by a 7B model trained to the same loss, saves 1.7e22 FLOPs (17%). The unrounded Chinchilla
    # constants give 1.63e22 (16.3%); tolerance one unit in the paper's last printed digit (0.1e22, 1 point).
    saved, fraction = smaller_model_saving(HOFFMANN_2022_UNROUNDED, 13e9, 7e9, 2e12)
    assert saved == pytest.approx(1.7e22, abs=0.1e22)
    assert fraction == pytest.approx(0.17, abs=0.01)


def test_sardana_intro_example_is_sensitive_to_rounding():
    # With the printed (rounded) constants the same recipe saves only about 9%: the example does not survive
    # rounding, because the rounded law shifts the 13B baseline to ~76 tokens/parameter.
    _, fraction = smaller_model_saving(HOFFMANN_2022, 13e9, 7e9, 2e12)
    assert fraction < 0.12


def test_inference_optimum_is_the_cheapest_model_reaching_the_loss():
    # Sardana et al. 2024: minimise 6 N D_train + 2 N D_inf subject to L(N, D_train) = target.
    # The optimum reaches the target (to 1e-9 relative, far above the root's round-off) and every
    # other size that reaches it, 1 % and 10 % away, costs more over the model's life.
    best = inference_optimal(HOFFMANN_2022, 2.2, 1e12)
    assert HOFFMANN_2022.loss(best.n_params, best.train_tokens) == pytest.approx(
        2.2, rel=1e-9
    )
    for factor in (0.9, 0.99, 1.01, 1.1):
        n = best.n_params * factor
        other = lifetime_flops(n, tokens_for_loss(HOFFMANN_2022, n, 2.2), 1e12)
        assert other > best.total_flops
    assert best.total_flops == pytest.approx(
        6 * best.n_params * best.train_tokens + 2 * best.n_params * 1e12, rel=1e-12
    )
    assert "tokens/param" in repr(best)


def test_bad_input():
    with pytest.raises(ValueError, match="target_loss"):
        inference_optimal(HOFFMANN_2022, HOFFMANN_2022.E, 1e12)
    with pytest.raises(ValueError, match="inference_tokens"):
        inference_optimal(HOFFMANN_2022, 2.2, -1.0)
    with pytest.raises(ValueError, match="inference_tokens"):
        lifetime_flops(1e9, 1e10, np.nan)
    with pytest.raises(ValueError, match="n_params"):
        tokens_for_loss(HOFFMANN_2022, min_params_for_loss(HOFFMANN_2022, 2.2) / 2, 2.2)
    with pytest.raises(ValueError, match="train_tokens"):
        lifetime_flops(1e9, 0.0, 1e10)
    with pytest.raises(ValueError, match="factor"):
        compute_factor_to_shrink_reducible_loss(EPOCH_2024, 1.0)
    with pytest.raises(ValueError, match="flops"):
        frontier_loss(EPOCH_2024, -1e20)
    with pytest.raises(ValueError, match="smaller_params"):
        smaller_model_saving(HOFFMANN_2022, 13e9, 1e6, 2e12)

"""Over-training against the Chinchilla frontier and the inference-aware optimum."""

import pytest

from scaling import overtraining as ot
from scaling.chinchilla import EPOCH_2024, HOFFMANN_2022
from scaling.inference import frontier_loss, inference_optimal

LAW = EPOCH_2024


def test_flops_for_loss_inverts_the_frontier():
    # Hoffmann et al. 2022, Eqs. 2 and 4: the frontier loss falls monotonically with C.
    for flops in (1e20, 5.76e23, 1e26):
        ell = float(frontier_loss(LAW, flops))
        assert ot.flops_for_loss(LAW, ell) == pytest.approx(flops, rel=1e-9)


def test_compute_optimal_model_is_not_overtrained():
    n, d = HOFFMANN_2022.optimal(1e23)
    result = ot.compare(HOFFMANN_2022, n, d)
    assert result.compute_ratio == pytest.approx(1.0, rel=1e-9)
    assert result.inference_ratio == pytest.approx(1.0, rel=1e-9)


def test_overtrained_model_costs_more_and_serves_cheaper():
    # Any point off the frontier needs more compute for its loss (Hoffmann Eq. 4 is the
    # minimum); a smaller-than-optimal model serves each token with fewer FLOPs.
    result = ot.compare(LAW, 8e9, 15e12)
    assert result.tokens_per_param == pytest.approx(1875)
    assert result.compute_ratio > 1
    assert result.inference_ratio < 1
    assert 0 < result.break_even_tokens < float("inf")


def test_inference_demand_agrees_with_the_numerical_optimum():
    # The closed form of inference_demand_for must match scaling.inference.inference_optimal,
    # an independent bounded search over log N (Sardana et al. 2024's objective).
    ell = float(LAW.loss(8e9, 15e12))
    demand = ot.inference_demand_for(LAW, 8e9, ell)
    assert inference_optimal(LAW, ell, demand).n_params == pytest.approx(8e9, rel=1e-4)


def test_bad_input():
    with pytest.raises(ValueError, match="irreducible"):
        ot.flops_for_loss(LAW, 1.0)
    n, d = LAW.optimal(1e22)
    with pytest.raises(ValueError, match="compute-optimal"):
        ot.inference_demand_for(LAW, 3 * n, float(LAW.loss(n, d)))

"""Tests for scaling.data_constrained against Muennighoff et al. 2023 and the authors' released fit."""

import numpy as np
import pytest

from scaling.data_constrained import (
    MUENNIGHOFF_2023,
    DataConstrainedLaw,
    effective_data,
    effective_params,
)

LAW = MUENNIGHOFF_2023


# Reference: datablations README, "Parametric Fit" (Muennighoff et al. 2023, Figure 1 right). The README prints
# the full double (2.2256440889984477, 2.2269634075087867); 1e-9 only absorbs floating-point reordering.
@pytest.mark.parametrize(
    ("n_params", "n_tokens", "expected"),
    [(6.34e9, 242e9, 2.2256440889984477), (8.67e9, 178e9, 2.2269634075087867)],
)
def test_readme_example_losses_muennighoff_figure_1(n_params, n_tokens, expected):
    assert LAW.loss(n_params, n_tokens, 25e9) == pytest.approx(expected, abs=1e-9)


def test_readme_example_ranks_smaller_longer_model_first():
    # The README's point: the 6.34B model on 242B tokens beats 8.67B on 178B (same compute, 25B unique).
    assert LAW.loss(6.34e9, 242e9, 25e9) < LAW.loss(8.67e9, 178e9, 25e9)


def test_readme_optimal_allocation_grid_search():
    # datablations README: the grid search at the 8.67B x 178B budget gives "227B tokens, 9.1 epochs, 6.8B
    # parameters". Tolerance 1%: the README rounds to 2-3 digits and its grid steps by 0.4%.
    best = LAW.optimal_allocation(6 * 8.67e9 * 178e9, 25e9)
    assert best.n_tokens == pytest.approx(227e9, rel=0.01)
    assert best.epochs == pytest.approx(9.1, rel=0.01)
    assert best.n_params == pytest.approx(6.8e9, rel=0.01)
    assert best.loss < LAW.loss(6.34e9, 242e9, 25e9)


def test_released_constants():
    # datablations README: exp(6.255414), exp(7.3049974), exp(0.6254804); alpha = beta; R_D*, R_N*.
    assert LAW.A == pytest.approx(520.8, rel=1e-4)
    assert LAW.B == pytest.approx(1487.7, rel=1e-4)
    assert LAW.E == pytest.approx(1.869, rel=1e-3)
    assert LAW.alpha == LAW.beta
    assert (LAW.rd_star, LAW.rn_star) == (15.387756, 5.309743)


def test_unique_params_is_compute_optimal_for_unique_tokens():
    # U_N is the Chinchilla-optimal size for U_D under the same constants (README's D_to_N): check by
    # feeding the implied budget back into the frontier (Hoffmann et al. 2022, Eq. 4).
    u_n = LAW.unique_params(25e9)
    n_opt, d_opt = LAW.chinchilla.optimal(6 * u_n * 25e9)
    assert n_opt == pytest.approx(u_n, rel=1e-9)
    assert d_opt == pytest.approx(25e9, rel=1e-9)


def test_effective_data_equals_data_without_repetition():
    d = np.array([1e9, 5e10, 3e12])
    np.testing.assert_allclose(effective_data(d, d, LAW.rd_star), d, rtol=1e-12)
    # More unique tokens than are trained on: only D are seen, all fresh.
    np.testing.assert_allclose(effective_data(d, 2 * d, LAW.rd_star), d, rtol=1e-12)


def test_effective_data_saturates_at_one_plus_rd_star():
    # Muennighoff et al. 2023: repeated data is worth at most (1 + R_D*) U_D.
    u = 1e10
    assert effective_data(1e9 * u, u, LAW.rd_star) == pytest.approx(
        (1 + LAW.rd_star) * u, rel=1e-9
    )
    assert effective_data(1e2 * u, u, LAW.rd_star) < (1 + LAW.rd_star) * u


def test_four_epochs_nearly_as_good_as_unique_data():
    # Muennighoff et al. 2023, abstract: up to 4 epochs give "negligible changes to loss"; with the fitted
    # R_D* four epochs are worth over 90% of fresh tokens, 40 epochs under half.
    u = 1e10
    assert effective_data(4 * u, u, LAW.rd_star) / (4 * u) > 0.9
    assert effective_data(40 * u, u, LAW.rd_star) / (40 * u) < 0.5


def test_effective_params_no_excess_and_saturation():
    assert effective_params(1e9, 1e9, LAW.rn_star) == pytest.approx(1e9)
    assert effective_params(1e9, 5e9, LAW.rn_star) == pytest.approx(1e9)
    assert effective_params(1e15, 1e9, LAW.rn_star) == pytest.approx(
        (1 + LAW.rn_star) * 1e9, rel=1e-9
    )


def test_reduces_to_chinchilla_form_with_unique_data_and_small_model():
    n, d = 1e9, 1e11  # U_N for 1e11 tokens is ~5e9 > N, and every token is fresh.
    assert LAW.loss(n, d, d) == pytest.approx(LAW.chinchilla.loss(n, d), rel=1e-12)


def test_loss_is_vectorised():
    out = LAW.loss(np.array([1e9, 2e9]), np.array([1e11, 2e11]), 5e10)
    assert out.shape == (2,)
    assert np.all(np.diff(out) < 0)


def test_repr_is_readable():
    assert "R_D*=15.39" in repr(LAW)
    assert "epochs" in repr(LAW.optimal_allocation(1e21, 1e10))


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [
        ({"n_params": -1.0, "n_tokens": 1e9, "unique_tokens": 1e9}, "n_params"),
        ({"n_params": 1e9, "n_tokens": np.nan, "unique_tokens": 1e9}, "n_tokens"),
        ({"n_params": 1e9, "n_tokens": 1e9, "unique_tokens": 0.0}, "unique_tokens"),
    ],
)
def test_loss_rejects_bad_input(kwargs, name):
    with pytest.raises(ValueError, match=name):
        LAW.loss(**kwargs)


def test_other_bad_input():
    with pytest.raises(ValueError, match="rd_star"):
        effective_data(1e9, 1e9, 0.0)
    with pytest.raises(ValueError, match="rn_star"):
        effective_params(1e9, 1e9, -5.0)
    with pytest.raises(ValueError, match="unique_tokens"):
        LAW.optimal_allocation(1e21, np.inf)
    with pytest.raises(ValueError, match="flops"):
        LAW.optimal_allocation([1e21, 1e22], 1e10)
    with pytest.raises(ValueError, match="rd_star"):
        DataConstrainedLaw(1.0, 1.0, 1.0, 0.3, 0.3, rd_star=-1.0, rn_star=1.0)

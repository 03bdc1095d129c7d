"""Fine-grained MoE scaling law against Krajewski et al. 2024 (arXiv:2402.07871)."""

import numpy as np
import pytest

from scaling import moe
from scaling.inference import frontier_loss

LAW = moe.KRAJEWSKI_2024


def test_table1_constants():
    # Krajewski Table 1, MoE row: a 18.1, alpha 0.115, b 30.8, beta 0.147, g 2.1,
    # gamma 0.58, c 0.47; Dense row: 16.3, 0.126, 26.7, 0.127, c 0.47.
    assert (LAW.a, LAW.alpha, LAW.b, LAW.beta) == (18.1, 0.115, 30.8, 0.147)
    assert (LAW.g, LAW.gamma, LAW.c) == (2.1, 0.58, 0.47)
    dense = moe.KRAJEWSKI_2024_DENSE
    assert (dense.A, dense.alpha, dense.B, dense.beta, dense.E) == (
        16.3,
        0.126,
        26.7,
        0.127,
        0.47,
    )


@pytest.mark.parametrize("row", moe.TABLE2, ids=lambda r: f"{r[0]:.0e}")
def test_table2_losses(row):
    # Krajewski Table 2 losses from Eq. 9 with N = N_active (8E+4)/12 (their Sec. 6.1).
    # Tolerance 0.03 nats: Table 1 rounds alpha and beta to 3 decimals, and a change of
    # 0.0005 in either moves the loss by about 0.015 at these sizes.
    n_active, tokens, granularity, _, printed = row
    n_total = moe.total_from_active(n_active)
    assert LAW.loss(n_total, tokens, granularity) == pytest.approx(printed, abs=0.03)


def test_routing_overhead_is_small_and_positive():
    # Krajewski Eq. 10: FLOPs = 6 N_act D plus a routing term; Table 2's budgets exceed
    # 6 N_act D by a few percent (at most 15 %).
    ratios = np.array(moe.routing_overhead())
    assert np.all(ratios > 1.0) and np.all(ratios < 1.15)


def test_granularity_lowers_loss_and_reduces_to_chinchilla():
    # Krajewski Eq. 9: at fixed N and D the loss falls with G towards c + a/N^alpha + b/D^beta.
    losses = LAW.loss(1e9, 1e11, np.array([1.0, 2.0, 8.0, 64.0]))
    assert np.all(np.diff(losses) < 0)
    chin = LAW.at_granularity(8)
    assert chin.loss(1e9, 1e11) == pytest.approx(LAW.loss(1e9, 1e11, 8), rel=1e-12)


def test_active_fraction_of_e64():
    # Krajewski Sec. 6.1: N = d^2 (8E + 4) n_blocks with 12 d^2 active: 12 / 516 for E = 64.
    assert moe.active_fraction(64) == pytest.approx(12 / 516)
    assert moe.active_fraction(1) == pytest.approx(1.0)


def test_optimum_spends_the_budget_and_beats_dense():
    # Krajewski Sec. 6.3 / Fig. 1: a compute-optimal MoE beats the dense model at equal FLOPs.
    for flops in (1e20, 1e24):
        opt = moe.optimal(LAW, flops, 8)
        assert moe.training_flops(opt.n_active, opt.n_tokens) == pytest.approx(flops)
        assert opt.loss < float(frontier_loss(moe.KRAJEWSKI_2024_DENSE, flops))


def test_dense_equivalent_inverts_the_frontier():
    dense = moe.KRAJEWSKI_2024_DENSE
    target = float(frontier_loss(dense, 3e21))
    assert moe.dense_equivalent_flops(dense, target) == pytest.approx(3e21, rel=1e-6)
    with pytest.raises(ValueError, match="irreducible"):
        moe.dense_equivalent_flops(dense, 0.3)


def test_bad_input():
    with pytest.raises(ValueError, match="granularity"):
        LAW.loss(1e9, 1e10, 0.0)
    with pytest.raises(ValueError, match="expansion_rate"):
        moe.active_fraction(0.5)

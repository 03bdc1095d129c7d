"""Training compute of ``scaling.compute`` against published counts, and its input checks."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from scaling import compute

# Published numbers are printed to 3 significant figures, i.e. to within 0.5 unit in the last
# place: a relative tolerance of 2e-3 (GPT-3) or 5e-3 (BERT, whose 109M parameters are themselves
# rounded to 3 figures, up to 0.46 %) accepts rounding and nothing more.


def test_gpt3_training_flops_brown_2020_table_d1():
    # Brown et al. 2020, Table D.1: 174.6B parameters x 300B tokens x 6 = 3.14e23 FLOPs.
    assert compute.training_flops(174.6e9, 300e9) == pytest.approx(3.14e23, rel=2e-3)


def test_gpt3_pf_days_brown_2020_table_d1():
    # Brown et al. 2020, Table D.1: 3.64e3 PF-days.
    assert compute.to_pf_days(compute.training_flops(174.6e9, 300e9)) == pytest.approx(
        3.64e3, rel=2e-3
    )


def test_bert_base_brown_2020_table_d1():
    # Brown et al. 2020, Table D.1: BERT-Base, 109M parameters, 250B tokens, 1.64e20 FLOPs, 1.89 PF-days.
    flops = compute.training_flops(109e6, 250e9)
    assert flops == pytest.approx(1.64e20, rel=5e-3)
    assert compute.to_pf_days(flops) == pytest.approx(1.89, rel=5e-3)


def test_palm_chowdhery_2022_table_21():
    # Chowdhery et al. 2022, Table 21: 2527.2 zettaFLOPs for 540B parameters on 780B tokens
    # (the parameter term, exactly 6ND; five significant figures printed).
    assert compute.training_flops(540e9, 780e9) == pytest.approx(2527.2e21, rel=1e-5)


def test_pf_day_kaplan_2020_section_1_3():
    # Kaplan et al. 2020, Sec. 1.3: 1 PF-day = 1e15 x 24 x 3600 = 8.64e19 FLOPs.
    assert compute.PF_DAY == 8.64e19
    assert compute.from_pf_days(1.0) == 8.64e19
    assert compute.to_pf_days(8.64e19) == pytest.approx(1.0, rel=1e-15)


def test_six_is_two_forward_plus_four_backward():
    # Kaplan et al. 2020, Sec. 2.1: forward 2N per token, backward twice the forward.
    assert compute.FORWARD_FLOPS_PER_PARAM_TOKEN == 2
    assert (
        compute.BACKWARD_FLOPS_PER_PARAM_TOKEN
        == 2 * compute.FORWARD_FLOPS_PER_PARAM_TOKEN
    )
    assert compute.TRAINING_FLOPS_PER_PARAM_TOKEN == 6


def test_chinchilla_tokens_and_params_hoffmann_2022():
    # Hoffmann et al. 2022, Sec. 4: Chinchilla is 70B parameters on 1.4T tokens. At 6ND the pair
    # costs 5.88e23 FLOPs; inverting must give back each factor (exact arithmetic, float round-off).
    flops = 6 * 70e9 * 1.4e12
    assert compute.tokens_for(flops, 70e9) == pytest.approx(1.4e12, rel=1e-12)
    assert compute.params_for(flops, 1.4e12) == pytest.approx(70e9, rel=1e-12)


@given(n=st.floats(1e3, 1e13), d=st.floats(1e3, 1e15))
def test_inversions_round_trip(n, d):
    c = compute.training_flops(n, d)
    assert compute.tokens_for(c, n) == pytest.approx(d, rel=1e-12)
    assert compute.params_for(c, d) == pytest.approx(n, rel=1e-12)


def test_arrays_in_arrays_out():
    flops = compute.training_flops([1e9, 2e9], 1e10)
    np.testing.assert_allclose(flops, [6e19, 12e19])
    assert isinstance(compute.training_flops(1e9, 1e10), float)


def test_training_days_arithmetic():
    # 1e24 FLOPs on 1000 H100 (989.4 TFLOP/s dense BF16, NVIDIA datasheet) at 50 % MFU:
    # 1e24 / (1000 * 989.4e12 * 0.5 * 86400 s/day) = 23.397 days, by hand.
    assert compute.training_days(1e24, 1000, "H100", 0.5) == pytest.approx(
        23.397, rel=1e-4
    )
    # Same on A100 (312 TFLOP/s): 989.4/312 = 3.171 times longer.
    ratio = compute.training_days(1e24, 1000, "A100", 0.5) / compute.training_days(
        1e24, 1000, "H100", 0.5
    )
    assert ratio == pytest.approx(989.4 / 312, rel=1e-12)


def test_training_days_inverts_cluster_flops():
    days = compute.training_days(3.14e23, 1024, "a100", 0.4)
    assert compute.cluster_flops(1024, days, "A100", 0.4) == pytest.approx(
        3.14e23, rel=1e-12
    )


def test_custom_accelerator_is_accepted():
    # A made-up 100 TFLOP/s chip: 8.64e18 FLOPs at full use on one chip take 1 day.
    chip = compute.Accelerator("test chip", 100e12, 16, "hypothetical")
    assert compute.training_days(8.64e18, 1, chip, 1.0) == pytest.approx(1.0, rel=1e-12)
    assert "100 TFLOP/s" in repr(chip)


def test_accelerator_table_datasheet_peaks():
    # NVIDIA datasheets, dense BF16 tensor peak (no 2:4 sparsity).
    assert compute.accelerator("A100").peak_flops == 312e12
    assert compute.accelerator("h100").peak_flops == 989.4e12


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: compute.training_flops(0, 1e9), "n_params"),
        (lambda: compute.training_flops(-1e9, 1e9), "n_params"),
        (lambda: compute.training_flops(1e9, np.nan), "n_tokens"),
        (lambda: compute.training_flops(1e9, np.inf), "n_tokens"),
        (lambda: compute.tokens_for(0, 1e9), "flops"),
        (lambda: compute.params_for(1e20, -5), "n_tokens"),
        (lambda: compute.to_pf_days(-1.0), "flops"),
        (lambda: compute.from_pf_days(np.nan), "pf_days"),
        (lambda: compute.training_days(1e23, 0, "A100", 0.4), "n_gpus"),
        (lambda: compute.training_days(1e23, 8, "TPUv9", 0.4), "gpu"),
        (lambda: compute.training_days(1e23, 8, "A100", 1.2), "mfu"),
        (lambda: compute.training_days(1e23, 8, "A100", 0.0), "mfu"),
        (lambda: compute.training_days(1e23, 8, "A100", np.nan), "mfu"),
        (lambda: compute.cluster_flops(8, -1, "H100", 0.4), "days"),
        (lambda: compute.accelerator("V100"), "gpu"),
    ],
)
def test_bad_inputs_raise_value_errors(call, name):
    with pytest.raises(ValueError, match=name):
        call()

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
    # Kaplan et al. 2020, Sec. 2.1 and Eq. 2.2: the forward pass costs 2N FLOPs per token and
    # the backward pass twice that, 4N. The function must charge exactly their sum per token,
    # which is computed here from the paper's numbers, not from the package's constants.
    n, d = 7e9, 2e12
    forward, backward = 2 * n * d, 2 * (2 * n * d)
    assert compute.training_flops(n, d) == forward + backward
    # ... and the cluster arithmetic divides by the same 6: 1 GPU-day of 1 FLOP/s buys C.
    assert compute.tokens_for(forward + backward, n) == pytest.approx(d, rel=1e-15)


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


def test_appendix_f_terms_hoffmann_2022_app_f():
    # Hoffmann et al. 2022, App. F, term by term for a toy shape worked by hand:
    # L=2, d=4, f=16, h=2, k=2 (k·h = 4), s=8, V=10.
    f = compute.appendix_f_flops(2, 4, 16, 2, 2, seq_len=8, vocab_size=10)
    assert f.embeddings == 2 * 8 * 10 * 4 == f.logits
    assert f.attention_projections == 2 * (2 * 3 * 8 * 4 * 4 + 2 * 8 * 4 * 4)
    assert f.attention_scores == 2 * (2 * 64 * 4 + 3 * 2 * 64 + 2 * 64 * 4)
    assert f.dense == 2 * (2 * 8 * (4 * 16 + 4 * 16))
    assert f.training_per_token == 3 * f.forward / 8


def test_appendix_f_close_to_6nd_for_chinchilla_hoffmann_2022():
    # Hoffmann et al. 2022, App. F: "the differences in FLOP calculation [from 6ND] are very
    # small". Chinchilla's shape (Table 4: 80 layers, d_model 8192, 64 heads of 128, d_ff 4d).
    f = compute.appendix_f_flops(80, 8192, 4 * 8192, 64, 128)
    n_params = 80 * (4 * 8192**2 + 2 * 8192 * 4 * 8192) + 32000 * 8192
    ratio = f.training_per_token / (6 * n_params)
    assert 1.0 < ratio < 1.10  # attention scores and the embedding lookup add a few %


@pytest.mark.parametrize("bad", [0, -3])
def test_appendix_f_rejects_nonpositive(bad):
    with pytest.raises(ValueError, match="n_layers"):
        compute.appendix_f_flops(bad, 8, 32, 2, 4)


def test_appendix_f_rejects_non_integer():
    with pytest.raises(TypeError, match="d_model"):
        compute.appendix_f_flops(2, 8.5, 32, 2, 4)

"""DeepSeek LLM scaling laws against the paper (DeepSeek-AI 2024, arXiv:2401.02954)."""

import numpy as np
import pytest

from scaling import deepseek as ds


@pytest.mark.parametrize("row", ds.TABLE3, ids=lambda r: f"{r[0]}L-{r[1]}")
def test_table3_is_reproduced_by_eq2(row):
    # DeepSeek Table 3 prints N1, N2, M to 3 significant figures: rounding error < 0.5 %.
    n_layers, d_model, n1, n2, m = row
    assert ds.non_embedding_params(n_layers, d_model) == pytest.approx(n1, rel=5e-3)
    assert ds.total_params(n_layers, d_model) == pytest.approx(n2, rel=5e-3)
    assert ds.flops_per_token(n_layers, d_model) == pytest.approx(m, rel=5e-3)


def test_6n_misses_m_by_up_to_half_for_small_models():
    # DeepSeek §3.2: 6N1 and 6N2 differ from M by up to about 50 % for small models.
    n_layers, d_model, n1, n2, m = ds.TABLE3[0]
    assert 6 * n2 / m - 1 == pytest.approx(0.32, abs=0.01)  # 6 x 77.6M / 352M = 1.32
    assert 1 - 6 * n1 / m == pytest.approx(0.57, abs=0.01)  # 6 x 25.2M / 352M = 0.43


def test_eq4_exponents_sum_to_one_and_product_is_c():
    # DeepSeek Eq. 4: 0.5243 + 0.4757 = 1 and 0.1715 x 5.8316 = 1.0001, so M_opt D_opt = C.
    assert ds.M_EXPONENT + ds.D_EXPONENT == pytest.approx(1.0, abs=1e-12)
    m, d = ds.optimal_allocation(1e22)
    assert m * d == pytest.approx(1e22, rel=2e-4)


def test_table4_current_data_matches_eq4():
    # DeepSeek Table 4 lists 0.524/0.476 for the current data, Eq. 4's exponents rounded.
    a, b = ds.TABLE4["DeepSeek, current data"]
    assert a == pytest.approx(ds.M_EXPONENT, abs=5e-4)
    assert b == pytest.approx(ds.D_EXPONENT, abs=5e-4)


@pytest.mark.parametrize("name", ds.MODELS)
def test_eq1_gives_table2_learning_rate_and_batch(name):
    # DeepSeek Table 2 hyperparameters were "chosen based on our findings in Section 3":
    # Eq. 1 at C = M x 2T should land near them. Tolerance 10 % (their Fig. 3 band of
    # near-optimal settings is wider than that).
    spec = ds.MODELS[name]
    c = ds.flops_per_token(spec["n_layers"], spec["d_model"]) * spec["n_tokens"]
    assert ds.optimal_learning_rate(c) == pytest.approx(spec["learning_rate"], rel=0.1)
    batch_tokens = spec["batch_sequences"] * ds.SEQUENCE_LENGTH
    assert ds.optimal_batch_size(c) == pytest.approx(batch_tokens, rel=0.1)


def test_eq1_trends():
    # DeepSeek §3.1: optimal batch grows and learning rate falls with compute.
    c = np.array([1e17, 1e20, 1e23])
    assert np.all(np.diff(ds.optimal_batch_size(c)) > 0)
    assert np.all(np.diff(ds.optimal_learning_rate(c)) < 0)


def test_bad_input_names_the_argument():
    with pytest.raises(ValueError, match="flops"):
        ds.optimal_learning_rate(-1.0)
    with pytest.raises(ValueError, match="a must be"):
        ds.model_growth(10, 1.5)
    with pytest.raises(ValueError, match="n_layers"):
        ds.flops_per_token(0, 512)


def test_published_shapes_give_the_model_names():
    # DeepSeek-AI 2024, Table 2: "7B" and "67B"; the shapes must land within 2 % of each name.
    assert abs(ds.CONFIGS["DeepSeek LLM 7B"].n_params() / 7e9 - 1) < 0.02
    assert abs(ds.CONFIGS["DeepSeek LLM 67B"].n_params() / 67e9 - 1) < 0.02


def test_config_m_matches_eq2_for_a_multi_head_shape_and_drops_with_gqa():
    seven = ds.CONFIGS["DeepSeek LLM 7B"]
    eq2 = ds.flops_per_token(seven.n_layers, seven.d_model)
    # The 7B model is multi-head with an MLP of 3 × 11,008 ≈ 8 d_model: Eq. 2 to within 1 %.
    assert abs(ds.config_flops_per_token(seven) / eq2 - 1) < 0.01
    big = ds.CONFIGS["DeepSeek LLM 67B"]
    # Grouped-query attention (8 of 64 heads) and d_ff 22,016 < 8 d_model: below Eq. 2.
    assert ds.config_flops_per_token(big) < 0.9 * ds.flops_per_token(big.n_layers, 8192)
    with pytest.raises(TypeError, match="config"):
        ds.config_flops_per_token("deepseek-67b")

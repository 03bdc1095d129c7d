"""Every published constant and table row of ``scaling``, pinned against its paper.

Each expected value below is typed from the cited table or equation, never read from the
package, so a drifting constant (Epoch's E = 1.817 turned 1.818, a transposed digit in a
table row) fails here and not only in a doctest or a notebook. Comparisons are exact
(``==``) where the package stores the printed number; where it stores a value derived from
printed logs (Muennighoff's exp(log A)), the derivation is redone here.
"""

from __future__ import annotations

import math

import pytest

from scaling import (
    approaches,
    architecture,
    chinchilla,
    compute,
    data_constrained,
    data_stock,
    inference,
    kaplan,
    precision,
    reconcile,
)


def _fields(obj, names):
    return tuple(getattr(obj, n) for n in names)


# Kaplan et al. 2020, "Scaling Laws for Neural Language Models" (arXiv:2001.08361).
KAPLAN = [
    # Table 5: L(N), L(D) fitted separately (Eqs. 1.1, 1.2).
    (
        kaplan.SEPARATE_FITS,
        ("alpha_n", "alpha_d", "n_c", "d_c"),
        (0.076, 0.095, 8.8e13, 5.4e13),
    ),
    # Table 2: joint fit of Eq. 1.5.
    (
        kaplan.JOINT_FIT,
        ("alpha_n", "alpha_d", "n_c", "d_c"),
        (0.076, 0.103, 6.4e13, 1.8e13),
    ),
    # Table 3: fit of L(N, S_min), Eq. 1.6.
    (
        kaplan.LEARNING_CURVE_FIT,
        ("alpha_n", "alpha_s", "n_c", "s_c"),
        (0.077, 0.76, 6.5e13, 2.1e3),
    ),
    # Eq. 1.3 and Table 5: L(C_min) and the fixed-batch L(C), C in PF-days.
    (kaplan.MIN_COMPUTE_LAW, ("alpha", "c_c_pf_days"), (0.050, 3.1e8)),
    (kaplan.FIXED_BATCH_COMPUTE_LAW, ("alpha", "c_c_pf_days"), (0.057, 1.6e7)),
    # Eq. 1.4 / 5.3 (B_* = 2e8) and Table 5 (2.1e8).
    (kaplan.CRITICAL_BATCH, ("b_star", "alpha_b"), (2e8, 0.21)),
    (kaplan.CRITICAL_BATCH_TABLE_5, ("b_star", "alpha_b"), (2.1e8, 0.21)),
    # Table 6 (compute-efficient frontier, C_min in PF-days), Eq. 6.7, Fig. 14, Eq. 4.4.
    (kaplan.N_OPT, ("coefficient", "exponent"), (1.3e9, 0.73)),
    (kaplan.B_CRIT_OPT, ("coefficient", "exponent"), (2.0e6, 0.24)),
    (kaplan.S_MIN_OPT, ("coefficient", "exponent"), (5.4e3, 0.03)),
    (kaplan.D_OPT, ("coefficient", "exponent"), (2e10, 0.27)),
    (kaplan.D_AT_CRITICAL_BATCH, ("coefficient", "exponent"), (4e10, 0.26)),
    (kaplan.N_OPT_RAW_COMPUTE, ("coefficient", "exponent"), (1.6e9, 0.88)),
    (kaplan.DATA_REQUIREMENT, ("coefficient", "exponent"), (5e3, 0.74)),
]


@pytest.mark.parametrize(("obj", "names", "printed"), KAPLAN, ids=lambda v: str(v)[:40])
def test_kaplan_2020_constants(obj, names, printed):
    assert _fields(obj, names) == printed


def test_kaplan_2020_scalars():
    # Sec. 4.2 / Eq. 4.4: the overfitting penalty regarded as negligible, about 2 %.
    assert kaplan.OVERFITTING_TOLERANCE == 0.02
    # Sec. 2: non-embedding sizes from 768 to 1.5B (used by Pearce & Song 2024's simulation).
    assert reconcile.KAPLAN_SIZE_RANGE == (768.0, 1.5e9)


def test_compute_constants_kaplan_2020_section_2_1():
    # Sec. 2.1 and Eq. 2.2: 2 FLOPs per parameter per token forward, twice that backward;
    # Sec. 1.3: 1 PF-day = 1e15 FLOP/s for 86,400 s.
    assert compute.FORWARD_FLOPS_PER_PARAM_TOKEN == 2
    assert compute.BACKWARD_FLOPS_PER_PARAM_TOKEN == 4
    assert compute.TRAINING_FLOPS_PER_PARAM_TOKEN == 6
    assert compute.PF_DAY == 8.64e19
    assert compute.SECONDS_PER_DAY == 24 * 3600


# Hoffmann et al. 2022, "Training Compute-Optimal Large Language Models" (arXiv:2203.15556).
LAW = ("E", "A", "B", "alpha", "beta")


def test_hoffmann_2022_approach3_eq_10_as_printed():
    # Appendix D.2, Eq. 10: E = 1.69, A = 406.4, B = 410.7, alpha = 0.34, beta = 0.28.
    assert _fields(chinchilla.HOFFMANN_2022, LAW) == (1.69, 406.4, 410.7, 0.34, 0.28)


def test_hoffmann_2022_approach3_unrounded():
    # The unrounded fit of the paper's TeX source, as Besiroglu et al. 2024 quote it
    # ("true_params"): e = 0.5267228, a = 6.0073404, b = 6.0179186, alpha = 0.33917084,
    # beta = 0.2849083; the package stores exp(.) to 5 significant figures.
    law = chinchilla.HOFFMANN_2022_UNROUNDED
    assert (law.alpha, law.beta) == (0.33917, 0.28491)
    assert law.E == pytest.approx(math.exp(0.5267228), abs=5e-5)
    assert law.A == pytest.approx(math.exp(6.0073404), abs=5e-3)
    assert law.B == pytest.approx(math.exp(6.0179186), abs=5e-3)
    assert law.alpha == pytest.approx(0.33917084, abs=5e-6)
    assert law.beta == pytest.approx(0.2849083, abs=5e-6)


def test_epoch_2024_refit():
    # Besiroglu et al. 2024 ("Chinchilla Scaling: A replication attempt"), their Eq. 4 / the
    # notebook's refit: E = 1.817, A = 482.01, B = 2085.43, alpha = 0.3478, beta = 0.3658.
    assert _fields(chinchilla.EPOCH_2024, LAW) == (
        1.817,
        482.01,
        2085.43,
        0.3478,
        0.3658,
    )


def test_hoffmann_2022_grid_appendix_d2():
    # Appendix D.2: alpha, beta in {0, 0.5, ..., 2}; e in {-1, -0.5, ..., 1}; a, b in {0, 5, ..., 25}.
    grid = chinchilla.HOFFMANN_GRID
    assert sorted(set(grid[:, 0])) == [0, 5, 10, 15, 20, 25]
    assert sorted(set(grid[:, 1])) == [0, 5, 10, 15, 20, 25]
    assert sorted(set(grid[:, 2])) == [-1, -0.5, 0, 0.5, 1]
    assert sorted(set(grid[:, 3])) == sorted(set(grid[:, 4])) == [0, 0.5, 1, 1.5, 2]


def test_hoffmann_2022_models_and_budgets():
    # Sec. 3 (from Rae et al. 2021): Gopher's budget 5.76e23 FLOPs; Sec. 4: Gopher 280B on
    # 300B tokens, Chinchilla 70B on 1.4T; Sec. 3.2: 9 IsoFLOP budgets from 6e18 to 3e21;
    # abstract: models from 70M to over 16B parameters.
    assert approaches.GOPHER_FLOPS == 5.76e23
    assert approaches.GOPHER == (280e9, 300e9)
    assert approaches.CHINCHILLA == (70e9, 1.4e12)
    assert approaches.MODEL_SIZES == (70e6, 16e9)
    budgets = approaches.ISOFLOP_BUDGETS
    assert len(budgets) == 9
    assert budgets[0] == pytest.approx(6e18, rel=1e-12)
    assert budgets[-1] == pytest.approx(3e21, rel=1e-12)


def test_hoffmann_2022_table_2_exponents():
    # Table 2: a = 0.50 (Approach 1), 0.49 (Approach 2); Table 3: 67B at the Gopher budget;
    # Figure 3: about 63B from Approach 2.
    assert (approaches.APPROACH1_2022.a, approaches.APPROACH1_2022.n_ref) == (
        0.50,
        67e9,
    )
    assert (approaches.APPROACH2_2022.a, approaches.APPROACH2_2022.n_ref) == (
        0.49,
        63e9,
    )
    assert (
        approaches.APPROACH1_2022.flops_ref
        == approaches.APPROACH2_2022.flops_ref
        == 5.76e23
    )


# Table 3 (Approach 1) and Table A3 (Approaches 2, 3): (parameters, FLOPs, tokens) as printed.
TABLE_3 = [
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
]
TABLE_A3_APPROACH2 = [
    (400e6, 1.84e19, 7.7e9),
    (1e9, 1.20e20, 20.0e9),
    (10e9, 1.32e22, 219.5e9),
    (67e9, 6.88e23, 1.7e12),
    (175e9, 4.54e24, 4.3e12),
    (280e9, 1.18e25, 7.1e12),
    (520e9, 4.19e25, 13.4e12),
    (1e12, 1.59e26, 26.5e12),
    (10e12, 1.75e28, 292.0e12),
]
TABLE_A3_APPROACH3 = [
    (400e6, 2.21e19, 9.2e9),
    (1e9, 1.62e20, 27.1e9),
    (10e9, 2.46e22, 410.1e9),
    (67e9, 1.71e24, 4.1e12),
    (175e9, 1.26e24, 12.0e12),  # printed so; 6ND of the row is 1.26e25
    (280e9, 3.52e25, 20.1e12),
    (520e9, 1.36e26, 43.5e12),
    (1e12, 5.65e26, 94.1e12),
    (10e12, 8.55e28, 1425.5e12),
]


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("TABLE3_APPROACH1", TABLE_3),
        ("TABLE_A3_APPROACH2", TABLE_A3_APPROACH2),
        ("TABLE_A3_APPROACH3", TABLE_A3_APPROACH3),
    ],
)
def test_hoffmann_2022_tables_3_and_a3(name, printed):
    if not hasattr(approaches, name):
        pytest.skip(f"scaling.approaches has no {name}")
    assert [tuple(row) for row in getattr(approaches, name)] == printed


def test_hoffmann_2022_table_2_a_and_section_4_range():
    # Table 2: Approach 3's a = 0.46 with 10th-90th percentiles (0.454, 0.455); Sec. 4: the
    # optimum at Gopher's budget is "somewhere between 40 and 70 billion" parameters.
    if not hasattr(approaches, "TABLE2_A"):
        pytest.skip("scaling.approaches has no TABLE2_A")
    assert approaches.TABLE2_A == {
        "Approach 1": 0.50,
        "Approach 2": 0.49,
        "Approach 3": 0.46,
    }
    assert approaches.TABLE2_A_INTERVAL_APPROACH3 == (0.454, 0.455)
    assert approaches.GOPHER_OPTIMUM_RANGE == (40e9, 70e9)


# Muennighoff et al. 2023, "Scaling Data-Constrained Language Models": the authors'
# datablations README, "Parametric Fit" (log A, log B, log E, alpha = beta, R_D*, R_N*).
def test_muennighoff_2023_parametric_fit():
    law = data_constrained.MUENNIGHOFF_2023
    assert law.E == math.exp(0.6254804)
    assert law.A == math.exp(6.255414)
    assert law.B == math.exp(7.3049974)
    assert law.alpha == law.beta == 0.3526596
    assert (law.rd_star, law.rn_star) == (15.387756, 5.309743)


def test_muennighoff_2023_readme_example():
    # README, "Parametric Fit": with 25B unique tokens, 6.34B on 242B tokens and 8.67B on
    # 178B; the grid search's best is 6.8B on 227B tokens (9.1 epochs).
    ex = data_constrained.README_EXAMPLE
    assert ex["unique_tokens"] == 25e9
    assert [m[:2] for m in ex["models"]] == [(6.34e9, 242e9), (8.67e9, 178e9)]
    assert ex["best"] == (6.8e9, 227e9, 9.1)


# Kumar et al. 2024, "Scaling Laws for Precision", Appendix K, Table 2.
KUMAR_APPENDIX_K = {
    "A": 4.299e3,
    "B": 1.806e4,
    "E": 2.7648,
    "alpha": 0.4965,
    "beta": 0.4965,
    "gamma_w": 2.6745,
    "gamma_a": 2.2102,
    "gamma_kv": 0.9578,
    "offset_w": 0.3037,
    "offset_a": 1.4072,
    "offset_kv": 2.4185,
    "C_T": 0.0598,
    "gamma_D": 0.5068,
    "gamma_N": 0.3439,
    "gamma_post": 0.5907,
}


@pytest.mark.parametrize(
    "law",
    [
        precision.KUMAR_2024,
        precision.KUMAR_2024_MAIN_TEXT,
        precision.KUMAR_2024_FLOORED,
    ],
    ids=["shifted", "main", "floored"],
)
def test_kumar_2024_appendix_k(law):
    assert {k: getattr(law, k) for k in KUMAR_APPENDIX_K} == KUMAR_APPENDIX_K


def test_kumar_2024_reference_precision():
    # Eq. 5: C = (6/16) N D P, i.e. 6ND at the 16-bit reference.
    assert precision.REFERENCE_BITS == 16


# Villalobos et al. 2024, "Will we run out of data?" (arXiv:2211.04325v2), and Epoch AI's
# companion post for the effective stock.
def test_villalobos_2024_data_wall():
    assert data_stock.DATASET_GROWTH_OOM_PER_YEAR == 0.38  # 0.38 OOM/year
    assert data_stock.DATASET_GROWTH_CI95 == (0.27, 0.48)  # its 95 % interval
    assert data_stock.EFFECTIVE_STOCK_TOKENS == 3e14  # companion post: ~300T
    assert data_stock.EFFECTIVE_STOCK_CI90 == (1e14, 1e15)  # 90 % interval 100T-1000T
    assert data_stock.PAPER_DATASET_AT_EXHAUSTION == 4e14  # Fig. 1 caption
    assert data_stock.PAPER_FLOPS_AT_EXHAUSTION == 5e28  # Fig. 1 caption
    assert data_stock.PAPER_EXHAUSTION_YEAR == 2028  # Fig. 1 caption
    assert data_stock.PAPER_EXHAUSTION_INTERVAL == (2026, 2032)  # abstract
    # Dubey et al. 2024 (Llama 3): 15.6T text tokens for the 405B model, mid-2024.
    assert data_stock.ANCHOR_TOKENS == 15.6e12


def test_sardana_2024_examples():
    # Introduction: 13B replaced by 7B at 2T inference tokens saves 1.7e22 FLOPs (17 %);
    # Figure 2: a 7B-quality model serving 1e11 tokens is best as ~6B on 1.18x the data.
    assert inference.SARDANA_INTRO_EXAMPLE == {
        "n_params": 13e9,
        "smaller_params": 7e9,
        "inference_tokens": 2e12,
        "saved_flops": 1.7e22,
        "saved_fraction": 0.17,
    }
    assert inference.SARDANA_FIGURE_2_EXAMPLE == {
        "n_params": 7e9,
        "inference_tokens": 1e11,
        "optimal_params": 6e9,
        "data_ratio": 1.18,
    }


def test_pearce_song_2024_embedding_coefficient():
    # Pearce & Song 2024, Sec. 3: N_T = N_E + 47491 N_E^(1/3).
    assert reconcile.EMBEDDING_COEF == 47491.0


def test_accelerator_peaks_from_datasheets():
    # NVIDIA A100 datasheet: 312 TFLOP/s dense BF16 (624 sparse), 80 GB; H100 SXM5 datasheet:
    # 989.4 TFLOP/s dense BF16 (1,979 sparse), 80 GB.
    assert (
        compute.ACCELERATORS["A100"].peak_flops,
        compute.ACCELERATORS["A100"].memory_gb,
    ) == (
        312e12,
        80,
    )
    assert (
        compute.ACCELERATORS["H100"].peak_flops,
        compute.ACCELERATORS["H100"].memory_gb,
    ) == (
        989.4e12,
        80,
    )


# Model shapes: Brown et al. 2020, Table 2.1 (GPT-3); Touvron et al. 2023a, Table 2 (LLaMA);
# Hoffmann et al. 2022, Table 4 (Chinchilla, Gopher): (n_layers, d_model, n_heads).
SHAPES = {
    "gpt3-small": (12, 768, 12),
    "gpt3-medium": (24, 1024, 16),
    "gpt3-large": (24, 1536, 16),
    "gpt3-xl": (24, 2048, 24),
    "gpt3-2.7b": (32, 2560, 32),
    "gpt3-6.7b": (32, 4096, 32),
    "gpt3-13b": (40, 5120, 40),  # printed 5140; 5120 = 40 x 128 reproduces Table D.1
    "gpt3-175b": (96, 12288, 96),
    "llama-7b": (32, 4096, 32),
    "llama-13b": (40, 5120, 40),
    "llama-33b": (60, 6656, 52),
    "llama-65b": (80, 8192, 64),
    "chinchilla-70b": (80, 8192, 64),
    "gopher-280b": (80, 16384, 128),
}


@pytest.mark.parametrize(("name", "shape"), SHAPES.items())
def test_published_model_shapes(name, shape):
    cfg = architecture.preset(name)
    assert (cfg.n_layers, cfg.d_model, cfg.n_heads) == shape


def test_consumer_gpu_memory():
    # NVIDIA GeForce RTX 3090 / 4090 specifications: 24 GB.
    assert architecture.CONSUMER_GPU_GB == 24


# OpenAI 2023, GPT-4 Technical Report (arXiv:2303.08774), §3.1: final loss predicted from
# models with at most 10,000x less compute; HumanEval pass rate from 1,000x-10,000x less.
# Yang et al. 2023, Baichuan 2 (arXiv:2309.10305), §2.6: seven models of 10M-3B parameters
# on up to 1T tokens predict the 7B and 13B models trained on 2.6T tokens.
def test_gpt4_and_baichuan2_predictable_scaling():
    from scaling import downstream

    assert downstream.GPT4_LOSS_COMPUTE_RATIO == 10_000
    assert downstream.GPT4_PASS_RATE_COMPUTE_RATIOS == (1_000, 10_000)
    assert downstream.BAICHUAN2_SMALL_MODELS == 7
    assert downstream.BAICHUAN2_SMALL_PARAMS_RANGE == (10e6, 3e9)
    # Appendix A, Table 10, in millions as printed.
    assert [round(n / 1e6, 2) for n in downstream.BAICHUAN2_TABLE10_PARAMS] == [
        11.51, 51.56, 108.01, 307.60, 835.00, 1565.60, 3019.33,
    ]  # fmt: skip
    assert len(downstream.BAICHUAN2_TABLE10_PARAMS) == downstream.BAICHUAN2_SMALL_MODELS
    assert downstream.BAICHUAN2_SMALL_MAX_TOKENS == 1e12
    assert downstream.BAICHUAN2_TARGET_PARAMS == (7e9, 13e9)
    assert downstream.BAICHUAN2_TARGET_TOKENS == 2.6e12


# DeepSeek-AI 2024 (arXiv:2401.02954), §3.1: "near-optimal" hyperparameters are those
# within 0.25 % of the minimum generalization error; Table 2: both models on 2T tokens.
def test_deepseek_2024_near_optimal_tolerance_and_tokens():
    from scaling import deepseek

    assert deepseek.NEAR_OPTIMAL_TOLERANCE == 0.0025
    for name in ("DeepSeek LLM 7B", "DeepSeek LLM 67B"):
        assert deepseek.MODELS[name]["n_tokens"] == 2e12
    # §3.1: the hyperparameter laws checked at 1e20 FLOPs with a 2.94B-FLOPs-per-token model.
    assert deepseek.VALIDATION_BUDGET == 1e20
    assert deepseek.VALIDATION_FLOPS_PER_TOKEN == 2.94e9
    # Table 2 shapes (layers, width, heads, KV heads); d_ff from the released configurations.
    shapes = {
        name: (c.n_layers, c.d_model, c.n_heads, c.kv_heads, c.d_ff)
        for name, c in deepseek.CONFIGS.items()
    }
    assert shapes == {
        "DeepSeek LLM 7B": (30, 4096, 32, 32, 11008),
        "DeepSeek LLM 67B": (95, 8192, 64, 8, 22016),
    }


# Krajewski et al. 2024 (arXiv:2402.07871), Fig. 1: a dense model needs about 20x the
# compute of the optimal fine-grained MoE at 1e20 FLOPs and over 40x beyond 1e25.
def test_krajewski_2024_figure_1_gains():
    from scaling import moe

    assert moe.PAPER_DENSE_COMPUTE_MULTIPLIERS == {1e20: 20, 1e25: 40}


# Sardana et al. 2024 (arXiv:2401.00448v2), abstract: quality keeps improving up to
# 10,000 tokens per parameter. Snell et al. 2024 (arXiv:2408.03314), abstract: test-time
# compute beats a 14x larger model in a FLOPs-matched evaluation.
def test_sardana_max_ratio_and_snell_model_ratio():
    from scaling import test_time

    assert inference.SARDANA_MAX_TOKENS_PER_PARAM == 10_000
    assert test_time.SNELL_2024_MODEL_RATIO == 14


# Azevedo et al. 2009 (J. Comp. Neurol. 513, abstract): 86.1 ± 8.1 billion neurons in the
# adult male brain; Pakkenberg et al. 2003 (Exp. Gerontol. 38, abstract): approximately
# 0.15 × 10^15 neocortical synapses; Raichle & Gusnard 2002 (PNAS 99, first paragraph): the
# brain accounts for about 20 % of the oxygen and calories the body consumes.
def test_brain_counts():
    from scaling import brain

    assert (brain.NEURONS, brain.NEURONS_SD) == (86.1e9, 8.1e9)
    assert brain.NEOCORTEX_SYNAPSES == 1.5e14
    assert brain.ENERGY_SHARE == 0.20


# DeepSeek-AI 2024, "DeepSeek LLM" (arXiv:2401.02954).
def test_deepseek_2024_equations_1_and_4():
    from scaling import deepseek

    # Eq. 1: eta_opt = 0.3118 C^-0.1250, B_opt = 0.2920 C^0.3271.
    assert (deepseek.LR_COEFFICIENT, deepseek.LR_EXPONENT) == (0.3118, -0.1250)
    assert (deepseek.BATCH_COEFFICIENT, deepseek.BATCH_EXPONENT) == (0.2920, 0.3271)
    # Eq. 4: M_opt = 0.1715 C^0.5243, D_opt = 5.8316 C^0.4757.
    assert (deepseek.M_COEFFICIENT, deepseek.M_EXPONENT) == (0.1715, 0.5243)
    assert (deepseek.D_COEFFICIENT, deepseek.D_EXPONENT) == (5.8316, 0.4757)
    # Sec. 3.1: hyperparameters fitted on 1e17-2e19; Sec. 3.2: IsoFLOPs from 1e17 to 3e20.
    assert deepseek.HYPERPARAMETER_FIT_RANGE == (1e17, 2e19)
    assert deepseek.ISOFLOP_RANGE == (1e17, 3e20)


def test_deepseek_2024_table_3():
    from scaling import deepseek

    # Table 3, as printed: (n_layer, d_model, N1, N2, M) at vocabulary 102,400, l_seq 4096.
    printed = (
        (8, 512, 25.2e6, 77.6e6, 352e6),
        (12, 768, 84.9e6, 164e6, 963e6),
        (24, 1024, 302e6, 407e6, 3.02e9),
        (24, 2048, 1.21e9, 1.42e9, 9.66e9),
        (32, 4096, 6.44e9, 6.86e9, 45.1e9),
        (40, 5120, 12.6e9, 13.1e9, 85.6e9),
        (80, 8192, 64.4e9, 65.3e9, 419e9),
    )
    assert deepseek.TABLE3 == printed
    assert (deepseek.VOCAB_SIZE, deepseek.SEQUENCE_LENGTH) == (102_400, 4096)


def test_deepseek_2024_table_4():
    from scaling import deepseek

    # Table 4: (a, b) of M_opt ~ C^a, D_opt ~ C^b by source and dataset.
    printed = {
        "OpenAI (OpenWebText2)": (0.73, 0.27),
        "Chinchilla (MassiveText)": (0.49, 0.51),
        "DeepSeek, early data": (0.450, 0.550),
        "DeepSeek, current data": (0.524, 0.476),
        "DeepSeek, OpenWebText2": (0.578, 0.422),
    }
    assert deepseek.TABLE4 == printed


def test_deepseek_2024_model_shapes():
    from scaling import deepseek

    # Sec. 2 and Table 2: 7B has 30 layers of width 4096, 67B 95 layers of width 8192.
    shapes = {k: (v["n_layers"], v["d_model"]) for k, v in deepseek.MODELS.items()}
    assert shapes == {"DeepSeek LLM 7B": (30, 4096), "DeepSeek LLM 67B": (95, 8192)}


# Dubey et al. 2024, "The Llama 3 Herd of Models" (arXiv:2407.21783), Sec. 3.2.1.
def test_llama3_2024_scaling_law_and_flagship():
    from scaling import llama3

    # N*(C) = A C^alpha with (alpha, A) = (0.53, 0.29), N* in training tokens; IsoFLOPs from
    # 6e18 to 1e22 on models of 40M-16B; 3.8e25 FLOPs extrapolate to 402B on 16.55T; the
    # model trained is 405B on 15.6T tokens.
    assert (llama3.ALPHA, llama3.COEFFICIENT) == (0.53, 0.29)
    assert llama3.ISOFLOP_RANGE == (6e18, 1e22)
    assert llama3.MODEL_RANGE == (40e6, 16e9)
    assert llama3.FLAGSHIP_FLOPS == 3.8e25
    assert llama3.PAPER_EXTRAPOLATION == (402e9, 16.55e12)
    assert llama3.FLAGSHIP == (405e9, 15.6e12)


# Krajewski et al. 2024, "Scaling Laws for Fine-Grained Mixture of Experts"
# (arXiv:2402.07871). This reference sheet has no transcription of this paper: the rows
# below are typed from the paper's Tables 1 and 2 as the chapter cites them, and pin them
# against drift (a transposed digit such as 2.076 -> 2.067), which Eq. 9's 0.03-nat
# reproduction in test_moe.py cannot see.
def test_krajewski_2024_table_1_fits():
    from scaling import moe

    # Table 1, row "MoE": a, alpha, b, beta, g, gamma, c.
    law = moe.KRAJEWSKI_2024
    assert _fields(law, ("a", "alpha", "b", "beta", "g", "gamma", "c")) == (
        18.1,
        0.115,
        30.8,
        0.147,
        2.1,
        0.58,
        0.47,
    )
    # Table 1, row "Dense": c, a, b, alpha, beta.
    dense = moe.KRAJEWSKI_2024_DENSE
    assert _fields(dense, ("E", "A", "B", "alpha", "beta")) == (
        0.47,
        16.3,
        26.7,
        0.126,
        0.127,
    )


def test_krajewski_2024_table_2():
    from scaling import moe

    # Table 2: compute-optimal "64 x N_active" models: (N_active, D, G, FLOPs, loss).
    printed = (
        (100e6, 4.37e9, 8, 2.95e18, 3.133),
        (1e9, 28.94e9, 16, 1.93e20, 2.491),
        (3e9, 72.90e9, 16, 1.41e21, 2.245),
        (7e9, 137.60e9, 32, 6.46e21, 2.076),
        (70e9, 941.07e9, 32, 4.16e23, 1.694),
        (300e9, 2.96e12, 64, 5.69e24, 1.503),
        (1e12, 7.94e12, 64, 4.97e25, 1.367),
    )
    assert moe.TABLE2 == printed
    # Sec. 5: expansion rate 64, granularity 1-16, 129M-3.7B parameters, 16B-130B tokens.
    assert moe.EXPANSION_RATE == 64
    assert moe.GRANULARITY_RANGE == (1, 16)
    assert moe.PARAMS_RANGE == (129e6, 3.7e9)
    assert moe.TOKENS_RANGE == (16e9, 130e9)


# The fitted ranges the planner flags extrapolation against: Kaplan et al. 2020, Secs. 2-3
# (768 to 1.5B non-embedding parameters, 22M to 23B tokens); Hoffmann et al. 2022, abstract
# (5B to 500B tokens).
def test_planner_fitted_ranges():
    from scaling import planning

    assert planning.KAPLAN_PARAMS_RANGE == (768, 1.5e9)
    assert planning.KAPLAN_TOKENS_RANGE == (22e6, 23e9)
    assert planning.CHINCHILLA_TOKENS_RANGE == (5e9, 500e9)
    assert planning.CHINCHILLA_PARAMS_RANGE == (70e6, 16e9)


# Every table the package types has a test above: a new TABLE* constant must get one.
PINNED_TABLES = {
    "approaches.TABLE3_APPROACH1",
    "approaches.TABLE_A3_APPROACH2",
    "approaches.TABLE_A3_APPROACH3",
    "approaches.TABLE2_A",
    "approaches.TABLE2_A_INTERVAL_APPROACH3",
    "deepseek.TABLE3",
    "deepseek.TABLE4",
    "moe.TABLE2",
}


def test_every_typed_table_is_pinned_here():
    import ast
    from pathlib import Path

    import scaling

    package = Path(scaling.__file__).parent
    tables = set()
    for path in package.rglob("*.py"):
        module = ".".join(path.relative_to(package).with_suffix("").parts)
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            targets = node.targets if isinstance(node, ast.Assign) else []
            tables |= {
                f"{module}.{t.id}"
                for t in targets
                if isinstance(t, ast.Name) and t.id.startswith("TABLE")
            }
    assert tables == PINNED_TABLES

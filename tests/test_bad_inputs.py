"""Every public function answers bad input with a ValueError or TypeError naming the argument.

The table CASES lists each public function with valid arguments and the kind of each argument
(positive number, count, seed, law object...). The property tests replace one argument by a bad
value of its kind (negative, zero where not allowed, NaN, inf, a string, None, a bool, a ragged
list) and require an exception that

* is exactly ``ValueError`` or ``TypeError`` (not numpy's ``LinAlgError`` or ``AxisError``,
  which subclass ``ValueError``, nor ``ZeroDivisionError`` or ``AttributeError``),
* is raised from ``scaling`` itself, not from inside numpy, scipy or pandas,
* names the argument in its message.

A valid call must return finite numbers only (no silent nan or inf). Issue 13 of the project.
"""

from __future__ import annotations

import inspect
import math
import os
import traceback
from dataclasses import fields, is_dataclass

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import scaling
from scaling import (
    approaches,
    architecture,
    chinchilla,
    compute,
    data,
    data_constrained,
    data_stock,
    deepseek,
    fitting,
    inference,
    kaplan,
    llama3,
    moe,
    planning,
    powerlaw,
    precision,
    reconcile,
    test_time,
)
from scaling.lab import model as lab_model
from scaling.lab import source as lab_source
from scaling.lab import sweep as lab_sweep

LAW = chinchilla.EPOCH_2024
N_GRID, D_GRID = (
    g.ravel()
    for g in np.meshgrid(np.geomspace(1e8, 1e10, 4), np.geomspace(1e9, 1e11, 4))
)
X = np.geomspace(1.0, 1e4, 8)
Y_SAT = powerlaw.saturating_power_law(X, 1.5, 4.0, 0.5)
PURE_FIT = powerlaw.fit_power_law(X, 2.0 * X**-0.5)
RUNS = approaches.isoflop_runs(LAW, budgets=[1e19, 1e20, 1e21], n_sizes=5, noise=0.0)
CURVES = approaches.training_curves(LAW, n_sizes=4, n_points=6, noise=0.0)
TINY_SOURCE = lab_source.make_source(vocab=4, order=1, seed=0)


def _quad(x):
    return float(((x - 1.0) ** 2).sum()), 2 * (x - 1.0)


# (label, function, valid keyword arguments, {argument: kind}); kinds are listed in BAD below.
CASES = [
    # powerlaw
    (
        "power_law",
        powerlaw.power_law,
        {"x": X, "a": 2.0, "k": -0.5},
        {"x": "pos", "a": "pos", "k": "real"},
    ),
    (
        "saturating_power_law",
        powerlaw.saturating_power_law,
        {"x": X, "E": 1.5, "A": 4.0, "alpha": 0.5},
        {"x": "pos", "E": "nonneg", "A": "pos", "alpha": "pos"},
    ),
    (
        "fit_power_law",
        powerlaw.fit_power_law,
        {"x": X, "y": 2 * X**-0.5},
        {"x": "pos", "y": "pos", "space": "choice"},
    ),
    (
        "fit_saturating_power_law",
        powerlaw.fit_saturating_power_law,
        {"x": X, "y": Y_SAT},
        {"x": "pos", "y": "pos", "delta": "pos", "starts": "array"},
    ),
    (
        "default_starts",
        powerlaw.default_starts,
        {"x": X, "y": Y_SAT},
        {"x": "pos", "y": "pos"},
    ),
    (
        "multiplicative_noise",
        powerlaw.multiplicative_noise,
        {"y": Y_SAT, "sigma": 0.01, "seed": 0},
        {"y": "pos", "sigma": "nonneg", "seed": "seed"},
    ),
    (
        "powerlaw.bootstrap",
        powerlaw.bootstrap,
        {"fit": PURE_FIT, "x": X, "y": 2 * X**-0.5, "n_resamples": 40},
        {
            "fit": "obj",
            "x": "pos",
            "y": "pos",
            "n_resamples": "count",
            "level": "fraction_open",
            "seed": "seed",
        },
    ),
    (
        "huber_objective",
        powerlaw.huber_objective,
        {"params": [0.0, 1.0, 0.5], "log_x": np.log(X), "log_y": np.log(Y_SAT)},
        {"params": "array", "log_x": "real", "log_y": "real", "delta": "pos"},
    ),
    # fitting
    (
        "huber",
        fitting.huber,
        {"residuals": [0.0, 1.0]},
        {"residuals": "real", "delta": "pos"},
    ),
    (
        "minimize_multistart",
        fitting.minimize_multistart,
        {"fun_and_grad": _quad, "starts": [[0.0], [3.0]]},
        {
            "fun_and_grad": "obj",
            "starts": "array",
            "bounds": "bounds",
            "gtol": "nonneg",
            "maxiter": "count",
        },
    ),
    (
        "bootstrap_indices",
        fitting.bootstrap_indices,
        {"n_points": 5, "n_resamples": 3, "seed": 0},
        {"n_points": "count", "n_resamples": "count", "seed": "seed"},
    ),
    (
        "percentile_interval",
        fitting.percentile_interval,
        {"samples": np.arange(10.0)},
        {"samples": "array", "level": "fraction_open"},
    ),
    ("agreeing", fitting.agreeing, {"objectives": [1.0, 2.0]}, {"total_weight": "pos"}),
    # chinchilla
    (
        "chinchilla.fit",
        chinchilla.fit,
        {"n_params": N_GRID, "n_tokens": D_GRID, "loss": LAW.loss(N_GRID, D_GRID)},
        {
            "n_params": "pos",
            "n_tokens": "pos",
            "loss": "pos",
            "delta": "pos",
            "reduction": "choice",
            "starts": "array",
            "n_refine": "count",
            "gtol": "nonneg",
            "weights": "pos",
            "profile": "flag",
        },
    ),
    (
        "chinchilla.bootstrap",
        chinchilla.bootstrap,
        {
            "n_params": N_GRID,
            "n_tokens": D_GRID,
            "loss": LAW.loss(N_GRID, D_GRID),
            "n_resamples": 40,
        },
        {"n_resamples": "count", "seed": "seed", "delta": "pos", "gtol": "nonneg"},
    ),
    (
        "ChinchillaLaw",
        chinchilla.ChinchillaLaw,
        {"E": 1.8, "A": 400.0, "B": 400.0, "alpha": 0.3, "beta": 0.3},
        # E = 0 is a law (a fit that finds no floor); A, B and the exponents must be > 0.
        {"E": "nonneg", **dict.fromkeys(["A", "B", "alpha", "beta"], "pos")},
    ),
    (
        "law.loss",
        LAW.loss,
        {"n_params": 1e9, "n_tokens": 1e10},
        {"n_params": "pos", "n_tokens": "pos"},
    ),
    ("law.optimal", LAW.optimal, {"flops": 1e21}, {"flops": "pos"}),
    ("law.optimal_flops", LAW.optimal_flops, {"n_params": 1e9}, {"n_params": "pos"}),
    (
        "law.isoflop",
        LAW.isoflop,
        {"flops": 1e21, "n_params": 1e9},
        {"flops": "pos", "n_params": "pos"},
    ),
    ("law.tokens_per_param", LAW.tokens_per_param, {"flops": 1e21}, {"flops": "pos"}),
    # approaches
    (
        "Frontier",
        approaches.Frontier,
        {"a": 0.5, "n_ref": 67e9, "flops_ref": 5.76e23},
        {"a": "pos", "n_ref": "pos", "flops_ref": "pos"},
    ),
    (
        "Frontier.optimal",
        approaches.APPROACH1_2022.optimal,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    (
        "Frontier.optimal_flops",
        approaches.APPROACH1_2022.optimal_flops,
        {"n_params": 1e9},
        {"n_params": "pos"},
    ),
    (
        "fit_frontier",
        approaches.fit_frontier,
        {"flops": [1e20, 1e22], "n_opt": [1e9, 1e10]},
        {"flops": "pos", "n_opt": "pos"},
    ),
    (
        "Runs",
        approaches.Runs,
        {
            "n_params": [1e8, 1e9],
            "n_tokens": [1e9, 1e10],
            "loss": [3.0, 2.5],
            "group": [0, 0],
        },
        {"n_params": "pos", "n_tokens": "pos", "loss": "pos", "group": "real"},
    ),
    (
        "isoflop_runs",
        approaches.isoflop_runs,
        {"law": LAW, "budgets": [1e20], "n_sizes": 3},
        {
            "law": "obj",
            "budgets": "pos",
            "n_sizes": "count",
            "noise": "nonneg",
            "seed": "seed",
        },
    ),
    (
        "training_curves",
        approaches.training_curves,
        {"law": LAW, "n_sizes": 3, "n_points": 4},
        {
            "law": "obj",
            "n_sizes": "count",
            "tokens_per_param": "pos",
            "n_points": "count",
            "noise": "nonneg",
            "seed": "seed",
        },
    ),
    (
        "approach1",
        approaches.approach1,
        {"runs": CURVES, "n_budgets": 50},
        {"runs": "obj", "flops_range": "pos", "n_budgets": "count"},
    ),
    ("approach2", approaches.approach2, {"runs": RUNS}, {"runs": "obj"}),
    # reconcile
    (
        "total_params",
        reconcile.total_params,
        {"n_nonembedding": 1e6},
        {"n_nonembedding": "pos"},
    ),
    (
        "nonembedding_optimum",
        reconcile.nonembedding_optimum,
        {"law": LAW, "flops_nonembedding": 1e18, "grid_points": 2001},
        {"law": "obj", "flops_nonembedding": "pos", "grid_points": "count"},
    ),
    (
        "local_exponent",
        reconcile.local_exponent,
        {"law": LAW, "n_budgets": 21},
        {"law": "obj", "size_range": "pos", "n_budgets": "count"},
    ),
    # compute
    (
        "training_flops",
        compute.training_flops,
        {"n_params": 7e9, "n_tokens": 2e12},
        {"n_params": "pos", "n_tokens": "pos"},
    ),
    (
        "tokens_for",
        compute.tokens_for,
        {"flops": 1e22, "n_params": 7e9},
        {"flops": "pos", "n_params": "pos"},
    ),
    (
        "params_for",
        compute.params_for,
        {"flops": 1e22, "n_tokens": 1e12},
        {"flops": "pos", "n_tokens": "pos"},
    ),
    ("to_pf_days", compute.to_pf_days, {"flops": 1e22}, {"flops": "pos"}),
    ("from_pf_days", compute.from_pf_days, {"pf_days": 10.0}, {"pf_days": "pos"}),
    (
        "cluster_flops",
        compute.cluster_flops,
        {"n_gpus": 8, "days": 2.0},
        {"n_gpus": "whole", "days": "pos", "gpu": "gpu", "mfu": "fraction"},
    ),
    (
        "training_days",
        compute.training_days,
        {"flops": 1e22, "n_gpus": 8},
        {"flops": "pos", "n_gpus": "whole", "gpu": "gpu", "mfu": "fraction"},
    ),
    (
        "Accelerator",
        compute.Accelerator,
        {"name": "x", "peak_flops": 1e14, "memory_gb": 80.0, "source": "s"},
        {"peak_flops": "pos", "memory_gb": "pos", "name": "text", "source": "text"},
    ),
    # data_stock
    (
        "dataset_size",
        data_stock.dataset_size,
        {"year": 2026.0},
        {
            "year": "real",
            "growth_oom_per_year": "pos",
            "anchor_tokens": "pos",
            "anchor_year": "real",
        },
    ),
    (
        "exhaustion_year",
        data_stock.exhaustion_year,
        {"stock_tokens": 3e14},
        {
            "stock_tokens": "pos",
            "growth_oom_per_year": "pos",
            "anchor_tokens": "pos",
            "anchor_year": "real",
        },
    ),
    (
        "years_gained",
        data_stock.years_gained,
        {"stock_multiplier": 10.0},
        {"stock_multiplier": "pos", "growth_oom_per_year": "pos"},
    ),
    (
        "overtrained_dataset_factor",
        data_stock.overtrained_dataset_factor,
        {"overtraining": 5.0},
        {"overtraining": "pos"},
    ),
    (
        "flops_for_optimal_tokens",
        data_stock.flops_for_optimal_tokens,
        {"law": LAW, "n_tokens": 1e12},
        {"law": "obj", "n_tokens": "pos"},
    ),
    (
        "exhaustion_forecast",
        data_stock.exhaustion_forecast,
        {"n_samples": 1000},
        {"level": "fraction", "n_samples": "count", "seed": "seed"},
    ),
    # data_constrained
    (
        "effective_data",
        data_constrained.effective_data,
        {"n_tokens": 4e11, "unique_tokens": 1e11, "rd_star": 15.4},
        {"n_tokens": "pos", "unique_tokens": "pos", "rd_star": "pos"},
    ),
    (
        "effective_params",
        data_constrained.effective_params,
        {"n_params": 1e10, "unique_params": 1e9, "rn_star": 5.3},
        {"n_params": "pos", "unique_params": "pos", "rn_star": "pos"},
    ),
    (
        "DataConstrainedLaw.loss",
        data_constrained.MUENNIGHOFF_2023.loss,
        {"n_params": 6e9, "n_tokens": 2e11, "unique_tokens": 2.5e10},
        {"n_params": "pos", "n_tokens": "pos", "unique_tokens": "pos"},
    ),
    (
        "optimal_allocation",
        data_constrained.MUENNIGHOFF_2023.optimal_allocation,
        {"flops": 1e22, "unique_tokens": 2.5e10},
        {"flops": "pos", "unique_tokens": "pos"},
    ),
    # inference
    (
        "frontier_loss",
        inference.frontier_loss,
        {"law": LAW, "flops": 1e22},
        {"law": "obj", "flops": "pos"},
    ),
    ("frontier_exponent", inference.frontier_exponent, {"law": LAW}, {"law": "obj"}),
    (
        "compute_factor_to_shrink",
        inference.compute_factor_to_shrink_reducible_loss,
        {"law": LAW, "factor": 2.0},
        {"law": "obj", "factor": "pos"},
    ),
    (
        "lifetime_flops",
        inference.lifetime_flops,
        {"n_params": 7e9, "train_tokens": 2e12, "inference_tokens": 1e12},
        {"n_params": "pos", "train_tokens": "pos", "inference_tokens": "nonneg"},
    ),
    (
        "min_params_for_loss",
        inference.min_params_for_loss,
        {"law": LAW, "target_loss": 2.2},
        {"law": "obj", "target_loss": "pos"},
    ),
    (
        "tokens_for_loss",
        inference.tokens_for_loss,
        {"law": LAW, "n_params": 7e9, "target_loss": 2.2},
        {"law": "obj", "n_params": "pos", "target_loss": "pos"},
    ),
    (
        "inference_optimal",
        inference.inference_optimal,
        {"law": LAW, "target_loss": 2.2, "inference_tokens": 1e12},
        {"law": "obj", "target_loss": "pos", "inference_tokens": "nonneg"},
    ),
    (
        "smaller_model_saving",
        inference.smaller_model_saving,
        {"law": LAW, "n_params": 13e9, "smaller_params": 7e9, "inference_tokens": 2e12},
        {
            "law": "obj",
            "n_params": "pos",
            "smaller_params": "pos",
            "inference_tokens": "nonneg",
        },
    ),
    # architecture
    (
        "llama_ffn_dim",
        architecture.llama_ffn_dim,
        {"d_model": 4096, "multiple_of": 256},
        {"d_model": "whole", "multiple_of": "whole", "ffn_dim_multiplier": "pos"},
    ),
    ("preset", architecture.preset, {"name": "llama-7b"}, {"name": "text"}),
    (
        "weight_memory_gb",
        architecture.weight_memory_gb,
        {"n_params": 7e9, "bits": 16},
        {"n_params": "pos", "bits": "pos"},
    ),
    # kaplan
    (
        "kaplan.loss",
        kaplan.loss,
        {"n_params": 1e9, "n_tokens": 1e10},
        {"n_params": "pos", "n_tokens": "pos", "constants": "obj"},
    ),
    (
        "loss_vs_data",
        kaplan.loss_vs_data,
        {"n_tokens": 1e10},
        {"n_tokens": "pos", "constants": "obj"},
    ),
    (
        "overfitting_penalty",
        kaplan.overfitting_penalty,
        {"n_params": 1e9, "n_tokens": 1e12},
        {"n_params": "pos", "n_tokens": "pos", "constants": "obj"},
    ),
    ("tokens_needed", kaplan.tokens_needed, {"n_params": 1e10}, {"n_params": "pos"}),
    ("max_params", kaplan.max_params, {"n_tokens": 1e12}, {"n_tokens": "pos"}),
    (
        "data_requirement_from_penalty",
        kaplan.data_requirement_from_penalty,
        {},
        {"tolerance": "pos", "constants": "obj"},
    ),
    (
        "learning_curve",
        kaplan.learning_curve,
        {"n_params": 1e9, "min_steps": 1e5},
        {"n_params": "pos", "min_steps": "pos", "constants": "obj"},
    ),
    (
        "steps_to_loss",
        kaplan.steps_to_loss,
        {"target_loss": 2.6, "n_params": 1e9},
        {"target_loss": "pos", "n_params": "pos", "constants": "obj"},
    ),
    (
        "critical_batch",
        kaplan.critical_batch,
        {"loss_value": 3.0},
        {"loss_value": "pos", "constants": "obj"},
    ),
    (
        "min_steps",
        kaplan.min_steps,
        {"steps": 1000, "batch_tokens": 1e6, "loss_value": 3.0},
        {
            "steps": "pos",
            "batch_tokens": "pos",
            "loss_value": "pos",
            "constants": "obj",
        },
    ),
    (
        "min_compute",
        kaplan.min_compute,
        {"flops": 1e20, "batch_tokens": 1e6, "loss_value": 3.0},
        {
            "flops": "pos",
            "batch_tokens": "pos",
            "loss_value": "pos",
            "constants": "obj",
        },
    ),
    (
        "compute_efficient",
        kaplan.compute_efficient,
        {"c_min_pf_days": 1.0},
        {"c_min_pf_days": "pos"},
    ),
    (
        "min_compute_pf_days",
        kaplan.min_compute_pf_days,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    ("compute_optimal", kaplan.compute_optimal, {"flops": 1e21}, {"flops": "pos"}),
    ("scale_up", kaplan.scale_up, {"compute_factor": 10.0}, {"compute_factor": "pos"}),
    (
        "predicted_exponents",
        kaplan.predicted_exponents,
        {},
        {"alpha_n": "pos", "alpha_b": "pos", "alpha_s": "pos"},
    ),
    ("efficient_loss_excess", kaplan.efficient_loss_excess, {}, {"constants": "obj"}),
    (
        "efficient_vs_converged",
        kaplan.efficient_vs_converged,
        {},
        {"tolerance": "pos", "constants": "obj"},
    ),
    (
        "breakdown_point",
        kaplan.breakdown_point,
        {},
        {"data_law": "obj", "compute_law": "obj", "constants": "obj"},
    ),
    (
        "non_embedding_params",
        kaplan.non_embedding_params,
        {"n_layer": 12, "d_model": 768},
        {"n_layer": "whole", "d_model": "whole"},
    ),
    (
        "forward_flops_per_token",
        kaplan.forward_flops_per_token,
        {"n_layer": 12, "d_model": 768, "n_ctx": 1024},
        {"n_layer": "whole", "d_model": "whole", "n_ctx": "whole"},
    ),
    (
        "ComputeLaw.loss",
        kaplan.MIN_COMPUTE_LAW.loss,
        {"pf_days": 1.0},
        {"pf_days": "pos"},
    ),
    ("KaplanPowerLaw", kaplan.N_OPT, {"x": 1.0}, {"x": "pos"}),
    (
        "shape_for_aspect_ratio",
        kaplan.shape_for_aspect_ratio,
        {"n_params": 1e9, "aspect_ratio": 64.0},
        {"n_params": "pos", "aspect_ratio": "pos"},
    ),
    # moe (Krajewski et al. 2024)
    ("active_fraction", moe.active_fraction, {}, {"expansion_rate": "pos"}),
    (
        "total_from_active",
        moe.total_from_active,
        {"n_active": 1e8},
        {"n_active": "pos", "expansion_rate": "pos"},
    ),
    (
        "weight_memory_bytes",
        moe.weight_memory_bytes,
        {"n_total": 1e9},
        {"n_total": "pos", "bytes_per_param": "pos"},
    ),
    (
        "moe.optimal",
        moe.optimal,
        {"law": moe.KRAJEWSKI_2024, "flops": 1e21, "granularity": 8},
        {"law": "obj", "flops": "pos", "granularity": "pos", "expansion_rate": "pos"},
    ),
    # deepseek (DeepSeek-AI 2024)
    (
        "deepseek.flops_per_token",
        deepseek.flops_per_token,
        {"n_layers": 30, "d_model": 4096},
        {"n_layers": "pos", "d_model": "pos", "seq_len": "pos"},
    ),
    (
        "model_growth",
        deepseek.model_growth,
        {"compute_factor": 10.0, "a": 0.5},
        {"compute_factor": "pos", "a": "nonneg"},
    ),
    (
        "deepseek.optimal_allocation",
        deepseek.optimal_allocation,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    (
        "optimal_batch_size",
        deepseek.optimal_batch_size,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    (
        "optimal_learning_rate",
        deepseek.optimal_learning_rate,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    # llama3 (Dubey et al. 2024)
    (
        "llama3.optimal_tokens",
        llama3.optimal_tokens,
        {"flops": 1e22},
        {"flops": "pos", "alpha": "pos", "coefficient": "pos"},
    ),
    (
        "llama3.optimal_params",
        llama3.optimal_params,
        {"flops": 1e22},
        {"flops": "pos", "alpha": "pos", "coefficient": "pos"},
    ),
    (
        "alpha_for",
        llama3.alpha_for,
        {"flops": 3.8e25, "tokens": 16.55e12},
        {"flops": "pos", "tokens": "pos", "coefficient": "pos"},
    ),
    (
        "coefficient_for",
        llama3.coefficient_for,
        {"flops": 3.8e25, "tokens": 16.55e12},
        {"flops": "pos", "tokens": "pos", "alpha": "pos"},
    ),
    ("rounding_range", llama3.rounding_range, {"flops": 3.8e25}, {"flops": "pos"}),
    # test-time compute
    (
        "pass_at_k",
        test_time.pass_at_k,
        {"n": 10, "c": 3, "k": 2},
        {"n": "count", "c": "count0", "k": "count"},
    ),
    # planning
    (
        "tokens_for_params",
        planning.tokens_for_params,
        {"n_params": 7e9},
        {"n_params": "pos"},
    ),
    (
        "params_for_tokens",
        planning.params_for_tokens,
        {"n_tokens": 1e12},
        {"n_tokens": "pos"},
    ),
    # precision (Kumar et al. 2024)
    (
        "precision.loss",
        precision.KUMAR_2024.loss,
        {"n_params": 1e8, "n_tokens": 1e10, "bits": 8},
        {"n_params": "pos", "n_tokens": "pos"},
    ),
    (
        "precision.effective_params",
        precision.KUMAR_2024.effective_params,
        {"n_params": 1e8, "weights": 4},
        {"n_params": "pos", "weights": "pos"},
    ),
    (
        "precision.ptq_degradation",
        precision.KUMAR_2024.ptq_degradation,
        {"n_params": 1e8, "n_tokens": 1e10, "post_bits": 4},
        {"n_params": "pos", "n_tokens": "pos", "post_bits": "pos"},
    ),
    (
        "precision.optimal",
        precision.KUMAR_2024.optimal,
        {"flops": 1e21},
        {"flops": "pos"},
    ),
    (
        "precision.training_cost",
        precision.training_cost,
        {"n_params": 1e8, "n_tokens": 1e10, "bits": 8},
        {"n_params": "pos", "n_tokens": "pos", "bits": "pos"},
    ),
    (
        "precision.critical_tokens",
        precision.KUMAR_2024.critical_tokens,
        {"n_params": 1e8, "post_bits": 4},
        {"n_params": "pos", "post_bits": "pos"},
    ),
    (
        "precision.at_precision",
        precision.KUMAR_2024.at_precision,
        {"bits": 8},
        {"bits": "pos"},
    ),
    # lab
    (
        "make_source",
        lab_source.make_source,
        {"vocab": 4, "order": 1, "seed": 0},
        {"vocab": "count", "order": "count", "concentrations": "pos", "seed": "seed"},
    ),
    (
        "sample",
        lab_source.sample,
        {"source": TINY_SOURCE, "n": 5, "rng": np.random.default_rng(0)},
        {"source": "obj", "n": "count", "rng": "obj"},
    ),
    ("contexts", lab_source.contexts, {"source": TINY_SOURCE}, {"source": "obj"}),
    ("embedding_dim", lab_model.embedding_dim, {"hidden": 64}, {"hidden": "count"}),
    (
        "n_params",
        lab_model.n_params,
        {"hidden": 16},
        {"hidden": "count", "vocab": "count", "order": "count"},
    ),
    (
        "init_params",
        lab_model.init_params,
        {"hidden": 8, "vocab": 5, "order": 2, "rng": np.random.default_rng(0)},
        {"hidden": "count", "vocab": "count", "order": "count", "rng": "obj"},
    ),
    (
        "frontier",
        lab_sweep.frontier,
        {"table": pd.DataFrame({"flops": [1.0, 2.0], "loss": [3.0, 2.0]})},
        {"table": "obj"},
    ),
    ("load_models", data.load_models, {}, {"path": "path"}),
    (
        "learning_rate",
        lab_model.learning_rate,
        {"hidden": 64, "n_tokens": 1e5},
        {"hidden": "pos", "n_tokens": "pos"},
    ),
    (
        "schedule",
        lab_model.schedule,
        {"step": 3, "n_steps": 10, "peak": 0.1},
        {"step": "count0", "n_steps": "count", "peak": "nonneg"},
    ),
    (
        "train",
        lab_model.train,
        {"source": TINY_SOURCE, "hidden": 4, "n_tokens": 512},
        {"source": "obj", "hidden": "count", "n_tokens": "count", "seed": "seed"},
    ),
    ("run_one", lab_sweep.run_one, {"hidden": 4, "n_tokens": 256}, {"seed": "seed"}),
    (
        "capped_grid",
        lab_sweep.capped_grid,
        {"widths": [16, 32], "tokens": [25_000], "max_flops": 5e8},
        {"widths": "whole", "tokens": "whole", "max_flops": "pos"},
    ),
    (
        "run_pairs",
        lab_sweep.run_pairs,
        {"pairs": [(8, 256)], "executor": None, "progress": False},
        {"pairs": "pos", "seed": "seed"},
    ),
    (
        "run_sweep",
        lab_sweep.run_sweep,
        {"widths": [8], "tokens": [256], "progress": False},
        {"widths": "pos", "tokens": "pos", "seed": "seed"},
    ),
]

# Functions whose valid call is slow or spawns processes: checked for bad input only.
NO_VALID_CALL = {
    "run_one",
    "run_pairs",
    "run_sweep",
    "chinchilla.bootstrap",
    "local_exponent",
}

NAN, INF = float("nan"), float("inf")
WRONG_KIND = ["abc", "1e9", None, True, {"a": 1}, [1.0, None], object()]
BAD = {
    "pos": [
        -1.0,
        0.0,
        -1e300,
        NAN,
        INF,
        -INF,
        [1.0, -2.0],
        [[1.0], [1.0, 2.0]],
        *WRONG_KIND,
    ],
    "nonneg": [-1.0, -1e-300, NAN, INF, [0.0, -2.0], *WRONG_KIND],
    "real": [NAN, INF, -INF, [0.0, NAN], *WRONG_KIND],
    "count": [0, -3, 2.5, NAN, INF, *WRONG_KIND],
    "whole": [0, -3, 0.5, 2.5, NAN, INF, [1.0, 2.5], [[1.0], [1.0, 2.0]], *WRONG_KIND],
    "bounds": [[(0.0, 1.0), (0.0, 1.0)], [(1.0, 0.0)], [(0.0, NAN)], [(0.0,)], 3.0],
    "path": ["/nonexistent/models.csv", os.sep, 3.0, ["a"]],
    "count0": [-1, 2.5, NAN, INF, *WRONG_KIND],
    "seed": [-1, 2.5, 1.0, NAN, INF, *WRONG_KIND],
    "fraction": [0.0, -0.1, 1.5, NAN, INF, *WRONG_KIND],
    "fraction_open": [0.0, 1.0, -0.1, 1.5, NAN, *WRONG_KIND],
    "array": [[[NAN]], [], [[1.0, INF]], *WRONG_KIND],
    "obj": [None, "abc", 3.0, object(), [1.0, 2.0]],
    "choice": ["nonsense", None, 3.0],
    "flag": ["yes", 3.0],
    "gpu": ["Z80", None, 3.0],
    "text": [None, 3.0, ["a"]],
}
INTERNALS = (
    f"{os.sep}numpy{os.sep}",
    f"{os.sep}scipy{os.sep}",
    f"{os.sep}pandas{os.sep}",
)
PACKAGE = os.path.dirname(scaling.__file__)

TARGETS = [(label, name) for label, _, _, kinds in CASES for name in kinds]
BY_LABEL = {label: (fn, valid, kinds) for label, fn, valid, kinds in CASES}


def _bad_values(label, name):
    """BAD values of the argument's kind, without None where None is its documented default."""
    fn, _, kinds = BY_LABEL[label]
    try:
        default = inspect.signature(fn).parameters[name].default
    except (KeyError, ValueError):
        default = inspect.Parameter.empty
    return [v for v in BAD[kinds[name]] if not (v is None and default is None)]


def _call_with(label, name, value):
    fn, valid, _ = BY_LABEL[label]
    return fn(**{**valid, name: value})


def _assert_clear_error(label, name, value):
    with pytest.raises((ValueError, TypeError)) as info:
        _call_with(label, name, value)
    err = info.value
    assert type(err) in (ValueError, TypeError), (
        f"{label}({name}={value!r}): {type(err)}"
    )
    frames = traceback.extract_tb(err.__traceback__)
    where = frames[-1].filename
    assert where.startswith(PACKAGE) and not any(p in where for p in INTERNALS), (
        f"{label}({name}={value!r}) raised from {where}: {err}"
    )
    assert name in str(err), (
        f"{label}({name}={value!r}): message {err!r} lacks {name!r}"
    )


def _finite(value):
    if isinstance(value, (bool, str, type(None))):
        return True
    if isinstance(value, (int, float, np.number, np.ndarray, list)) and not isinstance(
        value, list
    ):
        return bool(np.all(np.isfinite(np.asarray(value, dtype=float))))
    if isinstance(value, (tuple, list)):
        return all(_finite(v) for v in value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if is_dataclass(value):
        return all(
            _finite(getattr(value, f.name))
            for f in fields(value)
            if not isinstance(getattr(value, f.name), np.ndarray)
            or getattr(value, f.name).dtype.kind in "fiu"
        )
    return True


@pytest.mark.parametrize(
    ("label", "name"), TARGETS, ids=[f"{a}-{b}" for a, b in TARGETS]
)
def test_every_argument_refuses_every_bad_value_of_its_kind(label, name):
    # Deterministic floor under the property tests below: every (function, argument) pair is
    # tried with every bad value of its kind (about 3,000 calls in all, a few seconds).
    kind = BY_LABEL[label][2][name]
    for value in _bad_values(label, name):
        _assert_clear_error(label, name, value)
    _assert_clear_error(label, name, 3.0 if kind == "text" else "abc")


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(TARGETS).flatmap(
        lambda t: st.tuples(st.just(t), st.sampled_from(_bad_values(*t)))
    )
)
def test_bad_values_raise_clear_errors_naming_the_argument(case):
    (label, name), value = case
    _assert_clear_error(label, name, value)


SIGNED = st.floats(max_value=-1e-300, allow_nan=False) | st.just(0.0)


@settings(max_examples=200, deadline=None)
@given(
    target=st.sampled_from([t for t in TARGETS if BY_LABEL[t[0]][2][t[1]] == "pos"]),
    value=SIGNED,
)
def test_any_non_positive_number_is_refused(target, value):
    _assert_clear_error(*target, value)


@pytest.mark.parametrize("label", [c[0] for c in CASES if c[0] not in NO_VALID_CALL])
def test_valid_calls_return_finite_values(label):
    fn, valid, _ = BY_LABEL[label]
    assert _finite(fn(**valid)), f"{label} returned a non-finite value"


@pytest.mark.parametrize(
    ("fn", "kwargs", "name"),
    [
        (
            chinchilla.fit,
            {
                "n_params": N_GRID,
                "n_tokens": D_GRID[:-1],
                "loss": LAW.loss(N_GRID, D_GRID),
            },
            "n_tokens",
        ),
        (powerlaw.fit_power_law, {"x": X, "y": X[:-1]}, "y"),
        (powerlaw.fit_saturating_power_law, {"x": X, "y": Y_SAT[:-2]}, "y"),
        (
            approaches.fit_frontier,
            {"flops": [1e20, 1e21, 1e22], "n_opt": [1e9, 1e10]},
            "n_opt",
        ),
        (
            approaches.Runs,
            {
                "n_params": [1e8, 1e9],
                "n_tokens": [1e9],
                "loss": [3.0, 2.5],
                "group": [0, 0],
            },
            "n_tokens",
        ),
        (
            compute.training_flops,
            {"n_params": [1e9, 2e9], "n_tokens": [1e9, 2e9, 3e9]},
            "n_tokens",
        ),
        (
            inference.lifetime_flops,
            {
                "n_params": [1e9, 2e9],
                "train_tokens": [1e9, 2e9, 3e9],
                "inference_tokens": 0.0,
            },
            "train_tokens",
        ),
        (LAW.loss, {"n_params": [1e9, 2e9], "n_tokens": [1e9, 2e9, 3e9]}, "n_tokens"),
        (
            kaplan.loss,
            {"n_params": [1e9, 2e9], "n_tokens": [1e9, 2e9, 3e9]},
            "n_tokens",
        ),
        (
            data_constrained.effective_data,
            {"n_tokens": [1e9, 2e9], "unique_tokens": [1e9, 2e9, 3e9], "rd_star": 15.0},
            "unique_tokens",
        ),
        (
            data_stock.exhaustion_year,
            {"stock_tokens": [1e14, 2e14], "growth_oom_per_year": [0.3, 0.4, 0.5]},
            "growth_oom_per_year",
        ),
        (
            architecture.weight_memory_gb,
            {"n_params": [1e9, 2e9], "bits": [4, 8, 16]},
            "bits",
        ),
    ],
)
def test_mismatched_lengths_name_the_argument(fn, kwargs, name):
    with pytest.raises(ValueError, match=name):
        fn(**kwargs)


@pytest.mark.parametrize(
    ("fn", "args", "what"),
    [
        (compute.training_flops, (1e300, 1e300), "overflow"),
        (compute.from_pf_days, (1e300,), "overflow"),
        (data_stock.dataset_size, (1e6,), "overflow"),
        (powerlaw.power_law, (1e300, 1.0, 2.0), "overflow"),
        (LAW.optimal_flops, (1e300,), "overflow"),
    ],
)
def test_overflow_is_an_error_not_inf(fn, args, what):
    # Issue 13: training_flops(1e300, 1e300) and dataset_size(1e6) returned inf.
    with pytest.raises(ValueError, match=what):
        fn(*args)


def test_issue_13_library_cases():
    # Each line is a case listed under "Library" in issue 13.
    with pytest.raises(ValueError, match="peak_flops"):
        compute.Accelerator("x", math.nan, 80, "datasheet")
    with pytest.raises(
        ValueError, match="smaller_params must be smaller than n_params"
    ):
        inference.smaller_model_saving(LAW, 7e9, 13e9, 2e12)
    with pytest.raises(ValueError, match="edge of the searched sizes"):
        reconcile.nonembedding_optimum(LAW, 1e40)
    with pytest.raises(ValueError, match="n_steps must be at least 1"):
        lab_model.schedule(0, 0, 1.0)
    for samples in (3.0, []):
        with pytest.raises(ValueError, match="samples"):
            fitting.percentile_interval(samples)
    with pytest.raises(TypeError, match="gtol"):
        chinchilla.fit(N_GRID, D_GRID, LAW.loss(N_GRID, D_GRID), gtol="abc")
    with pytest.raises(ValueError, match="gtol must be finite"):
        chinchilla.fit(N_GRID, D_GRID, LAW.loss(N_GRID, D_GRID), gtol=math.inf)
    with pytest.raises(ValueError, match="n_resamples must be at least 40"):
        chinchilla.bootstrap(N_GRID, D_GRID, LAW.loss(N_GRID, D_GRID), n_resamples=1)
    with pytest.raises(ValueError, match="n_resamples must be a whole number"):
        powerlaw.bootstrap(PURE_FIT, X, 2.0 * X**-0.5, n_resamples=40.5)
    with pytest.raises(
        ValueError, match="d_model = 4096 must be a multiple of n_heads = 7"
    ):
        architecture.TransformerConfig("x", 32000, 4096, 32, 7, 11008, 2048)
    with pytest.raises(ValueError, match="n_tokens"):
        approaches.Runs([1e8, 1e9], [1e9, -1e9], [3.0, 2.0], [0, 0])
    with pytest.raises(ValueError, match="loss"):
        approaches.Runs([1e8, 1e9], [1e9, 1e9], [3.0, math.nan], [0, 0])


def _raises_objective(x):
    raise ZeroDivisionError("division by zero")


@pytest.mark.parametrize(
    ("call", "error", "names"),
    [
        (lambda: lab_model.n_params(16, vocab=2.5), ValueError, "vocab"),
        (lambda: lab_model.n_params(16, order=0), ValueError, "order"),
        (lambda: lab_model.embedding_dim(2.5), ValueError, "hidden"),
        (lambda: lab_model.init_params(8, 5, 2, None), TypeError, "rng"),
        (lambda: lab_sweep.frontier("abc"), TypeError, "table"),
        (lambda: compute.cluster_flops(0.5, 2.0), ValueError, "n_gpus"),
        (lambda: compute.training_days(1e22, 1.5), ValueError, "n_gpus"),
        (
            lambda: kaplan.forward_flops_per_token(12.5, 768, 1024),
            ValueError,
            "n_layer",
        ),
        (lambda: kaplan.non_embedding_params(12, 768.5), ValueError, "d_model"),
        (lambda: architecture.llama_ffn_dim(4096.5, 256), ValueError, "d_model"),
        (lambda: kaplan.steps_to_loss(1.0, 1e9), ValueError, "target_loss"),
        (lambda: kaplan.efficient_vs_converged(5.0), ValueError, "tolerance"),
        (
            lambda: inference.inference_optimal(LAW, 1e40, 1e12),
            ValueError,
            "target_loss",
        ),
        (lambda: lab_sweep.capped_grid([16], [25_000], 2.5), ValueError, "max_flops"),
        (
            lambda: fitting.minimize_multistart(_quad, [[1.0, 2.0]], bounds=[(0, 1)]),
            ValueError,
            "bounds",
        ),
        (
            lambda: fitting.minimize_multistart(_raises_objective, [[1.0]]),
            ValueError,
            "fun_and_grad raised ZeroDivisionError",
        ),
        (
            lambda: reconcile.nonembedding_optimum(LAW, 1e18, grid_points=1e40),
            ValueError,
            "grid_points",
        ),
        (lambda: data.load_models("/nonexistent.csv"), ValueError, "path"),
    ],
)
def test_issue_22_library_cases(call, error, names):
    # Each line is a case listed under "Library calls" in issue 22.
    with pytest.raises(error, match=names) as info:
        call()
    frames = traceback.extract_tb(info.value.__traceback__)
    assert frames[-1].filename.startswith(PACKAGE), frames[-1].filename


@settings(max_examples=150, deadline=None)
@given(
    target=st.sampled_from(
        [t for t in TARGETS if BY_LABEL[t[0]][2][t[1]] in ("whole", "count")]
    ),
    value=st.floats(min_value=-1e6, max_value=1e6).filter(lambda v: v != round(v)),
)
def test_any_fractional_count_is_refused(target, value):
    # Layers, widths, GPUs, vocabularies: 2.5 of them is refused, never rounded or used.
    _assert_clear_error(*target, value)

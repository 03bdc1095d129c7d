"""Tests for scaling.lab: exact entropy, backprop, determinism, sweeps on processes and Dask."""

import itertools
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from scaling.lab import model, source, sweep


def _brute_force_entropy_rate(src, length):
    # H = lim (1/n) H(X_1..X_n) − ... ; for a stationary order-k chain started in π,
    # H(X_{k+1} | X_1..X_k) is exactly the entropy rate (Cover & Thomas Thm. 4.2.4).
    # Enumerate every sequence of `length` tokens and use the chain rule difference instead.
    def block_entropy(n):
        total = 0.0
        for seq in itertools.product(range(src.vocab), repeat=n):
            ctx = int(np.ravel_multi_index(seq[: src.order], (src.vocab,) * src.order))
            p = src.context_probs[ctx]
            for t in range(src.order, n):
                window = seq[t - src.order : t]
                p *= src.next_probs[
                    np.ravel_multi_index(window, (src.vocab,) * src.order), seq[t]
                ]
            total -= p * np.log(p) if p > 0 else 0.0
        return total

    return block_entropy(length) - block_entropy(length - 1)


def test_entropy_rate_matches_brute_force_enumeration():
    # Block entropies H(X_1..X_n) − H(X_1..X_{n−1}) equal the entropy rate exactly for n > k
    # (Cover & Thomas 2006, Thm. 4.2.1/4.2.4); tolerance 1e-10 covers float summation only.
    src = source.make_source(vocab=3, order=2, concentrations=(2.0, 4.0), seed=3)
    assert src.entropy_rate == pytest.approx(
        _brute_force_entropy_rate(src, 5), abs=1e-10
    )


def test_stationary_distribution_is_stationary():
    src = source.make_source(vocab=4, order=2, seed=0)
    joint = (
        (src.context_probs[:, None] * src.next_probs)
        .reshape(4, 4, 4)
        .sum(axis=0)
        .ravel()
    )
    np.testing.assert_allclose(joint, src.context_probs, atol=1e-12)


def test_book_source_entropy_rate():
    # Prototype measurement quoted in the chapter's design: H ≈ 1.639 nats/token for seed 0.
    assert source.make_source().entropy_rate == pytest.approx(1.639, abs=5e-4)


def test_sample_frequencies_follow_source():
    # 200k pairs: the empirical context frequency has standard error ≤ 1/sqrt(4·200k) ≈ 1e-3.
    src = source.make_source(vocab=4, order=1, seed=2)
    ctx, nxt = source.sample(src, 200_000, np.random.default_rng(0))
    np.testing.assert_allclose(
        np.bincount(ctx[:, 0], minlength=4) / 200_000, src.context_probs, atol=5e-3
    )
    joint = np.zeros((4, 4))
    np.add.at(joint, (ctx[:, 0], nxt), 1)
    np.testing.assert_allclose(
        joint / 200_000, src.context_probs[:, None] * src.next_probs, atol=5e-3
    )


def test_backprop_matches_finite_differences():
    # Central differences in float64 with step 1e-6 are accurate to ~1e-9 relative.
    rng = np.random.default_rng(0)
    params = model.init_params(6, 5, 2, rng)
    ctx = rng.integers(0, 5, size=(7, 2))
    targets = rng.integers(0, 5, size=7)
    _, grads = model.loss_and_grads(params, ctx, targets)
    for key, value in params.items():
        numeric = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            old = value[idx]
            value[idx] = old + 1e-6
            up, _ = model.loss_and_grads(params, ctx, targets)
            value[idx] = old - 1e-6
            down, _ = model.loss_and_grads(params, ctx, targets)
            value[idx] = old
            numeric[idx] = (up - down) / 2e-6
        np.testing.assert_allclose(grads[key], numeric, atol=1e-7, err_msg=key)


def test_exact_loss_of_true_model_is_entropy_and_training_helps():
    src = source.make_source(vocab=8, order=2, seed=0)
    untrained = model.expected_loss(
        model.init_params(16, 8, 2, np.random.default_rng(0)), src
    )
    trained = model.expected_loss(model.train(src, 16, 20_000), src)
    assert src.entropy_rate < trained < untrained


def test_training_is_bit_identical():
    src = source.make_source(vocab=8, order=2, seed=0)
    a, b = model.train(src, 8, 4096, seed=1), model.train(src, 8, 4096, seed=1)
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_bad_inputs_raise():
    with pytest.raises(ValueError, match="hidden"):
        model.n_params(0)
    with pytest.raises(ValueError, match="n_tokens"):
        model.learning_rate(64, -1)
    with pytest.raises(ValueError, match="vocab"):
        source.make_source(vocab=1)
    with pytest.raises(ValueError, match="concentrations"):
        source.make_source(order=3, concentrations=(1.0, 2.0))
    with pytest.raises(ValueError, match="widths"):
        sweep.run_sweep([0], [100])
    with pytest.raises(ValueError, match="pairs"):
        sweep.run_pairs([])
    with pytest.raises(ValueError, match="pairs"):
        sweep.run_pairs([(16, -5)])


def test_quick_sweep_end_to_end_on_processes_is_reproducible():
    grid = dict(widths=[16, 32], tokens=[2_560, 5_120], progress=False)
    first, second = sweep.run_sweep(**grid), sweep.run_sweep(**grid)
    with ThreadPoolExecutor(1) as pool:
        threaded = sweep.run_sweep(**grid, executor=pool)
    assert list(first.columns) == sweep.COLUMNS and len(first) == 4
    assert first.equals(second)
    # Threads share the parent's multi-threaded BLAS, whose summation order may differ in the last bits.
    np.testing.assert_allclose(threaded["loss"], first["loss"], rtol=1e-9)
    assert (first["reducible"] > 0).all()
    # More data at fixed width lowers the loss on this grid.
    assert (first.groupby("hidden")["loss"].diff().dropna() < 0).all()


def test_dask_executor_path():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False
    ) as cluster:
        with distributed.Client(cluster) as client:
            table = sweep.run_sweep(
                [8], [2_560], executor=client.get_executor(), progress=False
            )
    expected = sweep.run_one(8, 2_560)
    assert table.iloc[0]["loss"] == expected["loss"]


def test_frontier_keeps_only_improving_runs_and_checks_columns():
    import pandas as pd

    table = pd.DataFrame({"flops": [4.0, 1.0, 2.0, 3.0], "loss": [2.0, 3.0, 3.1, 2.5]})
    assert sweep.frontier(table)["flops"].tolist() == [1.0, 3.0, 4.0]
    with pytest.raises(ValueError, match="table"):
        sweep.frontier(table.drop(columns="loss"))

"""Run a grid of (width, tokens) training runs in parallel and collect a tidy table.

Command line (writes the book's full sweep):
``python -m scaling.lab --full --out data/lab_sweep.csv`` (see ``scaling/lab/__main__.py``)
"""

from __future__ import annotations

import os
import signal
import threading
from concurrent.futures import (
    FIRST_COMPLETED,
    Executor,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from functools import lru_cache
from multiprocessing import get_context

import numpy as np
import pandas as pd
from tqdm import tqdm

from scaling._validation import as_scalar, as_seed, as_whole
from scaling.lab.model import expected_loss, n_params, train
from scaling.lab.source import make_source

#: The quick grid the notebook runs live, and the full grid written to ``data/lab_sweep.csv``: every
#: (h, D) of FULL_WIDTHS × FULL_TOKENS with C = 6ND ≤ FULL_MAX_FLOPS (long runs of small models,
#: short runs of wide ones, as in an IsoFLOP design), listed in FULL_PAIRS.
QUICK_WIDTHS = (16, 32, 64)
QUICK_TOKENS = tuple(25_000 * 2**k for k in range(4))
FULL_WIDTHS = (16, 32, 64, 128, 256, 512, 1024, 2048, 4096)
FULL_TOKENS = tuple(25_000 * 2**k for k in range(8))
FULL_MAX_FLOPS = 1.7e11
#: Held-out runs, at ≥ 10× the full grid's largest compute, that the fitted law must predict.
HOLDOUT = ((1024, 2_000_000), (2048, 800_000))
COLUMNS = ["hidden", "n_params", "n_tokens", "flops", "loss", "entropy", "reducible"]
_THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def capped_grid(widths, tokens, max_flops: float):
    """The (h, D) pairs of widths × tokens whose compute C = 6ND is at most ``max_flops``.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 (IsoFLOP design: at a fixed budget, small models see more
    tokens); Kaplan et al. 2020, Sec. 2.1 (C = 6ND).

    Examples
    --------
    >>> capped_grid([16, 32], [25_000, 50_000], 5e8)
    [(16, 25000), (16, 50000), (32, 25000)]
    """
    hs, ds = _counts(widths, "widths"), _counts(tokens, "tokens")
    cap = as_scalar(max_flops, "max_flops", positive=True)
    cheapest = 6 * n_params(int(hs.min())) * int(ds.min())
    if cheapest > cap:
        raise ValueError(
            f"max_flops = {cap:g} is below the cheapest run of the grid, "
            f"6ND = {cheapest:g}: no run fits"
        )
    return [
        (int(h), int(d)) for h in hs for d in ds if 6 * n_params(int(h)) * int(d) <= cap
    ]


def _counts(values, name):
    """``values`` as a 1-D array of positive whole numbers (widths or token counts)."""
    return as_whole(values, name).ravel().astype(int)


@lru_cache(maxsize=4)
def _source(seed: int):
    return make_source(seed=seed)


def run_one(hidden: int, n_tokens: int, seed: int = 0) -> dict:
    """Train one model on the book's source and return its row of the sweep table.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3 (each run contributes one (N, D, L) point); Kaplan et al.
    2020, Sec. 2.1 (C = 6ND).

    Examples
    --------
    >>> row = run_one(16, 2_560)
    >>> row["n_params"], row["flops"], row["reducible"] > 0
    (1552, 23838720, True)
    """
    src = _source(as_seed(seed))
    loss = expected_loss(train(src, hidden, n_tokens, seed), src)
    n = n_params(hidden, src.vocab, src.order)
    h = src.entropy_rate
    return {
        "hidden": int(hidden),
        "n_params": n,
        "n_tokens": int(n_tokens),
        "flops": 6 * n * int(n_tokens),
        "loss": loss,
        "entropy": h,
        "reducible": loss - h,
    }


@contextmanager
def _single_threaded_blas():
    """Spawned workers inherit these variables, so each uses one BLAS thread (no oversubscription)."""
    saved = {k: os.environ.get(k) for k in _THREAD_VARS}
    os.environ.update(dict.fromkeys(_THREAD_VARS, "1"))
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_sweep(
    widths,
    tokens,
    seed: int = 0,
    executor: Executor | None = None,
    progress: bool = True,
):
    """Train every (h, D) on the grid, in parallel, and return a tidy DataFrame sorted by (h, D).

    Parameters
    ----------
    widths, tokens : array_like of int
        Hidden widths h and training-token counts D (all > 0); the grid is their product.
    seed : int
        Base seed; each run's generator is seeded by (seed, h, D), so results do not depend on
        the order or the machine's worker count.
    executor : concurrent.futures.Executor, optional
        Where to run; by default two spawned processes with single-threaded BLAS. Pass, e.g., a
        Dask ``Client(...).get_executor()`` to run on a cluster.
    progress : bool
        Show a tqdm progress bar.

    Returns
    -------
    pandas.DataFrame
        Columns ``COLUMNS``: h, N, D, C = 6ND, exact loss, entropy rate H and loss − H.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 (IsoFLOP grid of sizes × token counts).

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(1) as pool:
    ...     table = run_sweep([8, 16], [2_560], executor=pool, progress=False)
    >>> table[["hidden", "n_tokens"]].values.tolist()
    [[8, 2560], [16, 2560]]
    """
    hs, ds = _counts(widths, "widths"), _counts(tokens, "tokens")
    return run_pairs(
        [(int(h), int(d)) for h in hs for d in ds], seed, executor, progress
    )


def run_pairs(
    pairs, seed: int = 0, executor: Executor | None = None, progress: bool = True
):
    """Train the listed (h, D) runs; same output and arguments as :func:`run_sweep`.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(1) as pool:
    ...     table = run_pairs([(16, 2_560), (8, 5_120)], executor=pool, progress=False)
    >>> table["hidden"].tolist()
    [8, 16]
    """
    seed = as_seed(seed)
    if executor is not None and not isinstance(executor, Executor):
        raise TypeError(
            f"executor must be a concurrent.futures.Executor, got {type(executor).__name__}"
        )
    if isinstance(pairs, (list, tuple)) and not pairs:
        raise ValueError("pairs must not be empty")
    table = _counts(pairs, "pairs")
    shape = np.shape(pairs)
    if len(shape) != 2 or shape[1] != 2:
        raise ValueError(f"pairs must be (hidden, n_tokens) pairs, got shape {shape}")
    grid = [(int(h), int(d)) for h, d in table.reshape(-1, 2)]
    # Longest runs first, so the pool is not left waiting on one big run at the end.
    order = sorted(grid, key=lambda hd: -n_params(hd[0]) * hd[1])
    if executor is None:
        with _single_threaded_blas(), _interrupts_ignored():
            pool = ProcessPoolExecutor(
                2, mp_context=get_context("spawn"), initializer=_leave_interrupts
            )
            futures = _submit(pool, order, seed)
        try:
            rows = _gather(futures, progress)
        except BaseException:
            stop_workers(pool)
            raise
        pool.shutdown()
    else:
        rows = _gather(_submit(executor, order, seed), progress)
    return pd.DataFrame(rows, columns=COLUMNS).sort_values(
        ["hidden", "n_tokens"], ignore_index=True
    )


def frontier(table):
    """Compute-efficient frontier: the runs whose loss beats every cheaper run, sorted by FLOPs.

    Parameters
    ----------
    table : pandas.DataFrame
        A sweep table with ``flops`` and ``loss`` columns.

    References
    ----------
    Kaplan et al. 2020, Sec. 6.1 and Fig. 1 (L(C) is the lower envelope of the training curves);
    OpenAI 2023, GPT-4 Technical Report, Sec. 3.1 (L(C) = aC^b + c fitted on such runs).

    Examples
    --------
    >>> t = pd.DataFrame({"flops": [1, 2, 3, 4], "loss": [3.0, 3.5, 2.5, 2.6]})
    >>> frontier(t)["flops"].tolist()
    [1, 3]
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"table must be a pandas DataFrame with flops and loss columns, got "
            f"{type(table).__name__}"
        )
    missing = {"flops", "loss"} - set(table.columns)
    if missing:
        raise ValueError(
            f"table must have columns flops and loss, missing {sorted(missing)}"
        )
    ordered = table.sort_values("flops", kind="stable")
    cheaper_best = ordered["loss"].cummin().shift(fill_value=float("inf"))
    return ordered[ordered["loss"] < cheaper_best].reset_index(drop=True)


@contextmanager
def _interrupts_ignored():
    """Ignore Ctrl-C while the pool starts its workers, which inherit that disposition.

    The terminal sends Ctrl-C to every process of the job; a worker must leave it to the parent
    (:func:`stop_workers`) rather than print a traceback of its own, even while it is still
    importing. Off the main thread only :func:`_leave_interrupts` applies.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, saved)


def _leave_interrupts():
    """In a worker: ignore Ctrl-C (see :func:`_interrupts_ignored`)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """Cancel the queued runs and end the pool's worker processes now, without waiting.

    ``shutdown`` alone lets the running runs finish (minutes for a wide model); the workers are
    terminated instead, so an interrupted sweep leaves no process behind.

    References
    ----------
    Python documentation, ``concurrent.futures.ProcessPoolExecutor.shutdown`` and
    ``terminate_workers`` (Python 3.14, whose behaviour this reproduces).

    Examples
    --------
    >>> pool = ProcessPoolExecutor(1, mp_context=get_context("spawn"))
    >>> stop_workers(pool)
    >>> pool.submit(int)
    Traceback (most recent call last):
    ...
    RuntimeError: cannot schedule new futures after shutdown
    """
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()
    for worker in workers:
        worker.join(timeout=2)
        if worker.is_alive():
            worker.kill()
            worker.join()


def _submit(executor, grid, seed):
    return [executor.submit(run_one, h, d, seed) for h, d in grid]


def _gather(futures, progress):
    """The futures' results in order, raising the first failure as soon as it is known.

    The wait wakes every half second: a signal handler (Ctrl-C, SIGTERM) runs only in the main
    thread between waits, and a wait on a Dask future is not cut short by a signal.
    """
    pending = set(futures)
    with tqdm(total=len(futures), disable=not progress, desc="runs") as bar:
        while pending:
            done, pending = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
            for future in done:
                future.result()
            bar.update(len(done))
    return [f.result() for f in futures]


#: The full grid's runs (see ``FULL_MAX_FLOPS``).
FULL_PAIRS = tuple(capped_grid(FULL_WIDTHS, FULL_TOKENS, FULL_MAX_FLOPS))

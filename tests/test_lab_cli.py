"""``python -m scaling.lab``: arguments checked before any run, and sweeps on a Dask cluster.

The sweep seeds every run by (seed, h, D) and evaluates its loss exactly (Chapter 8), so the
table written through Dask must equal, byte for byte, the one from the default process pool.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import pandas as pd
import pytest

from scaling.lab import __main__ as cli
from scaling.lab import sweep

TINY = ["--widths", "8", "--tokens", "2560", "5120", "--no-progress"]


@pytest.fixture
def no_sweep(monkeypatch):
    """Make any attempt to start a run fail the test."""

    def forbidden(*args, **kwargs):
        raise AssertionError("the sweep started before the arguments were checked")

    monkeypatch.setattr(sweep, "run_sweep", forbidden)
    monkeypatch.setattr(sweep, "run_pairs", forbidden)


def _fails_with_one_line(capsys, argv):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(argv)
    err = capsys.readouterr().err
    assert exit_info.value.code == 2
    assert len(err.strip().splitlines()) == 1, err
    return err


@pytest.mark.parametrize(
    ("argv", "names"),
    [
        (["--seed", "-1"], "--seed"),
        (["--seed", "2.5"], "--seed"),
        (["--seed", "abc"], "--seed"),
        (["--scheduler", "local:0"], "--scheduler"),
        (["--scheduler", "local:two"], "--scheduler"),
        (["--widths", "16"], "--tokens"),
        (["--widths", "0", "--tokens", "100"], "--widths"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, no_sweep, tmp_path, argv, names):
    err = _fails_with_one_line(capsys, [*argv, "--out", str(tmp_path / "x.csv")])
    assert names in err


def test_missing_output_folder_fails_before_the_sweep(capsys, no_sweep):
    err = _fails_with_one_line(capsys, ["--out", "/nonexistent/dir/x.csv"])
    assert "/nonexistent/dir" in err


def test_output_that_is_a_folder_fails_before_the_sweep(capsys, no_sweep, tmp_path):
    err = _fails_with_one_line(capsys, ["--out", str(tmp_path)])
    assert "folder" in err


def _process_pool_csv(argv, out):
    """The table of the default process pool, from one spawned process to save start-up time."""
    args = cli._parser().parse_args([*argv, "--out", str(out)])
    with (
        sweep._single_threaded_blas(),
        ProcessPoolExecutor(1, mp_context=get_context("spawn")) as pool,
    ):
        cli.write(cli.run(args, pool), out)
    return out.read_bytes()


def test_sweep_on_a_two_worker_dask_cluster_equals_the_process_pool(tmp_path):
    distributed = pytest.importorskip("distributed")
    dask_csv = tmp_path / "dask.csv"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        with distributed.Client(cluster) as client:
            worker_pids = set(client.run(os.getpid).values())
            address = cluster.scheduler_address
            cli.main([*TINY, "--scheduler", address, "--out", str(dask_csv)])
            ran_on = {
                ts.processing_on.address if ts.processing_on else None
                for ts in cluster.scheduler.tasks.values()
            }
            ran_there = "run_one" in cluster.scheduler.task_prefixes
    # Two worker processes, neither of them this one, and the runs went to them.
    assert len(worker_pids) == 2 and os.getpid() not in worker_pids
    assert ran_there, ran_on
    reference = _process_pool_csv(TINY, tmp_path / "pool.csv")
    assert dask_csv.read_bytes() == reference
    assert len(reference.decode().splitlines()) == 1 + 2


def test_local_scheduler_starts_a_cluster_of_n_processes(tmp_path, monkeypatch):
    # Starting real worker processes is covered above; here only the wiring of local:N.
    distributed = pytest.importorskip("distributed")
    started = {}
    real = distributed.LocalCluster

    def recording(**kwargs):
        started.update(kwargs)
        return real(**{**kwargs, "n_workers": 1, "processes": False})

    monkeypatch.setattr(distributed, "LocalCluster", recording)
    one = ["--widths", "8", "--tokens", "2560", "--no-progress"]
    cli.main([*one, "--scheduler", "local:3", "--out", str(tmp_path / "local.csv")])
    assert started["n_workers"] == 3 and started["processes"] is True
    expected = sweep.run_one(8, 2560)
    row = pd.read_csv(tmp_path / "local.csv").iloc[0]
    assert row["loss"] == pytest.approx(expected["loss"], rel=1e-9)

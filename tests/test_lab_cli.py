"""``python -m scaling.lab``: arguments checked before any run, and sweeps on a Dask cluster.

The sweep seeds every run by (seed, h, D) and evaluates its loss exactly (Chapter 8), so the
table written through Dask must equal, byte for byte, the one from the default process pool.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

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
        (["--widths", "0", "--tokens", "300"], "--widths"),
        (["--widths", "1", "--tokens", "300"], "--widths"),
        (["--widths", "8", "--tokens", "1"], "--tokens"),
        (["--scheduler", "bogus"], "--scheduler"),
        (["--scheduler", "http://127.0.0.1:1"], "--scheduler"),
        (["--scheduler", "tcp://host:99999"], "--scheduler"),
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


@pytest.mark.parametrize(
    ("out", "says"),
    [
        ("", "empty"),
        ("subdir/", "is a folder"),
        ("/dev/full", "not a regular file"),
        ("/proc/x.csv", "cannot write there"),
    ],
)
def test_unwritable_output_fails_before_the_sweep(capsys, no_sweep, out, says):
    if out.startswith(("/dev", "/proc")) and not Path(out).parent.is_dir():
        pytest.skip(f"no {Path(out).parent} on this system")
    err = _fails_with_one_line(capsys, ["--out", out])
    assert "--out" in err and says in err


def test_limits_in_the_help_are_the_ones_enforced(capsys):
    help_text = " ".join(cli._parser().format_help().split())
    assert f"at least {cli.MIN_WIDTH}" in help_text
    assert f"at least {cli.MIN_TOKENS}" in help_text
    err = _fails_with_one_line(
        capsys, ["--widths", str(cli.MIN_WIDTH - 1), "--tokens", "300", "--out", "x"]
    )
    assert f"at least {cli.MIN_WIDTH}" in err


def test_a_second_sweep_on_the_same_output_is_refused(capsys, no_sweep, tmp_path):
    out = tmp_path / "x.csv"
    first = cli._Output(str(out))
    first.open(cli._parser())  # holds the lock, as a running sweep does
    try:
        err = _fails_with_one_line(capsys, ["--out", str(out)])
    finally:
        first.discard()
    assert "another sweep" in err
    assert not out.exists() and not first.partial.exists()


def test_a_failed_write_leaves_the_previous_file_whole(monkeypatch, tmp_path, capsys):
    out = tmp_path / "x.csv"
    out.write_text("previous table\n")

    def half_then_full_disk(table, handle):
        handle.write("hidden,n_params\n8,")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sweep, "run_sweep", lambda *a, **k: pd.DataFrame({"x": [1]}))
    monkeypatch.setattr(cli, "write", half_then_full_disk)
    with pytest.raises(SystemExit) as exit_info:
        cli.main([*TINY, "--out", str(out)])
    assert exit_info.value.code == 1
    assert "No space left" in capsys.readouterr().err
    assert out.read_text() == "previous table\n"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_unreachable_scheduler_exits_2_after_the_connect_timeout(
    capsys, no_sweep, tmp_path, monkeypatch
):
    pytest.importorskip("distributed")
    monkeypatch.setattr(cli, "CONNECT_TIMEOUT_S", 1)
    out = tmp_path / "x.csv"
    started = time.monotonic()
    err = _fails_with_one_line(
        capsys, ["--scheduler", "tcp://127.0.0.1:1", "--out", str(out)]
    )
    assert time.monotonic() - started < 10
    assert "--scheduler" in err and "cannot reach" in err
    assert list(tmp_path.iterdir()) == []


def _children(pid):
    """Process ids of every descendant of ``pid`` (Linux /proc)."""
    parents = {}
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        if entry.name.isdigit():
            parents.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(
                int(entry.name)
            )
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _alive(pid):
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


LONG = ["--widths", "1024", "--tokens", "2000000", "4000000", "--no-progress"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs Linux /proc")
@pytest.mark.parametrize(
    ("signum", "status", "extra"),
    [
        (signal.SIGTERM, 143, []),
        (signal.SIGINT, 130, []),
        (signal.SIGTERM, 143, ["--scheduler", "local:1"]),
    ],
    ids=["sigterm-pool", "ctrl-c-pool", "sigterm-dask"],
)
def test_a_signal_stops_every_worker_and_writes_nothing(
    tmp_path, signum, status, extra
):
    if extra:
        pytest.importorskip("distributed")
    out = tmp_path / "x.csv"
    # A new session, so that SIGINT can go to the whole job as a terminal's Ctrl-C does.
    proc = subprocess.Popen(
        [sys.executable, "-m", "scaling.lab", *LONG, *extra, "--out", str(out)],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 60
        # Workers (and the resource tracker) up: the runs have started or are queued.
        while len(_children(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        children = _children(proc.pid)
        assert len(children) >= 2, "the sweep started no worker processes"
        started = time.monotonic()
        if signum == signal.SIGINT:
            os.killpg(proc.pid, signum)
        else:
            proc.send_signal(signum)
        proc.wait(timeout=30)
        took = time.monotonic() - started
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    err = proc.stderr.read()
    assert proc.returncode == status, err
    assert len(err.strip().splitlines()) == 1 and "stopped by" in err, err
    # A local cluster that is still starting is closed once up: allow for its start-up.
    assert took < (30 if extra else 5), took
    time.sleep(0.5)
    assert not [pid for pid in children if _alive(pid)]
    assert list(tmp_path.iterdir()) == []


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

"""Time ``scaling fit`` on a sweep of 100 runs with a 1,000-resample bootstrap.

The sweep imitates a real one: 10 IsoFLOP budgets of 10 model sizes each (Chinchilla's design,
:func:`scaling.approaches.isoflop_runs`, with 0.5 % loss noise), written to a CSV file. The
script times the command end to end as a user runs it (a fresh ``python -m scaling fit``
process, import included), and the parts inside :func:`scaling.study.fit_runs`: both fits
without resampling, then with 1,000 resamples. The target is under 10 s for the command.
Wall-clock and CPU seconds are printed side by side: on a shared machine the wall clock
includes the time other processes hold the cores, and the CPU time is the command's own.

Usage: ``.venv/bin/python benchmarks/study_fit.py [--resamples K]``.

OpenBLAS is kept to one thread unless ``OPENBLAS_NUM_THREADS`` is already set: L-BFGS works on
5-vectors, where BLAS threads only add contention.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

from scaling import approaches, chinchilla, study  # noqa: E402

TARGET_S = 10.0


def sweep() -> pd.DataFrame:
    """100 runs: 10 budgets from 1e18 to 1e21 FLOPs, 10 sizes each, 0.5 % noise."""
    runs = approaches.isoflop_runs(
        chinchilla.EPOCH_2024,
        budgets=np.geomspace(1e18, 1e21, 10),
        n_sizes=10,
        noise=0.005,
        seed=0,
    )
    return pd.DataFrame(
        {
            "n_params": runs.n_params,
            "n_tokens": runs.n_tokens,
            "loss": runs.loss,
            "flops_budget": np.repeat(np.geomspace(1e18, 1e21, 10), 10),
        }
    )


def timed(func):
    """``func()``, its wall-clock seconds and its CPU seconds (this process and its children)."""

    def cpu():
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        return time.process_time() + children.ru_utime + children.ru_stime

    start, start_cpu = time.perf_counter(), cpu()
    out = func()
    return out, time.perf_counter() - start, cpu() - start_cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resamples", type=int, default=1000)
    k = parser.parse_args().resamples
    runs = sweep()
    _, *plain = timed(lambda: study.fit_runs(runs, at_flops=[1e22, 1e23]))
    result, *boot = timed(
        lambda: study.fit_runs(runs, at_flops=[1e22, 1e23], n_resamples=k)
    )
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "runs.csv"
        runs.to_csv(csv, index=False)
        command = [sys.executable, "-m", "scaling", "--json", "fit", str(csv)]
        command += ["--at-flops", "1e22", "1e23", "--bootstrap", str(k)]
        done, *total = timed(
            lambda: subprocess.run(command, capture_output=True, text=True, check=False)
        )
    if done.returncode != 0:
        sys.exit(f"scaling fit failed: {done.stdout or done.stderr}")
    print(f"{len(runs)} runs, {k:,} resamples")
    print(f"{'part':<40}{'wall s':>10}{'CPU s':>10}")
    for name, (wall, cpu) in (
        ("fit_runs, no bootstrap", plain),
        ("fit_runs, with bootstrap", boot),
        ("python -m scaling fit (fresh process)", total),
    ):
        print(f"{name:<40}{wall:>10.2f}{cpu:>10.2f}")
    print(f"{'target':<40}{TARGET_S:>10.2f}")
    verdict = "within" if total[1] < TARGET_S else "ABOVE"
    print(f"command: {verdict} target (CPU time; wall time counts other processes too)")
    print(f"warnings: {len(result.all_warnings)}")


if __name__ == "__main__":
    main()

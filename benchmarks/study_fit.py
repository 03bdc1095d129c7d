"""Time ``scaling fit`` on a sweep of 100 runs with a 1,000-resample bootstrap.

The sweep imitates a real one: 10 IsoFLOP budgets of 10 model sizes each (Chinchilla's design,
:func:`scaling.approaches.isoflop_runs`, with 0.5 % loss noise), written to a CSV file. The
script times the command end to end as a user runs it (a fresh ``python -m scaling fit``
process, import included), and the parts inside :func:`scaling.study.fit_runs`: both fits
without resampling, then with 1,000 resamples. The target is under 10 s for the command.

Usage: ``.venv/bin/python benchmarks/study_fit.py [--resamples K]``.

OpenBLAS is kept to one thread unless ``OPENBLAS_NUM_THREADS`` is already set: L-BFGS works on
5-vectors, where BLAS threads only add contention.
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
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
    start = time.perf_counter()
    out = func()
    return out, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--resamples", type=int, default=1000)
    k = parser.parse_args().resamples
    runs = sweep()
    _, plain = timed(lambda: study.fit_runs(runs, at_flops=[1e22, 1e23]))
    result, boot = timed(
        lambda: study.fit_runs(runs, at_flops=[1e22, 1e23], n_resamples=k)
    )
    with tempfile.TemporaryDirectory() as tmp:
        csv = Path(tmp) / "runs.csv"
        runs.to_csv(csv, index=False)
        command = [sys.executable, "-m", "scaling", "--json", "fit", str(csv)]
        command += ["--at-flops", "1e22", "1e23", "--bootstrap", str(k)]
        done, total = timed(
            lambda: subprocess.run(command, capture_output=True, text=True, check=False)
        )
    if done.returncode != 0:
        sys.exit(f"scaling fit failed: {done.stdout or done.stderr}")
    print(f"{len(runs)} runs, {k:,} resamples")
    print(f"{'part':<44}{'seconds':>10}")
    print(f"{'fit_runs, no bootstrap':<44}{plain:>10.2f}")
    print(f"{'fit_runs, with bootstrap':<44}{boot:>10.2f}")
    print(f"{'python -m scaling fit (fresh process)':<44}{total:>10.2f}")
    print(f"{'target':<44}{TARGET_S:>10.2f}")
    print("within target" if total < TARGET_S else "ABOVE TARGET")
    print(f"warnings: {len(result.all_warnings)}")


if __name__ == "__main__":
    main()

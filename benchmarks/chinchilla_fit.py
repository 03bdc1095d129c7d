"""Epoch AI's reference Approach-3 procedure against ``scaling.chinchilla.fit``, on the same data.

The reference is Besiroglu et al. 2024's replication of Hoffmann et al. 2022, App. D.2: the summed
Huber loss (δ = 1e-3) of log-loss residuals, scipy L-BFGS-B with finite-difference gradients from
each of the 4,500 grid starts, best objective kept. Ours scores the grid in one vectorised pass and
runs L-BFGS with analytic gradients from the 10 best starts. Both objectives, both times and the
speed-up are printed, then the time of a 1,000-resample bootstrap.

Usage: ``.venv/bin/python benchmarks/chinchilla_fit.py [--quick] [--data PATH]``. ``--quick``
runs the reference from every 50th grid start only (a smoke test, about 5 s). The data are Epoch's
points, read from ``../shared/reference`` beside the clone; they are not part of this repository.

L-BFGS-B works on 5-vectors, where BLAS threads only add contention: OpenBLAS is kept to one
thread unless ``OPENBLAS_NUM_THREADS`` is already set (set before numpy is imported).
"""

from __future__ import annotations

import os

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from scipy.optimize import minimize  # noqa: E402
from scipy.special import huber, logsumexp  # noqa: E402

from scaling import chinchilla  # noqa: E402

DATA = (
    Path(__file__).resolve().parents[2]
    / "shared"
    / "reference"
    / "epoch_chinchilla_svg_extracted_data.csv"
)
DELTA = 1e-3


def load(path: Path):
    """Epoch's 240 points: drop the 5 highest-loss rows, D = C / (6N)."""
    df = pd.read_csv(path)
    df = df[df["loss"] < sorted(df["loss"])[-5]]
    n = df["Model Size"].to_numpy()
    return n, df["Training FLOP"].to_numpy() / (6 * n), df["loss"].to_numpy()


def reference_objective(params, log_n, log_d, log_loss):
    """Summed Huber loss of log L − LSE(a − α log N, b − β log D, e), as in Epoch's notebook."""
    a, b, e, alpha, beta = params
    pred = logsumexp(
        [a - alpha * log_n, b - beta * log_d, np.full_like(log_n, e)], axis=0
    )
    return float(np.sum(huber(DELTA, log_loss - pred)))


def reference_fit(n, d, loss, starts):
    """Scipy L-BFGS-B with default options and finite differences from every start; best kept."""
    args = (np.log(n), np.log(d), np.log(loss))
    best = None
    for x0 in starts:
        res = minimize(reference_objective, x0, args=args, method="L-BFGS-B")
        if best is None or res.fun < best.fun:
            best = res
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="reference from every 50th grid start only"
    )
    parser.add_argument(
        "--data", type=Path, default=DATA, help="Epoch's svg_extracted_data.csv"
    )
    args = parser.parse_args()
    n, d, loss = load(args.data)
    starts = chinchilla.HOFFMANN_GRID[::50] if args.quick else chinchilla.HOFFMANN_GRID

    t0 = time.perf_counter()
    ref = reference_fit(n, d, loss, starts)
    t_ref = time.perf_counter() - t0
    t0 = time.perf_counter()
    ours = chinchilla.fit(n, d, loss)
    t_ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    boot = chinchilla.bootstrap(n, d, loss, n_resamples=1000, seed=0)
    t_boot = time.perf_counter() - t0

    a, b, e, alpha, beta = ref.x
    print(f"data: {n.size} points from {args.data.name}")
    print(
        f"reference ({len(starts)} starts, L-BFGS-B, finite differences): objective {ref.fun:.10f}, {t_ref:.2f} s"
    )
    print(
        f"  E={np.exp(e):.4f} A={np.exp(a):.2f} B={np.exp(b):.1f} alpha={alpha:.4f} beta={beta:.4f}"
    )
    print(
        f"ours (4500 scored, {ours.n_refined} refined, analytic gradient): objective {ours.objective:.10f}, {t_ours:.2f} s"
    )
    print(
        f"  E={ours.E:.4f} A={ours.A:.2f} B={ours.B:.1f} alpha={ours.alpha:.4f} beta={ours.beta:.4f}"
    )
    print(
        f"speed-up: {t_ref / t_ours:.0f}x; objective difference (ours - reference): {ours.objective - ref.fun:.3e}"
    )
    print(
        f"bootstrap, 1000 resamples warm-started: {t_boot:.2f} s ({boot.n_converged} converged)"
    )


if __name__ == "__main__":
    main()

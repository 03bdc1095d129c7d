"""Time chapter 8's sweeps on this machine: the quick grid (notebook) and the full grid (``data/``).

Usage: ``.venv/bin/python benchmarks/lab_sweep.py [--quick]``. Prints the wall time of each grid
run with the default executor (two spawned processes, one BLAS thread each). The targets are
≤ 30 s for the quick grid and ≤ 3 min for the full one on two cores.
"""

from __future__ import annotations

import argparse
import time

from scaling.lab import sweep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="time the quick grid only")
    args = parser.parse_args()
    grids = {"quick": [(h, d) for h in sweep.QUICK_WIDTHS for d in sweep.QUICK_TOKENS]}
    if not args.quick:
        grids["full"] = sweep.FULL_PAIRS
    for name, pairs in grids.items():
        start = time.perf_counter()
        table = sweep.run_pairs(pairs, progress=False)
        print(f"{name}: {len(table)} runs in {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()

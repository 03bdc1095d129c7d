"""``python -m scaling.lab [--full] --out FILE``: run the chapter 8 sweep and write it as CSV.

``python -m scaling.lab --full --out data/lab_sweep.csv`` writes the book's stored full sweep.
"""

import argparse

import pandas as pd

from scaling.lab import sweep


def main(argv=None):
    """Command-line entry: run the quick or full grid and write it as CSV."""
    parser = argparse.ArgumentParser(description="Run the chapter 8 scaling-law sweep.")
    parser.add_argument(
        "--full",
        action="store_true",
        help="full grid and held-out runs (else the quick grid)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--out", required=True, help="CSV path")
    args = parser.parse_args(argv)
    if args.full:
        table = sweep.run_pairs(sweep.FULL_PAIRS, seed=args.seed).assign(split="fit")
    else:
        table = sweep.run_sweep(
            sweep.QUICK_WIDTHS, sweep.QUICK_TOKENS, seed=args.seed
        ).assign(split="fit")
    if args.full:
        held_out = sweep.run_pairs(sweep.HOLDOUT, seed=args.seed).assign(
            split="holdout"
        )
        table = pd.concat([table, held_out], ignore_index=True)
    table.to_csv(args.out, index=False, float_format="%.10g")


if __name__ == "__main__":
    main()

"""``python -m scaling.lab``: run the chapter 8 sweep and write it as CSV.

``python -m scaling.lab --full --out data/lab_sweep.csv`` writes the book's stored full sweep.
``--widths`` and ``--tokens`` run a grid of your own. By default the runs go to two local
processes; ``--scheduler tcp://HOST:8786`` sends them to a running Dask cluster and
``--scheduler local:4`` starts a local one with 4 worker processes (both need the
``distributed`` package: ``pip install 'scaling[dask]'``). Every run is seeded by
(seed, h, D), so the table does not depend on where it ran.

Arguments are checked before any run starts: a bad one exits with status 2 and one line on
standard error.
"""

from __future__ import annotations

import argparse
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from scaling.lab import sweep


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message}\n")


def _non_negative_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"must be a non-negative integer, got {text!r}"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be a non-negative integer, got {value}")
    return value


def _positive_int(text: str) -> int:
    value = _non_negative_int(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be a positive integer, got 0")
    return value


def _scheduler(text: str):
    """``local:N`` -> N worker processes started here; anything else: a scheduler address."""
    if text.startswith("local:"):
        try:
            return _positive_int(text.removeprefix("local:"))
        except argparse.ArgumentTypeError as err:
            raise argparse.ArgumentTypeError(
                f"local:N needs N workers, {err}"
            ) from None
    if not text.strip():
        raise argparse.ArgumentTypeError("must be a scheduler address or local:N")
    return text


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="python -m scaling.lab",
        description="Run the chapter 8 scaling-law sweep and write it as CSV.",
    )
    grid = parser.add_mutually_exclusive_group()
    grid.add_argument(
        "--full",
        action="store_true",
        help="the book's full grid and held-out runs (else the quick grid)",
    )
    grid.add_argument(
        "--widths",
        type=_positive_int,
        nargs="+",
        metavar="H",
        help="hidden widths of a grid of your own (with --tokens)",
    )
    parser.add_argument(
        "--tokens",
        type=_positive_int,
        nargs="+",
        metavar="D",
        help="training-token counts of a grid of your own (with --widths)",
    )
    parser.add_argument(
        "--seed", type=_non_negative_int, default=0, help="base seed (default 0)"
    )
    parser.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="ADDRESS",
        help="a Dask scheduler address (tcp://host:8786), or local:N for a local "
        "cluster of N worker processes; default: two local processes",
    )
    parser.add_argument("--out", required=True, help="CSV file to write")
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr"
    )
    return parser


def _check(parser, args) -> None:
    """Fail before any run: output folder, grid arguments, the distributed package."""
    if (args.widths is None) != (args.tokens is None):
        parser.error("--widths and --tokens go together")
    out = Path(args.out)
    folder = out.parent
    if out.is_dir():
        parser.error(f"--out {args.out} is a folder, not a file")
    if not folder.is_dir():
        parser.error(f"--out: folder {str(folder)!r} does not exist")
    if not os.access(folder, os.W_OK):
        parser.error(f"--out: folder {str(folder)!r} is not writable")
    if args.scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            parser.error(
                "--scheduler needs the distributed package: pip install 'scaling[dask]'"
            )


@contextmanager
def _executor(scheduler):
    """Yield the executor for ``scheduler`` (None: the sweep's own process pool)."""
    if scheduler is None:
        yield None
        return
    import distributed

    if isinstance(scheduler, int):
        cluster = distributed.LocalCluster(
            n_workers=scheduler,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        with cluster, distributed.Client(cluster) as client:
            yield client.get_executor()
        return
    try:
        client = distributed.Client(scheduler, timeout="20s")
    except (OSError, TimeoutError, ValueError) as err:
        sys.exit(f"python -m scaling.lab: error: cannot reach {scheduler}: {err}")
    with client:
        yield client.get_executor()


def run(args, executor=None) -> pd.DataFrame:
    """The sweep table the arguments ask for, computed on ``executor``."""
    options = dict(seed=args.seed, executor=executor, progress=not args.no_progress)
    if args.full:
        table = sweep.run_pairs(sweep.FULL_PAIRS, **options).assign(split="fit")
        held_out = sweep.run_pairs(sweep.HOLDOUT, **options).assign(split="holdout")
        return pd.concat([table, held_out], ignore_index=True)
    widths = args.widths or sweep.QUICK_WIDTHS
    tokens = args.tokens or sweep.QUICK_TOKENS
    return sweep.run_sweep(widths, tokens, **options).assign(split="fit")


def write(table: pd.DataFrame, out) -> None:
    """Write a sweep table as CSV, with the ten significant digits of ``data/lab_sweep.csv``."""
    table.to_csv(out, index=False, float_format="%.10g")


def main(argv=None) -> None:
    """Command-line entry: check the arguments, run the grid, write it as CSV."""
    parser = _parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    with _executor(args.scheduler) as executor:
        table = run(args, executor)
    write(table, args.out)


if __name__ == "__main__":
    main()

"""``python -m scaling.lab``: run the chapter 8 sweep and write it as CSV.

``python -m scaling.lab --full --out data/lab_sweep.csv`` writes the book's stored full sweep.
``--widths`` and ``--tokens`` run a grid of your own. By default the runs go to two local
processes; ``--scheduler tcp://HOST:8786`` sends them to a running Dask cluster and
``--scheduler local:4`` starts a local one with 4 worker processes (both need the
``distributed`` package: ``pip install 'scaling[dask]'``). Every run is seeded by
(seed, h, D), so the table does not depend on where it ran.

Every argument, ``--out`` included, is checked before any run starts: a bad one exits with
status 2 and one line on standard error. The table is written to a temporary file beside
``--out`` and renamed over it only when complete, so ``--out`` never holds half a table; that
temporary file is locked, so a second sweep writing the same ``--out`` is refused. Ctrl-C
(SIGINT) or ``kill`` (SIGTERM) stops the workers, removes the temporary file, prints one line
and exits with status 130 or 143.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
from contextlib import contextmanager
from pathlib import Path

import pandas as pd

from scaling.lab import sweep
from scaling.lab.model import BATCH, MIN_EMBEDDING

try:  # POSIX; elsewhere two sweeps on one --out are not detected
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

PROG = "python -m scaling.lab"
MIN_WIDTH = MIN_EMBEDDING
"""Narrowest hidden layer accepted: the embedding's floor width (``model.embedding_dim``)."""
MIN_TOKENS = BATCH
"""Fewest training tokens accepted: one Adam batch (a shorter run would still see a batch)."""
CONNECT_TIMEOUT_S = 5
"""Seconds to wait for a Dask scheduler before giving up with status 2."""
_ADDRESS = re.compile(
    r"^(?:(?P<scheme>[a-z]+)://)?(?P<host>\[[0-9A-Fa-f:.]+\]|[^\s:/\[\]]+):(?P<port>\d+)$"
)
_SCHEMES = ("tcp", "tls", "ws", "wss", "ucx")


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        self.exit(2, f"{self.prog}: error: {' '.join(message.split())}\n")


class Stopped(KeyboardInterrupt):
    """Raised in the main thread by SIGINT or SIGTERM; ``status`` is 128 + the signal."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.status = 128 + signum


def _whole(text: str, minimum: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be {what}, got {text!r}") from None
    if value < minimum:
        raise argparse.ArgumentTypeError(f"must be {what}, got {value}")
    return value


def _seed(text: str) -> int:
    return _whole(text, 0, "a non-negative integer")


def _width(text: str) -> int:
    return _whole(text, MIN_WIDTH, f"a whole number of at least {MIN_WIDTH}")


def _tokens(text: str) -> int:
    return _whole(text, MIN_TOKENS, f"a whole number of at least {MIN_TOKENS}")


def _scheduler(text: str):
    """``local:N`` -> N worker processes started here; else a checked scheduler address."""
    if text.startswith("local:"):
        return _whole(
            text.removeprefix("local:"),
            1,
            "local:N with N a whole number of at least 1",
        )
    match = _ADDRESS.match(text)
    scheme = match and (match["scheme"] or "tcp")
    if not match or scheme not in _SCHEMES or not 1 <= int(match["port"]) <= 65535:
        raise argparse.ArgumentTypeError(
            f"must be local:N or a Dask scheduler address SCHEME://HOST:PORT with SCHEME "
            f"one of {', '.join(_SCHEMES)} and PORT from 1 to 65535, got {text!r}"
        )
    return text


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog=PROG,
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
        type=_width,
        nargs="+",
        metavar="H",
        help=f"hidden widths of a grid of your own, each at least {MIN_WIDTH} "
        "(with --tokens)",
    )
    parser.add_argument(
        "--tokens",
        type=_tokens,
        nargs="+",
        metavar="D",
        help=f"training-token counts of a grid of your own, each at least {MIN_TOKENS} "
        "(with --widths)",
    )
    parser.add_argument("--seed", type=_seed, default=0, help="base seed (default 0)")
    parser.add_argument(
        "--scheduler",
        type=_scheduler,
        metavar="ADDRESS",
        help="a Dask scheduler address (tcp://host:8786), or local:N for a local "
        "cluster of N worker processes; default: two local processes",
    )
    parser.add_argument(
        "--out", required=True, help="CSV file to write (not a folder; replaced whole)"
    )
    parser.add_argument(
        "--no-progress", action="store_true", help="no progress bar on stderr"
    )
    return parser


def _check(parser, args) -> None:
    """Fail before any run: grid arguments, the output path, the distributed package."""
    if (args.widths is None) != (args.tokens is None):
        parser.error("--widths and --tokens go together")
    out = Path(args.out)
    if not args.out.strip():
        parser.error("--out must name a CSV file, got an empty string")
    if args.out.endswith(("/", os.sep)) or out.is_dir():
        parser.error(f"--out {args.out} is a folder; give a file path inside it")
    if out.exists() and not out.is_file():
        parser.error(f"--out {args.out} exists and is not a regular file")
    folder = out.parent
    if not folder.is_dir():
        parser.error(f"--out: the folder {str(folder)!r} does not exist")
    if args.scheduler is not None:
        try:
            import distributed  # noqa: F401
        except ImportError:
            parser.error(
                "--scheduler needs the distributed package: pip install 'scaling[dask]'"
            )


class _Output:
    """The CSV in progress: a locked temporary file beside ``--out``, renamed over it at the end.

    The temporary file's name is fixed (``.NAME.partial``), so a second sweep writing the same
    ``--out`` finds it locked and stops; the lock goes with the process, so a sweep killed by
    SIGKILL blocks nothing.
    """

    def __init__(self, out: str):
        self.out = Path(out)
        self.partial = self.out.with_name(f".{self.out.name}.partial")
        self.file = None

    def open(self, parser) -> None:
        try:
            self.file = open(self.partial, "a+", newline="")  # noqa: SIM115
        except OSError as err:
            parser.error(f"--out {self.out}: cannot write there ({err.strerror})")
        if fcntl is not None:
            try:
                fcntl.flock(self.file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                self.file.close()
                self.file = None
                parser.error(
                    f"--out {self.out} is being written by another sweep; wait for it "
                    "or choose another file"
                )

    def commit(self, table: pd.DataFrame) -> None:
        self.file.seek(0)
        self.file.truncate()
        write(table, self.file)
        self.file.flush()
        os.fsync(self.file.fileno())
        os.replace(self.partial, self.out)
        self.close()

    def discard(self) -> None:
        if self.file is not None:
            self.partial.unlink(missing_ok=True)
            self.close()

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


@contextmanager
def _executor(scheduler):
    """Yield the executor for ``scheduler`` (None: the sweep's own process pool)."""
    if scheduler is None:
        yield None
        return
    import distributed

    if isinstance(scheduler, int):
        with _starting_workers() as held:
            cluster = distributed.LocalCluster(
                n_workers=scheduler,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
        with cluster, distributed.Client(cluster) as client:
            try:
                if held:
                    raise Stopped(held[0])
                yield client.get_executor()
            except Stopped:
                _end_local_workers(cluster)
                raise
        return
    try:
        client = distributed.Client(scheduler, timeout=f"{CONNECT_TIMEOUT_S}s")
    except (OSError, TimeoutError, ValueError, TypeError) as err:
        reason = " ".join(str(err).split()) or type(err).__name__
        sys.stderr.write(
            f"{PROG}: error: --scheduler: cannot reach {scheduler} within "
            f"{CONNECT_TIMEOUT_S} s ({reason})\n"
        )
        raise SystemExit(2) from None
    with client:
        yield client.get_executor()


def _end_local_workers(cluster) -> None:
    """Kill a local cluster's worker processes now, so that closing it is quick and quiet.

    Closed the polite way, each worker is given 4 s to finish its run and logs warnings; these
    processes belong to this command alone, so they are ended outright.
    """
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    for nanny in cluster.workers.values():
        nanny.close_gracefully("interrupted")  # so that it does not restart its worker
    for worker in multiprocessing.active_children():
        worker.kill()
        worker.join(timeout=2)


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


@contextmanager
def _starting_workers():
    """Start worker processes with Ctrl-C ignored, which they inherit, and SIGTERM held.

    A worker that gets the terminal's Ctrl-C while still importing prints a traceback, and a
    cluster stopped halfway through its start cannot be closed cleanly. So while the local
    cluster starts (a few seconds) Ctrl-C is ignored and SIGTERM is yielded in a list, to be
    acted on once the cluster can be closed.
    """
    held = []
    if threading.current_thread() is not threading.main_thread():
        yield held
        return
    saved = {
        signal.SIGINT: signal.signal(signal.SIGINT, signal.SIG_IGN),
        signal.SIGTERM: signal.signal(signal.SIGTERM, lambda s, _: held.append(s)),
    }
    try:
        yield held
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def _stop(signum, frame):
    raise Stopped(signum)


@contextmanager
def _interruptible():
    """SIGINT and SIGTERM raise :class:`Stopped` in the main thread while the sweep runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {s: signal.signal(s, _stop) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def main(argv=None) -> None:
    """Command-line entry: check the arguments, run the grid, write it as CSV."""
    parser = _parser()
    args = parser.parse_args(argv)
    _check(parser, args)
    output = _Output(args.out)
    output.open(parser)
    try:
        with _interruptible():
            with _executor(args.scheduler) as executor:
                table = run(args, executor)
            try:
                output.commit(table)
            except OSError as err:  # a full disk, a folder removed meanwhile
                sys.stderr.write(f"{PROG}: error: --out {args.out}: {err.strerror}\n")
                raise SystemExit(1) from None
    except Stopped as stop:
        for s in (
            signal.SIGINT,
            signal.SIGTERM,
        ):  # a second signal must not cut cleanup
            signal.signal(s, signal.SIG_IGN)
        output.discard()
        end_of_bar = "" if args.no_progress else "\n"
        sys.stderr.write(
            f"{end_of_bar}{PROG}: stopped by {stop}: workers ended, no file written\n"
        )
        raise SystemExit(stop.status) from None
    finally:
        output.discard()


if __name__ == "__main__":
    main()

"""Time each notebook's execution and one cold build of the whole book, side by side.

Usage: ``.venv/bin/python benchmarks/book_timings.py`` (or ``make benchmark``). Nothing is written
to the repository: notebooks run on copies, the book builds into a temporary folder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]


def time_notebook(path: Path) -> float:
    """Seconds to execute one notebook from scratch in its own folder."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        timeout=900,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def time_cold_build() -> tuple[float, int]:
    """Seconds for ``jupyter-book build`` executing every notebook into an empty folder."""
    jb = Path(sys.executable).with_name("jupyter-book")
    with tempfile.TemporaryDirectory() as out:
        cmd = [
            str(jb),
            "build",
            str(ROOT),
            "--path-output",
            out,
            "-W",
            "-n",
            "--keep-going",
        ]
        start = time.perf_counter()
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        return time.perf_counter() - start, proc.returncode


def main() -> None:
    rows = [
        (p.stem, time_notebook(p)) for p in sorted((ROOT / "notebooks").glob("*.ipynb"))
    ]
    build_s, rc = time_cold_build()
    width = max(len(name) for name, _ in rows + [("cold book build", 0)])
    print(f"{'what':<{width}}  seconds")
    for name, seconds in rows:
        print(f"{name:<{width}}  {seconds:7.1f}")
    print(f"{'notebooks, sum':<{width}}  {sum(s for _, s in rows):7.1f}")
    print(f"{'cold book build':<{width}}  {build_s:7.1f}  (exit code {rc})")


if __name__ == "__main__":
    main()

"""Build the book from the notebooks' stored outputs (no execution) into a given folder.

``make book`` executes every notebook; the tests instead check the stored outputs with nbval
and then build from them, so each notebook runs once per test session.

Usage: ``python tests/build_book.py OUTPUT_DIR``
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def build(output_dir: Path) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build -W -n --keep-going`` with execution off; return the process."""
    output_dir = Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    config_path = output_dir / "_config_no_execute.yml"
    config_path.write_text(yaml.safe_dump(config))
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [
        str(jb),
        "build",
        str(ROOT),
        "--path-output",
        str(output_dir),
        "--config",
        str(config_path),
    ]
    cmd += ["-W", "-n", "--keep-going", "--builder", "html"]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tests/build_book.py OUTPUT_DIR")
    proc = build(Path(sys.argv[1]))
    sys.stdout.write(proc.stdout[-20000:])
    sys.stderr.write(proc.stderr[-20000:])
    sys.exit(proc.returncode)

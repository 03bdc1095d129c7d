"""Build the book from the notebooks' stored outputs (no execution) into a given folder.

``make book`` executes every notebook; the tests instead check the stored outputs with nbval
and then build from them, so each notebook runs once per test session.

Usage: ``python tests/build_book.py [--student] OUTPUT_DIR``; ``--student`` builds the student
edition (no solutions; ``book/_ext/course_kit.py``).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def build(output_dir: Path, student: bool = False) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build -W -n --keep-going`` with execution off; return the process."""
    output_dir = Path(output_dir).resolve()
    output_dir.mkdir(parents=True, exist_ok=True)
    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = "off"
    if student:
        config["sphinx"].setdefault("config", {})["student_edition"] = True
    # Jupyter Book resolves local extension folders against the config file's folder.
    local = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in local.items():
        local[name] = str((ROOT / folder).resolve())
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


def build_problems(proc, limit=60):
    """The build's warning and error lines without colour codes (else its output's tail)."""
    text = re.sub(r"\x1b\[[0-9;]*m", "", proc.stdout + "\n" + proc.stderr)
    lines = [
        line for line in text.splitlines() if re.search(r"WARNING|ERROR|Error", line)
    ]
    if not lines:
        return text[-4000:]
    more = f"\n... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "\n".join(lines[:limit]) + more


if __name__ == "__main__":
    args = sys.argv[1:]
    student = "--student" in args
    args = [a for a in args if a != "--student"]
    if len(args) != 1:
        sys.exit("usage: python tests/build_book.py [--student] OUTPUT_DIR")
    proc = build(Path(args[0]), student=student)
    sys.stdout.write(proc.stdout[-20000:])
    sys.stderr.write(proc.stderr[-20000:])
    sys.exit(proc.returncode)

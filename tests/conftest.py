"""Shared fixtures: the book is built once per test session, from the notebooks' stored outputs."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI cannot fail by the luck of a draw.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from build_book import build  # noqa: E402


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the book with ``-W -n --keep-going``; return (process, html_dir)."""
    out = tmp_path_factory.mktemp("book")
    proc = build(out)
    return proc, out / "_build" / "html"


@pytest.fixture(scope="session")
def html_dir(built_book):
    """The built site's folder; fails the test if the build failed."""
    proc, html = built_book
    if proc.returncode != 0:
        pytest.fail(f"book build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}")
    return html

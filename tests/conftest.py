"""Shared fixtures: the book is built once per test session, from the notebooks' stored outputs."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run, so CI cannot fail by the luck of a draw.
settings.register_profile("deterministic", derandomize=True, database=None)
settings.load_profile("deterministic")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from build_book import build, build_problems  # noqa: E402


@pytest.fixture(scope="session")
def built_book(tmp_path_factory):
    """Build the book with ``-W -n --keep-going``; return (process, html_dir)."""
    if os.environ.get("BOOK_HTML_DIR"):
        pytest.skip("BOOK_HTML_DIR names a site built before; the build is not rerun")
    out = tmp_path_factory.mktemp("book")
    proc = build(out)
    return proc, out / "_build" / "html"


@pytest.fixture(scope="session")
def html_dir(request):
    """The built site's folder; fails the test if the build failed.

    ``BOOK_HTML_DIR=/path/_build/html`` reuses a site built before (by
    ``tests/build_book.py``) instead of building one, to rerun the browser checks quickly.
    """
    if os.environ.get("BOOK_HTML_DIR"):
        return Path(os.environ["BOOK_HTML_DIR"])
    proc, html = request.getfixturevalue("built_book")
    if proc.returncode != 0:
        pytest.fail(f"book build failed:\n{build_problems(proc)}")
    return html

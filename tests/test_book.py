"""The book builds with warnings as errors, has a page per chapter, and links nothing off-site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.book

# Attributes through which a page makes the browser fetch something by itself.
FETCHING = re.compile(
    r"""<(?:script|img|link|iframe|source|video|audio)\b[^>]*?\b(?:src|href)=["']([^"']+)["']"""
)


def toc_files():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]]
    for part in toc["parts"]:
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


def test_build_succeeds_with_warnings_as_errors(built_book):
    proc, _ = built_book
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-4000:]
    assert "build succeeded" in proc.stdout


def test_every_toc_entry_has_a_page(html_dir):
    missing = [f for f in toc_files() if not (html_dir / f"{f}.html").is_file()]
    assert not missing


def test_every_notebook_is_in_the_toc():
    listed = {f for f in toc_files() if f.startswith("notebooks/")}
    on_disk = {f"notebooks/{p.stem}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    assert on_disk == listed


def test_pages_fetch_nothing_from_other_hosts(html_dir):
    offsite = {}
    for page in html_dir.rglob("*.html"):
        urls = [
            u
            for u in FETCHING.findall(page.read_text())
            if re.match(r"(https?:)?//", u)
        ]
        if urls:
            offsite[str(page.relative_to(html_dir))] = urls
    assert not offsite


def test_mathjax_is_served_by_the_site(html_dir):
    assert (html_dir / "_static" / "mathjax" / "tex-chtml.js").is_file()
    page = (html_dir / "notebooks" / "01_power_laws.html").read_text()
    assert "_static/mathjax/tex-chtml.js" in page


def test_glued_values_resolved(html_dir):
    for page in (html_dir / "notebooks").glob("*.html"):
        text = page.read_text()
        assert "glue:" not in re.sub(r"<pre.*?</pre>", "", text, flags=re.S), page.name

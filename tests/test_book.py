"""The book builds with warnings as errors, has a page per chapter, and links nothing off-site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from build_book import build_problems

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
    assert proc.returncode == 0, build_problems(proc)
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


def chapter_pages(html_dir):
    return sorted((html_dir / "notebooks").glob("[0-9][0-9]_*.html"))


def test_no_page_includes_a_script_twice(html_dir):
    """A script included twice (sphinx-thebe's THEBE_JS_URL) is a console error."""
    repeated = {}
    for page in html_dir.rglob("*.html"):
        scripts = re.findall(r"<script[^>]*>.*?</script>", page.read_text(), flags=re.S)
        twice = {s[:80] for s in scripts if scripts.count(s) > 1}
        if twice:
            repeated[str(page.relative_to(html_dir))] = sorted(twice)
    assert not repeated


def test_pages_have_the_favicon_and_the_book_stylesheet(html_dir):
    assert (html_dir / "_static" / "favicon.svg").is_file()
    assert (html_dir / "_static" / "book.css").is_file()
    for page in [html_dir / "book" / "intro.html", *chapter_pages(html_dir)]:
        text = page.read_text()
        assert re.search(r'<link rel="icon" href="[./]*_static/favicon\.svg"', text), (
            page
        )
        assert "_static/book.css" in text, page


def test_page_header_holds_no_second_search_field(html_dir):
    """The search field sits in the sidebar; the page header above the article stays empty."""
    text = (html_dir / "notebooks" / "01_power_laws.html").read_text()
    header = re.search(r'<header id="pst-header".*?</header>', text, flags=re.S)
    assert header is None or "search-button" not in header.group(0)


def test_exercises_and_figures_are_numbered_per_chapter(html_dir):
    """Exercise 5.2, Figure 5.2: the chapter's number, then the item's number in it."""
    for page in chapter_pages(html_dir):
        n = int(page.stem[:2])
        text = page.read_text()
        title = re.search(r"<h1>(.*?)<", text).group(1)
        assert title.startswith(f"Chapter {n}:"), f"{page.name}: title {title!r}"
        numbers = re.findall(r'caption-number">(Exercise|Figure) ([\d.]+)', text)
        exercises = [num for kind, num in numbers if kind == "Exercise"]
        assert len(exercises) >= 3, page.name
        for kind in ("Exercise", "Figure"):
            seen = [num for k, num in numbers if k == kind]
            expected = [f"{n}.{i}" for i in range(1, len(seen) + 1)]
            assert seen == expected, f"{page.name}: {kind} numbers {seen}"


def test_cross_references_name_the_numbered_item(html_dir):
    """{ref}/{numref} to an exercise or a figure render as "Exercise 2.2", "Figure 2.1"."""
    wrong = {}
    for page in chapter_pages(html_dir):
        refs = re.findall(
            r'<span class="std std-(?:numref|ref)">([^<]*)</span>', page.read_text()
        )
        numbered = [r.strip() for r in refs if re.match(r"\s*(Fig|Ex)", r)]
        bad = [
            r for r in numbered if not re.fullmatch(r"(Exercise|Figure) \d+\.\d+", r)
        ]
        if bad:
            wrong[page.name] = bad
    assert not wrong


def test_glued_text_is_not_bold(html_dir):
    """myst-nb makes glued text bold; book.css sets it back to the body font weight."""
    css = (html_dir / "_static" / "book.css").read_text()
    assert re.search(r"span\.pasted-text\s*\{\s*font-weight:\s*inherit", css)

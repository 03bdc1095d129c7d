"""The book's Sphinx extensions on their own: tables stacked on phones, Chinese glossary terms."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import book_chrome  # noqa: E402
import chinese  # noqa: E402


def test_wide_tables_are_marked_and_their_cells_labelled():
    table = (
        '<table class="dataframe"><thead><tr><th></th><th>N</th><th>D</th><th>C</th></tr>'
        "<tr><th>model</th><th></th><th></th><th></th></tr></thead>"
        "<tbody><tr><th>Chinchilla</th><td>70B</td><td>1.4T</td><td>5.9</td></tr>"
        "</tbody></table>"
    )
    out = book_chrome.stack_tables_on_phones(f"<p>text</p>{table}")
    assert 'class="dataframe stack-on-phone"' in out
    for label, value in [("model", "Chinchilla"), ("N", "70B"), ("D", "1.4T")]:
        assert f'data-label="{label}">{value}<' in out


def test_narrow_tables_and_pages_without_tables_are_left_alone():
    narrow = "<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td>1</td>"
    narrow += "<td>2</td></tr></tbody></table>"
    assert book_chrome.stack_tables_on_phones(narrow) == narrow
    assert book_chrome.stack_tables_on_phones("<p>no table</p>") == "<p>no table</p>"


def test_glossary_chinese_terms_are_read_from_the_glossary():
    terms = chinese.chinese_terms(chinese.GLOSSARY.read_text(encoding="utf-8"))
    assert "规模法则" in terms and "幂律" in terms
    assert all(chinese.CJK.search(t) for t in terms)
    assert not any(t.startswith(("scaling law", " ")) for t in terms)

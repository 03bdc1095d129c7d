"""The Chinese edition keeps step with the English one (book/_ext/translation.py).

- Every page has a catalogue, and every catalogue is complete: no empty and no fuzzy message.
  ``make i18n-update`` turns a changed English message fuzzy or empty, so a change to the
  English text fails here until its translation is written.
- The zh build (from the test build's own executed notebooks, nothing re-executed) succeeds
  with warnings as errors, leaves no message of the English text untranslated, carries every
  glued number of each English page, and links every page to its other edition.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from build_book import build_problems
from test_book import toc_files

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import translation  # noqa: E402

CATALOGUES = ROOT / "book" / "locale" / translation.LANGUAGE / "LC_MESSAGES"
PAGES = toc_files()
#: Pages whose translation is still being written: their catalogues may hold empty messages
#: (never fuzzy ones). A page leaves this list as soon as its catalogue is complete.
PENDING = {
    "notebooks/07_critiques",
}
PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.S)


def messages(page):
    return [m for m in translation.read_catalogue(CATALOGUES / f"{page}.po") if m.id]


def test_every_page_has_a_catalogue():
    missing = [p for p in PAGES if not (CATALOGUES / f"{p}.po").is_file()]
    assert not missing, f"no catalogue for {missing}: run make i18n-update"


@pytest.mark.parametrize("page", PAGES)
def test_catalogue_is_complete(page):
    fuzzy = [m.id for m in messages(page) if m.fuzzy]
    assert not fuzzy, f"{page}: English text changed, update the translation: {fuzzy}"
    if page in PENDING:
        return
    empty = [m.id for m in messages(page) if not m.string]
    assert not empty, f"{page}: {len(empty)} untranslated, first: {empty[0]!r}"


def test_pending_pages_are_really_unfinished():
    done = [p for p in sorted(PENDING) if all(m.string for m in messages(p))]
    assert not done, f"complete catalogues still listed in PENDING: {done}"


#: Markup a translation keeps verbatim: glue, cross-references, citations, inline math.
#: Code spans are skipped; a {term} role may be reworded (``{term}`幂律 <power law>```), but
#: Sphinx rejects a translation whose number of term references differs.
MARKUP = re.compile(r"``.*?``|\{[\w:-]+\}`[^`]*`|`[^`]*`|\$[^$]+\$")


def kept_markup(text):
    """The markup of a message; a role's title may be translated, its target may not."""
    found = [m for m in MARKUP.findall(text) if m[0] in "{$"]
    kept = ["{term}" if m.startswith("{term}") else m for m in found]
    return sorted(re.sub(r"`[^`<]*<([^>]*)>`$", r"`<\1>`", m) for m in kept)


def test_translations_keep_the_markup():
    broken = [
        f"{page}: {m.id[:70]!r}"
        for page in PAGES
        for m in messages(page)
        if m.string and kept_markup(m.id) != kept_markup(m.string)
    ]
    assert not broken, "translations that lost or changed markup:\n" + "\n".join(broken)


def test_language_switch_addresses():
    page = "notebooks/01_power_laws"
    assert translation.other_edition_url(page, "en") == "../zh/" + page + ".html"
    assert translation.other_edition_url(page, "zh") == "../../" + page + ".html"
    assert translation.other_edition_url("search", "en") == "zh/search.html"
    assert translation.other_edition_url("search", "zh") == "../search.html"


_ZH_BUILDS = {}


def build_zh(html_dir: Path) -> Path:
    """Build the Chinese edition beside the test build (once per session)."""
    if html_dir not in _ZH_BUILDS:
        build_dir = html_dir.parent
        _ZH_BUILDS[html_dir] = (build_dir, translation.build(build_dir, capture=True))
    build_dir, proc = _ZH_BUILDS[html_dir]
    if proc.returncode != 0:
        pytest.fail(f"zh build failed:\n{build_problems(proc)}")
    return build_dir / "html" / translation.ZH_FOLDER


@pytest.fixture(scope="module")
def zh_html_dir(html_dir):
    """The Chinese edition, built from the test build's executed notebooks."""
    return build_zh(html_dir)


@pytest.mark.book
def test_zh_build_leaves_no_message_untranslated(zh_html_dir):
    report = zh_html_dir.parent.parent / "zh-build" / "_build" / "html"
    untranslated = json.loads((report / translation.UNTRANSLATED_REPORT).read_text())
    missing = {page: msgs for page, msgs in untranslated.items() if page not in PENDING}
    assert not missing, "\n".join(f"{p}: {m[:3]}" for p, m in missing.items())


@pytest.mark.book
@pytest.mark.parametrize("page", PAGES)
def test_every_glued_number_is_on_the_chinese_page(html_dir, zh_html_dir, page):
    english = Counter(PASTED.findall((html_dir / f"{page}.html").read_text()))
    chinese = Counter(PASTED.findall((zh_html_dir / f"{page}.html").read_text()))
    missing = english - chinese
    assert english or page.startswith("book/"), f"{page}: no glued value found"
    assert not missing, f"{page}: glued values missing in Chinese: {dict(missing)}"


@pytest.mark.book
def test_every_page_links_to_its_other_edition(html_dir, zh_html_dir):
    for page in PAGES:
        en = (html_dir / f"{page}.html").read_text()
        zh = (zh_html_dir / f"{page}.html").read_text()
        to_zh = translation.other_edition_url(page, "en")
        to_en = translation.other_edition_url(page, "zh")
        assert f'class="language-switch"><a href="{to_zh}"' in en, page
        assert f'class="language-switch"><a href="{to_en}"' in zh, page
        assert (html_dir / f"{page}.html").resolve() == (
            (zh_html_dir / f"{page}.html").parent / to_en
        ).resolve()
    assert '<html lang="zh-CN"' in (zh_html_dir / "book/intro.html").read_text()
    assert translation.ZH_FRONT_NOTE in (zh_html_dir / "book/intro.html").read_text()


@pytest.mark.book
def test_chinese_search_index_has_chinese_words(zh_html_dir):
    """jieba cuts the Chinese text into words; the English words are indexed too."""
    index = (zh_html_dir / "searchindex.js").read_text()
    words = json.loads(index[index.index("(") + 1 : index.rindex(")")])["terms"]
    assert "规模" in words and "幂律" in words, sorted(words)[-20:]
    assert "chinchilla" in words

"""The Chinese edition keeps step with the English one (book/_ext/translation.py).

- Every page has a catalogue, and every catalogue is complete: no empty and no fuzzy message.
  ``make i18n-update`` turns a changed English message fuzzy or empty, so a change to the
  English text fails here until its translation is written.
- Computed text that the notebooks glue into the prose (verdicts, units) is translated as a
  template whose slots the zh build fills with the computed numbers (computed_text.py); its
  catalogue ``glued.po`` holds every template the notebooks glue today.
- The zh build (from the test build's own executed notebooks, nothing re-executed) succeeds
  with warnings as errors, leaves no message of the English text untranslated, carries every
  glued number of each English page, and links every page to its other edition.
"""

from __future__ import annotations

import html
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

import computed_text  # noqa: E402
import translation  # noqa: E402

CATALOGUES = ROOT / "book" / "locale" / translation.LANGUAGE / "LC_MESSAGES"
PAGES = toc_files()
PASTED = re.compile(r'<span class="pasted-text">(.*?)</span>', re.S)


def messages(page):
    return [m for m in translation.read_catalogue(CATALOGUES / f"{page}.po") if m.id]


#: Every catalogue: one per page, and the computed text's.
CATALOGUE_NAMES = [*PAGES, "glued"]


def test_every_page_has_a_catalogue():
    missing = [p for p in PAGES if not (CATALOGUES / f"{p}.po").is_file()]
    assert not missing, f"no catalogue for {missing}: run make i18n-update"


@pytest.mark.parametrize("page", CATALOGUE_NAMES)
def test_catalogue_is_complete(page):
    header = translation.read_catalogue(CATALOGUES / f"{page}.po")
    assert not header.fuzzy, f"{page}: header marked fuzzy: run make i18n-update"
    fuzzy = [m.id for m in messages(page) if m.fuzzy]
    assert not fuzzy, f"{page}: English text changed, update the translation: {fuzzy}"
    empty = [m.id for m in messages(page) if not m.string]
    assert not empty, f"{page}: {len(empty)} untranslated, first: {empty[0]!r}"


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


def test_glued_translations_keep_every_slot():
    """A translated template shows each number of its original once: the same slots."""
    broken = [
        m.id
        for m in messages("glued")
        if m.string and computed_text.slots(m.string) != computed_text.slots(m.id)
    ]
    assert not broken, broken


def test_glued_catalogue_holds_what_the_notebooks_glue():
    """Every computed text with words that the prose shows has its template in glued.po;
    ``make i18n-update`` adds new ones."""
    found = computed_text.glued_texts(
        sorted((ROOT / "notebooks").glob("*.ipynb")),
        sorted((ROOT / "book").glob("*.md")),
    )
    known = {m.id for m in messages("glued")}
    missing = sorted(set(found) - known)
    assert not missing, f"run make i18n-update and translate: {missing[:5]}"
    assert "loose: Approach {0} gives {1}B tokens for {2}B ({3} per parameter)" in found


def test_computed_text_examples():
    import doctest

    assert doctest.testmod(computed_text).failed == 0


def test_a_template_is_filled_with_its_own_numbers():
    text = (
        "loose: 6ND for 70B on 1.4T tokens takes 38.7 days on 1,024 A100s at MFU 0.55"
    )
    words, numbers = computed_text.template(text)
    assert numbers == ["6", "70", "1.4", "38.7", "1,024", "0.55"]
    assert computed_text.fill(words, numbers) == text
    assert computed_text.template("3.2 × 10²² FLOPs and −8.1 %") == (
        "{0} FLOPs and {1} %",
        ["3.2 × 10²²", "−8.1"],
    )
    assert not computed_text.needs_translation("3.2 × 10²²")
    assert computed_text.needs_translation("203B tokens")


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
    assert not untranslated, "\n".join(f"{p}: {m[:3]}" for p, m in untranslated.items())


def glued_numbers(path: Path) -> Counter:
    """The numbers of every glued text on a built page, counted."""
    texts = PASTED.findall(path.read_text())
    return Counter(
        n for text in texts for n in computed_text.template(html.unescape(text))[1]
    )


@pytest.mark.book
@pytest.mark.parametrize("page", PAGES)
def test_every_glued_number_is_on_the_chinese_page(html_dir, zh_html_dir, page):
    """Glued text may be translated; its numbers, all of them, are the English page's."""
    english = glued_numbers(html_dir / f"{page}.html")
    chinese = glued_numbers(zh_html_dir / f"{page}.html")
    assert english or page.startswith("book/"), f"{page}: no glued value found"
    assert chinese == english, f"{page}: glued numbers differ: {english - chinese}"


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

"""The claims ledger (``book/blog_claims.md``) and the chapters stay in step.

Issue 12, item 11: the ledger lists every numeric claim of the source blog with the verdict its
chapter computes. Verdicts are never typed on the page; they are glued in the chapters and pulled
in with cross-document glue (``{glue:text}`../notebooks/NN_x.ipynb::key:s```). These tests read
the stored notebook outputs, so they need no build and no execution.
"""

from __future__ import annotations

import ast
import json
import re
from functools import cache
from pathlib import Path

import pytest

from scaling import verdicts as vd

ROOT = Path(__file__).resolve().parents[1]
BOOK = ROOT / "book"
LEDGER = BOOK / "blog_claims.md"

# myst-nb's {glue:text} role splits off the format spec at the last ":" before it looks for
# "::", so a cross-document role needs an explicit spec ("key:s"), or the key is lost.
GLUE_ROLE = re.compile(r"\{glue:text\}`([^`]+)`")
CROSS_DOC = re.compile(
    r"^(?P<path>[^:]+\.ipynb)::(?P<key>[A-Za-z0-9_]+):(?P<spec>[^:]+)$"
)
REF_ROLE = re.compile(r"\{ref\}`(?:[^`<]*<)?([^`>]+)>?`")
DOC_ROLE = re.compile(r"\{doc\}`")
VERDICT_KEY = re.compile(r"^ch\d+_blog_[a-z0-9_]+$")
ROW_START = re.compile(r"^\d+\. ", re.M)


@cache
def ledger_text() -> str:
    return LEDGER.read_text(encoding="utf-8")


@cache
def glued_keys(notebook: Path) -> frozenset[str]:
    """Glue keys in a notebook's stored outputs (myst_nb.glue puts them in the metadata)."""
    keys = set()
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                keys.add(name)
    return frozenset(keys)


def rows() -> list[str]:
    """The ledger's claims: numbered list items, each up to the next item, label or heading."""
    text = ledger_text()
    starts = [m.start() for m in ROW_START.finditer(text)]
    out = []
    for i, start in enumerate(starts):
        end = starts[i + 1] if i + 1 < len(starts) else len(text)
        block = text[start:end]
        stop = re.search(r"^(#|\()", block, re.M)
        out.append(block[: stop.start()] if stop else block)
    return out


def roles(text: str) -> list[re.Match]:
    found = []
    for content in GLUE_ROLE.findall(text):
        match = CROSS_DOC.match(content)
        assert match, f"not a cross-document glue role with a format spec: {content!r}"
        found.append(match)
    return found


def notebook_of(match: re.Match) -> Path:
    return (BOOK / match["path"]).resolve()


def test_ledger_is_in_the_toc():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    assert "file: book/blog_claims" in toc


def test_ledger_has_rows():
    # The source blog makes far more than 30 numeric claims; the chapters check most of them.
    assert len(rows()) >= 30


@pytest.mark.parametrize("row", rows(), ids=lambda r: r.split("\n")[0][:40])
def test_every_row_quotes_glosses_links_and_glues_a_verdict(row):
    assert "「" in row and "」" in row, "no Chinese quote"
    assert re.search(r"^\s+\*[^*].*", row, re.M), "no English gloss (an italic line)"
    assert REF_ROLE.search(row) or DOC_ROLE.search(row), (
        "no link to the checking section"
    )
    keys = [m["key"] for m in roles(row)]
    assert any(VERDICT_KEY.match(k) for k in keys), (
        f"no glued chN_blog_ verdict: {keys}"
    )
    # The verdict word is the glued value, never typed: "Verdict:" is followed by the role.
    assert re.search(r"\*\*Verdict:\*\* \{glue:text\}`[^`]*::ch\d+_blog_", row), (
        "verdict typed?"
    )


def test_every_glued_value_exists_in_its_notebook():
    missing = []
    for match in roles(ledger_text()):
        notebook = notebook_of(match)
        if not notebook.is_file():
            missing.append(f"{match['path']} (no such notebook)")
        elif match["key"] not in glued_keys(notebook):
            missing.append(f"{match['path']}::{match['key']}")
    assert not missing, missing


def test_no_format_spec_prints_e_notation():
    # ":.3g" and ":.2e" print 1e+11 for large values (the reader's edition forbids that).
    specs = {m["spec"] for m in roles(ledger_text())}
    assert not {s for s in specs if s[-1] in "eEgGn"}, specs


def test_every_chapter_verdict_is_in_the_ledger():
    listed = {(notebook_of(m), m["key"]) for m in roles(ledger_text())}
    left_out = [
        f"{notebook.name}::{key}"
        for notebook in sorted((ROOT / "notebooks").glob("*.ipynb"))
        for key in sorted(glued_keys(notebook))
        if VERDICT_KEY.match(key) and (notebook.resolve(), key) not in listed
    ]
    assert not left_out, (
        f"verdicts glued in a chapter but missing from the ledger: {left_out}"
    )


def test_every_section_link_has_a_target():
    labels = set()
    for page in [*(ROOT / "notebooks").glob("*.ipynb"), *BOOK.glob("*.md")]:
        labels |= set(
            re.findall(r"^\(([\w-]+)\)=", page.read_text(encoding="utf-8"), re.M)
        )
        if page.suffix == ".ipynb":
            for cell in json.loads(page.read_text(encoding="utf-8"))["cells"]:
                source = "".join(cell["source"])
                labels |= set(re.findall(r"^\(([\w-]+)\)=", source, re.M))
    targets = set(REF_ROLE.findall(ledger_text()))
    assert targets, "the ledger links no section"
    assert targets <= labels, sorted(targets - labels)


# A glued verdict is one of the four defined words, possibly marked as the book's judgement,
# optionally followed by ": " and the reason for readers.
VERDICT_VALUE = re.compile(
    rf"^(?:{'|'.join(map(re.escape, vd.VERDICTS))})(?: \({vd.JUDGEMENT}\))?(?:: .+)?$",
    re.S,
)
# glue("ch1_blog_x", "loose") or glue("ch1_blog_x", f"loose: ...") types the verdict.
TYPED_VERDICT = re.compile(r"glue\(\s*f?[\"']ch\d+_blog_\w+[\"']\s*,\s*[frb]*[\"']")


@cache
def glued_values(notebook: Path) -> dict[str, str]:
    """Glue keys and their plain-text values in a notebook's stored outputs."""
    values = {}
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            if name:
                data = output.get("data", {})
                text = data.get("application/papermill.record/text/plain", "")
                values[name] = ast.literal_eval(text) if text else ""
    return values


NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_glued_verdict_uses_the_defined_vocabulary(notebook):
    bad = {
        key: value
        for key, value in glued_values(notebook).items()
        if VERDICT_KEY.match(key) and not VERDICT_VALUE.match(value)
    }
    assert not bad, bad


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_verdict_is_typed_in_a_chapter(notebook):
    # Verdicts come from scaling.verdicts: a stated condition, or judgement() with its reason.
    typed = [
        match.group(0)
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        if cell["cell_type"] == "code"
        for match in TYPED_VERDICT.finditer("".join(cell["source"]))
    ]
    assert not typed, typed


def test_the_page_defines_the_package_vocabulary():
    defined = re.findall(r"^([a-z][a-z ]+)\n: ", ledger_text(), re.M)
    assert defined == [*vd.VERDICTS, vd.JUDGEMENT]

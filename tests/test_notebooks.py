"""Every chapter notebook follows the book's shape (DEVELOPERS.md, "The shape of the repository")."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def cells(path, kind):
    nb = json.loads(path.read_text())
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


def test_there_are_chapters():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_title_and_imports_the_package(path):
    markdown, code = cells(path, "markdown"), cells(path, "code")
    assert re.match(rf"# Chapter {int(path.stem[:2])}: \S", markdown[0])
    assert "import scaling as sc" in code[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ends_with_takeaways_exercises_and_references(path):
    text = "\n".join(cells(path, "markdown"))
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[-3:] == ["Takeaways", "Exercises", "References"], headings
    exercises = re.findall(r"```\{exercise\}\n:label: (\S+)", text)
    solutions = re.findall(r"```\{solution\} (\S+)\n:class: dropdown", text)
    assert len(exercises) >= 3
    assert sorted(exercises) == sorted(solutions)
    assert "```{footbibliography}" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_was_executed_in_order(path):
    nb = json.loads(path.read_text())
    counts = [
        c["execution_count"]
        for c in nb["cells"]
        if c["cell_type"] == "code" and "".join(c["source"])
    ]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_glue_keys_carry_the_chapter_prefix(path):
    prefix = f"ch{int(path.stem[:2])}_"
    keys = re.findall(r"""glue\(\s*["']([^"']+)["']""", "\n".join(cells(path, "code")))
    assert all(k.startswith(prefix) for k in keys), keys

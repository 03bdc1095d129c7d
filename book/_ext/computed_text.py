"""Computed text in the Chinese edition: glued sentences translated, their numbers kept.

A notebook glues more than numbers into the prose: verdicts ("loose: 6ND for 70B on 1.4T
tokens takes 38.7 days ..."), units ("6.8B parameters"). The zh build must show them in
Chinese without typing any number. Each glued text is split into a *template*, its words
with every number replaced by a numbered slot, and its numbers::

    "loose: Approach 1 gives 150B tokens for 7B"  ->  "loose: Approach {0} gives {1}B tokens for {2}B"
                                                      ["1", "150", "7"]

The catalogue ``book/locale/zh_CN/LC_MESSAGES/glued.po`` translates templates; the zh build
fills a translation's slots with the numbers of the text being shown. A template changes only
when the English words change, so new numbers need no new translation, and a reworded
sentence turns its message fuzzy or empty like any other.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

SUPERSCRIPT = "⁻⁰¹²³⁴⁵⁶⁷⁸⁹"
#: A number as ``scaling.fmt`` writes it: 7, −8.1, 1,024, 0.55, 3.2 × 10²², 10²². Digits
#: inside a name (GPT-4, A100, LLaMA-1) are words, not numbers.
NUMBER = re.compile(
    rf"(?<![\w.\-−])(?:10[{SUPERSCRIPT}]+"
    rf"|[−-]?(?:\d{{1,3}}(?:,\d{{3}})+|\d+)(?:\.\d+)?(?: ?× ?10[{SUPERSCRIPT}]+)?)"
)
SLOT = re.compile(r"\{(\d+)\}")
#: A word that a Chinese page would not show as it is.
WORD = re.compile(r"[A-Za-z]{2,}")
#: A glue role in markdown: {glue:text}`key`, {glue:text}`key:.2f`, {glue}`../page.ipynb::key`.
GLUE_ROLE = re.compile(r"\{glue(?::text)?\}`(?:[^`]*::)?(\w+)(?::[^`]*)?`")


def template(text: str) -> tuple[str, list[str]]:
    """Split computed text into its template and its numbers.

    >>> template("holds: 10²² FLOPs take 2.6 days on 256 A100s at MFU 0.55")
    ('holds: {0} FLOPs take {1} days on {2} A100s at MFU {3}', ['10²²', '2.6', '256', '0.55'])
    >>> template("GPT-4’s 1,024 runs")
    ("GPT-4's {0} runs", ['1,024'])
    """
    numbers: list[str] = []

    def slot(match):
        numbers.append(match.group())
        return f"{{{len(numbers) - 1}}}"

    return NUMBER.sub(slot, text.replace("’", "'")), numbers


def fill(translation: str, numbers: list[str]) -> str:
    """Put the numbers into a translated template's slots.

    >>> fill("{0} 天", ["2.6"])
    '2.6 天'
    """
    return SLOT.sub(lambda m: numbers[int(m.group(1))], translation)


def needs_translation(text: str) -> bool:
    """Whether computed text has words (not only numbers and symbols)."""
    return bool(WORD.search(template(text)[0]))


def slots(text: str) -> list[str]:
    """The sorted slots of a template, to compare a translation's with its original's."""
    return sorted(SLOT.findall(text))


def glued_texts(notebooks: list[Path], pages: list[Path]) -> dict[str, list[str]]:
    """The computed texts with words that the prose shows: {template: [glue keys]}.

    Read from the notebooks' stored glue outputs; a key counts when some page or notebook
    markdown uses it in a glue role.
    """
    used = set()
    for path in pages:
        used.update(GLUE_ROLE.findall(path.read_text(encoding="utf-8")))
    for path in notebooks:
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            if cell["cell_type"] == "markdown":
                used.update(GLUE_ROLE.findall("".join(cell["source"])))
    found: dict[str, list[str]] = {}
    for path in notebooks:
        for key, text in _glued_strings(path):
            if key in used and needs_translation(text):
                found.setdefault(template(text)[0], []).append(key)
    return found


def _glued_strings(path: Path):
    """(key, text) of every string a notebook glues."""
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        for output in cell.get("outputs", []):
            record = output.get("metadata", {}).get("scrapbook")
            if not record:
                continue
            plain = output["data"].get(record.get("mime_prefix", "") + "text/plain")
            try:
                value = ast.literal_eval("".join(plain or ""))
            except (SyntaxError, ValueError):
                continue
            if isinstance(value, str):
                yield record["name"], value

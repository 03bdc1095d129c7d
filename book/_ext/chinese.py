"""Sphinx extension for the book's Chinese readers: glossary anchors and site search.

- **Glossary anchors.** Sphinx makes a glossary term's anchor from its text and falls back to
  a counter for text without Latin letters, so 规模法则 became ``#term-0``. Each glossary
  entry here starts with its English term; every Chinese term of the entry gets the English
  term's anchor with ``-zh`` added (``#term-scaling-law-zh``), and a link to the Chinese term
  (``{term}`规模法则```) lands on the entry itself, ``#term-scaling-law``.
- **Search.** ``html_search_language: zh`` in ``_config.yml`` makes Sphinx cut Chinese text
  into words with jieba (pinned in ``requirements/book.txt``); English words are indexed and
  stemmed as before. The glossary's Chinese terms are given to jieba as a user dictionary,
  so that a search for a whole term (规模法则) finds it, not only its parts (规模, 法则).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.domains.std import Glossary

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
GLOSSARY = Path(__file__).resolve().parents[1] / "glossary.md"


def chinese_terms(text: str) -> list[str]:
    """The Chinese terms of the glossary source ``text``: its term lines with CJK characters."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.S)
    if block is None:
        return []
    return [
        line.strip()
        for line in block.group(1).splitlines()
        if line and not line[0].isspace() and CJK.search(line)
    ]


class ReadableGlossary(Glossary):
    """Sphinx's glossary, with readable anchors for its Chinese terms."""

    def run(self):
        result = super().run()
        std = self.env.get_domain("std")
        for glossary in result:
            for item in glossary.findall(nodes.definition_list_item):
                self._rename(item, std)
        return result

    def _rename(self, item, std) -> None:
        terms = [child for child in item.children if isinstance(child, nodes.term)]
        english = next((t for t in terms if not CJK.search(t.astext())), None)
        if english is None or not english["ids"]:
            return
        entry_id = english["ids"][0]
        chinese = [t for t in terms if t is not english and CJK.search(t.astext())]
        for n, term in enumerate(chinese, start=1):
            old = term["ids"][0]
            new = f"{entry_id}-zh" + (f"-{n}" if n > 1 else "")
            term["ids"] = [new]
            self.state.document.ids.pop(old, None)
            self.state.document.ids[new] = term
            text = term.astext()
            # Links to the Chinese term land on the entry, where its English term is.
            location = (self.env.docname, entry_id)
            if ("term", text) in std.objects:
                std.objects["term", text] = location
            std._terms[text.lower()] = location
            for index in term.findall(addnodes.index):
                index["entries"] = [
                    (kind, value, entry_id, main, key)
                    for kind, value, _, main, key in index["entries"]
                ]


def _search_dictionary(app) -> None:
    """Give jieba the glossary's Chinese terms, so that they are indexed as whole words."""
    if app.config.html_search_language != "zh" or not GLOSSARY.is_file():
        return
    import jieba

    jieba.setLogLevel(logging.WARNING)  # it logs its dictionary loading at DEBUG level
    words = chinese_terms(GLOSSARY.read_text(encoding="utf-8"))
    path = Path(app.doctreedir) / "chinese_search_words.txt"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(f"{w}\n" for w in words), encoding="utf-8")
    app.config.html_search_options = {
        **app.config.html_search_options,
        "dict": str(path),
    }


def setup(app):
    app.add_directive_to_domain("std", "glossary", ReadableGlossary, override=True)
    app.connect("builder-inited", _search_dictionary)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

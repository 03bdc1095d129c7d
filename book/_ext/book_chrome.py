"""Sphinx extension for the book's page chrome.

Chapters sit in a numbered toctree so that figures and exercises are numbered per chapter
("Figure 5.2", "Exercise 5.2"). A chapter's title already says "Chapter 5: ..." (in Chinese "第 5 章：..."), so this
extension removes the automatic "5. " in front of it (page heading, sidebar, previous/next
links) once the figure and exercise numbers have been assigned.

Some extensions register their inline configuration scripts twice (once with the
registry, once with the builder, under different file names), so a page declared
``const THEBE_JS_URL`` twice and the browser logged a SyntaxError on every page. This
extension drops repeated scripts from each page before it is written.

On a phone a table of four or more columns does not fit the screen. Such tables get the class
``stack-on-phone`` and each body cell a ``data-label`` naming its column, so that ``book.css``
can show every row as a block of "column: value" lines below 576 px (the page's own tables and
the tables the notebooks print alike).
"""

from __future__ import annotations

import re

from bs4 import BeautifulSoup
from docutils import nodes

CHAPTER_TITLE = re.compile(r"Chapter \d+\b|第 ?\d+ ?章")
#: Tables with at least this many columns are stacked on a phone; narrower ones fit.
STACK_COLUMNS = 4


def drop_chapter_title_numbers(app, env) -> list[str]:
    """Remove the section number of titles that already carry "Chapter N" ("第 N 章")."""
    for docname, secnums in env.toc_secnumbers.items():
        title = env.titles.get(docname)
        if title is None or not CHAPTER_TITLE.match(title.astext()):
            continue
        secnums.pop("", None)
        title.attributes.pop("secnumber", None)
        for ref in env.tocs[docname].findall(nodes.reference):
            if ref.get("anchorname") == "":
                ref.attributes.pop("secnumber", None)
    return []


def _script_key(script) -> tuple:
    attributes = getattr(script, "attributes", {}) or {}
    filename = getattr(script, "filename", script) or ""
    return filename, attributes.get("body", ""), attributes.get("src", "")


def drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep the first of every script that a page would include twice."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = _script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def _column_labels(table) -> list[str]:
    """One label per column: the texts of the header rows above it, top to bottom."""
    columns: list[list[str]] = []
    for row in table.thead.find_all("tr", recursive=False):
        col = 0
        for cell in row.find_all(["th", "td"], recursive=False):
            span = int(cell.get("colspan", 1) or 1)
            text = " ".join(cell.get_text(" ", strip=True).split())
            for i in range(col, col + span):
                while len(columns) <= i:
                    columns.append([])
                if text and text not in columns[i]:
                    columns[i].append(text)
            col += span
    return [" ".join(texts) for texts in columns]


def stack_tables_on_phones(body: str) -> str:
    """``body`` with wide tables marked ``stack-on-phone`` and their cells labelled."""
    if "<table" not in body:
        return body
    soup = BeautifulSoup(body, "html.parser")
    changed = False
    for table in soup.find_all("table"):
        if table.thead is None or table.tbody is None:
            continue
        labels = _column_labels(table)
        if len(labels) < STACK_COLUMNS:
            continue
        table["class"] = [*table.get("class", []), "stack-on-phone"]
        for row in table.tbody.find_all("tr", recursive=False):
            col = 0
            for cell in row.find_all(["th", "td"], recursive=False):
                if col < len(labels) and labels[col]:
                    cell["data-label"] = labels[col]
                col += int(cell.get("colspan", 1) or 1)
        changed = True
    return str(soup) if changed else body


def label_tables(app, pagename, templatename, context, doctree) -> None:
    if context.get("body"):
        context["body"] = stack_tables_on_phones(context["body"])


def setup(app):
    # After the toctree collector (priority 500) has numbered sections and figures.
    app.connect("env-get-updated", drop_chapter_title_numbers, priority=900)
    # Late priority: run after the extensions that add page-specific scripts.
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    app.connect("html-page-context", label_tables)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

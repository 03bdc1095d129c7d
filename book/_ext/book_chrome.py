"""Sphinx extension for the book's page chrome.

Chapters sit in a numbered toctree so that figures and exercises are numbered per chapter
("Figure 5.2", "Exercise 5.2"). A chapter's title already says "Chapter 5: ...", so this
extension removes the automatic "5. " in front of it (page heading, sidebar, previous/next
links) once the figure and exercise numbers have been assigned.

Some extensions register their inline configuration scripts twice (once with the
registry, once with the builder, under different file names), so a page declared
``const THEBE_JS_URL`` twice and the browser logged a SyntaxError on every page. This
extension drops repeated scripts from each page before it is written.
"""

from __future__ import annotations

import re

from docutils import nodes

CHAPTER_TITLE = re.compile(r"Chapter \d+\b")


def drop_chapter_title_numbers(app, env) -> list[str]:
    """Remove the section number of titles that already carry "Chapter N"."""
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


def setup(app):
    # After the toctree collector (priority 500) has numbered sections and figures.
    app.connect("env-get-updated", drop_chapter_title_numbers, priority=900)
    # Late priority: run after the extensions that add page-specific scripts.
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Sphinx extension: the ``planner`` directive puts the in-browser planner on a page.

The planner answers the ``scaling`` command's four questions in the reader's browser
(``book/_static/planner.js``, styled by ``book/_static/planner.css``). At build time the
directive writes the package's numbers and words, :func:`scaling.planner_data.planner_data`,
into the page as a JSON script element, so the page works offline (also opened from disk) and
nothing is typed twice. The script and style sheet are added to the pages that use it only.

Usage in a page or a notebook's markdown cell::

    ```{planner}
    :question: tokens
    ```

``:question:`` (tokens, params, plan or gain) chooses the question shown first.
"""

from __future__ import annotations

import html

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from scaling import planner_data

QUESTIONS = planner_data.QUESTIONS

NO_SCRIPT = (
    "The planner runs in your browser and needs JavaScript. The same answers: the "
    "<code>scaling</code> command, e.g. <code>scaling tokens --params 10e9</code>."
)


class PlannerDirective(SphinxDirective):
    """The planner's container and, once per page, its data."""

    option_spec = {"question": lambda arg: directives.choice(arg, QUESTIONS)}

    def run(self):
        question = self.options.get("question", QUESTIONS[0])
        parts = [
            f'<div class="scaling-planner" data-command="{html.escape(question)}">'
            f"<noscript><p>{NO_SCRIPT}</p></noscript></div>"
        ]
        if not self.env.temp_data.get("planner_data_written"):
            self.env.temp_data["planner_data_written"] = True
            parts.append(
                '<script type="application/json" id="scaling-planner-data">'
                f"{planner_data.to_json()}</script>"
            )
        pages = getattr(self.env, "planner_pages", set())
        pages.add(self.env.docname)
        self.env.planner_pages = pages
        return [nodes.raw("", "\n".join(parts), format="html")]


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """Load the planner's script and style sheet on the pages that show it."""
    if pagename in getattr(app.env, "planner_pages", set()):
        app.add_css_file("planner.css")
        app.add_js_file("planner.js", loading_method="defer")


def purge(app, env, docname) -> None:
    getattr(env, "planner_pages", set()).discard(docname)


def merge(app, env, docnames, other) -> None:
    pages = getattr(env, "planner_pages", set())
    pages |= getattr(other, "planner_pages", set()) & set(docnames)
    env.planner_pages = pages


def setup(app):
    app.add_directive("planner", PlannerDirective)
    app.connect("html-page-context", add_assets)
    app.connect("env-purge-doc", purge)
    app.connect("env-merge-info", merge)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

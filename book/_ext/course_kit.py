"""The classroom edition: the course kits, the student edition and the launch buttons.

Sphinx extension (``_config.yml``, ``sphinx.local_extensions``) and command-line script.

- **Course kits.** Every HTML build writes ``_downloads/scaling-course-kit.zip`` into the
  site, the student kit: the notebooks without their solutions, the ``scaling`` package with
  its data, the pinned requirements and a one-page README. The full site also writes the
  teacher's kit, ``scaling-course-kit-teacher.zip``, the same with every solution (only the
  classroom page's instructor section links it; the student edition has none).
  ``python book/_ext/course_kit.py OUT.zip [--teacher]`` writes either anywhere (``make kit``).
- **Student edition.** With ``student_edition = True`` in the Sphinx configuration
  (``python tests/build_book.py --student OUT``, i.e. ``make book-student``) every exercise
  solution is removed before the pages are parsed: the gated ``solution-start`` …
  ``solution-end`` cells with their code and outputs, and any ``solution`` directive. The
  notebooks offered for download are stripped the same way, and the Sphinx tag
  ``student_edition`` is set so that pages can leave out what only a teacher needs
  (``{only} not student_edition``). sphinx-exercise's own ``hide_solutions`` is switched on as
  well, but alone it would leave the code cells of a gated solution on the page.
- **Launch buttons.** Binder and Colab buttons need the repository's address: they appear when
  ``repository.url`` in ``_config.yml`` is set (together with a repository button) and are
  switched off while it is empty, so an unpublished build links nowhere.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
KIT_NAME = "scaling-course-kit"
KIT_FILE = f"{KIT_NAME}.zip"
#: The teacher's kit: the same with every solution. Never link it where students look.
TEACHER_KIT_NAME = f"{KIT_NAME}-teacher"
TEACHER_KIT_FILE = f"{TEACHER_KIT_NAME}.zip"
#: The Sphinx tag set in the student edition (``{only} not student_edition`` on a page).
STUDENT_TAG = "student_edition"
#: Files of the repository that go into the kit, as glob patterns relative to its root.
KIT_PATTERNS = (
    "notebooks/*.ipynb",
    "scaling/**/*.py",
    "data/*.csv",
    "data/*.md",
    "data/__init__.py",
    "requirements/runtime.txt",
    "requirements/lab.txt",
    "requirements/constraints.txt",
    "pyproject.toml",
)
#: A fixed timestamp, so the same sources give a byte-identical zip.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
LAUNCH_KEYS = (
    "binderhub_url",
    "colab_url",
    "jupyterhub_url",
    "deepnote_url",
    "jupyterlite_url",
)

_OPEN = re.compile(r"^(?P<fence>`{3,}|:{3,})\{(?P<name>solution(?:-start|-end)?)\}")

KIT_README = """\
# Scaling Laws: {title}

The notebooks of the executable book *Scaling Laws*, the small `scaling` package they import
(with its data tables) and the pinned versions of everything they need. {edition}

## Start: two commands

You need Python 3.11. In this folder, run:

```bash
python3.11 -m venv .venv && .venv/bin/python -m pip install -r requirements/lab.txt -c requirements/constraints.txt -e .
.venv/bin/jupyter lab --notebook-dir=notebooks
```

The first creates a virtual environment `.venv` and installs JupyterLab, the `scaling` package
and everything the notebooks import into it (a few minutes, once). The second opens JupyterLab
in your browser; open `01_power_laws.ipynb` and run it with *Run > Run All Cells*. The kernel
"Python 3" is the environment's Python, which imports `scaling`.

On Windows use `py -3.11 -m venv .venv`, `.venv\\Scripts\\python -m pip ...` and
`.venv\\Scripts\\jupyter lab --notebook-dir=notebooks`.

## Check that a notebook still runs

After changing a notebook, run it from top to bottom without opening JupyterLab (it stops with
the error of the first cell that fails):

```console
.venv/bin/jupyter execute notebooks/01_power_laws.ipynb
```

## What is inside

| path | what |
|---|---|
| `notebooks/` | one notebook per chapter; run them in order |
| `scaling/` | the package every number in the book comes from; each function says which paper it reproduces |
| `data/` | the tables the package reads (installed inside the package), with their sources in `data/README.md` |
| `requirements/` | the exact versions the book was checked with (`lab.txt` for the notebooks, `constraints.txt` pins everything) |

`pip install .` also works in any other environment: the package finds its data tables after
any install, from any folder.
"""

STUDENT_EDITION = (
    "This is the student kit: the exercises are there, their solutions are not.",
    "course kit",
)
TEACHER_EDITION = (
    "This is the teacher's kit: every exercise has its solution. Hand students the student"
    " kit, `scaling-course-kit.zip`, which has none.",
    "teacher's course kit (with solutions)",
)


def _directive_end(lines, start, fence):
    """Index of the line after the fenced block that opens at ``lines[start]``."""
    for i in range(start + 1, len(lines)):
        stripped = lines[i].strip()
        if stripped and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
            return i + 1
    return len(lines)


def _strip_markdown(text, inside):
    """Remove solutions from markdown ``text``; ``inside``: a gated solution is open.

    Returns the kept text and whether a gated solution is still open at its end.
    """
    lines = text.splitlines(keepends=True)
    kept, i = [], 0
    while i < len(lines):
        match = _OPEN.match(lines[i])
        if match:
            i = _directive_end(lines, i, match["fence"])
            name = match["name"]
            inside = (
                True
                if name == "solution-start"
                else False
                if name == "solution-end"
                else inside
            )
            continue
        if not inside:
            kept.append(lines[i])
        i += 1
    return "".join(kept), inside


def strip_solutions_from_notebook(notebook: dict) -> dict:
    """A copy of a notebook (nbformat 4 as a dict) without its exercise solutions.

    Drops every cell from a ``solution-start`` to its ``solution-end`` (code and outputs
    included) and every ``solution`` directive; text before or after them in the same cell is
    kept.
    """
    notebook = copy.deepcopy(notebook)
    cells, inside = [], False
    for cell in notebook["cells"]:
        if cell["cell_type"] != "markdown":
            if not inside:
                cells.append(cell)
            continue
        source = cell["source"]
        text = "".join(source) if isinstance(source, list) else source
        kept, inside = _strip_markdown(text, inside)
        if kept.strip():
            if kept != text:
                cell["source"] = kept.splitlines(keepends=True)
            cells.append(cell)
    notebook["cells"] = cells
    return notebook


def strip_solutions_from_markdown(text: str) -> str:
    """Markdown ``text`` without its exercise solutions (gated or not)."""
    return _strip_markdown(text, False)[0]


def _notebook_json(notebook: dict) -> str:
    return json.dumps(notebook, indent=1, ensure_ascii=False) + "\n"


def kit_files(root: Path = ROOT) -> list[Path]:
    """The repository files that go into the kit, sorted, without caches."""
    found = set()
    for pattern in KIT_PATTERNS:
        found.update(p for p in root.glob(pattern) if p.is_file())
    return sorted(p for p in found if "__pycache__" not in p.parts)


def kit_readme(teacher: bool = False) -> str:
    """The kit's README: the two commands that start, and which kit it is."""
    edition, title = TEACHER_EDITION if teacher else STUDENT_EDITION
    return KIT_README.format(edition=edition, title=title)


def build_kit(out: Path, teacher: bool = False, root: Path = ROOT) -> Path:
    """Write a course kit to ``out`` (a zip with one top folder); return ``out``.

    The student kit (the default) has the exercises without their solutions; the teacher's
    kit (``teacher=True``, top folder ``scaling-course-kit-teacher``) keeps them.
    """
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    top = TEACHER_KIT_NAME if teacher else KIT_NAME
    entries = {"README.md": kit_readme(teacher).encode()}
    for path in kit_files(root):
        rel = path.relative_to(root).as_posix()
        data = path.read_bytes()
        if not teacher and path.suffix == ".ipynb":
            stripped = strip_solutions_from_notebook(json.loads(data))
            data = _notebook_json(stripped).encode()
        entries[rel] = data
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as kit:
        for rel in sorted(entries):
            info = zipfile.ZipInfo(f"{top}/{rel}", date_time=ZIP_DATE)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            kit.writestr(info, entries[rel])
    return out


# Sphinx hooks ---------------------------------------------------------------------------


def _configure(app, config):
    """Launch buttons follow ``repository.url``; the student edition hides solutions."""
    options = config.html_theme_options
    buttons = options.get("launch_buttons")
    if options.get("repository_url"):
        options["use_repository_button"] = True
    elif isinstance(buttons, dict):
        for key in LAUNCH_KEYS:
            buttons[key] = ""
    if config.student_edition:
        config.hide_solutions = True
        app.tags.add(STUDENT_TAG)


def _strip_source(app, docname, source):
    if not app.config.student_edition:
        return
    if app.env.doc2path(docname).endswith(".ipynb"):
        notebook = json.loads(source[0])
        source[0] = _notebook_json(strip_solutions_from_notebook(notebook))
    else:
        source[0] = strip_solutions_from_markdown(source[0])


def _finish(app, exception):
    if exception is not None or app.builder.format != "html":
        return
    student = app.config.student_edition
    outdir = Path(app.outdir)
    if student:
        # The download button offers the page's source notebook: strip it as well.
        for path in (outdir / "_sources").rglob("*.ipynb"):
            notebook = json.loads(path.read_text(encoding="utf-8"))
            stripped = strip_solutions_from_notebook(notebook)
            path.write_text(_notebook_json(stripped), encoding="utf-8")
    build_kit(outdir / "_downloads" / KIT_FILE)
    if not student:
        build_kit(outdir / "_downloads" / TEACHER_KIT_FILE, teacher=True)


def setup(app):
    app.add_config_value("student_edition", False, "env")
    # After sphinx-exercise registers hide_solutions (it is loaded before local extensions).
    app.connect("config-inited", _configure, priority=900)
    app.connect("source-read", _strip_source)
    app.connect("build-finished", _finish)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description="Write the student course kit zip (no solutions)."
    )
    parser.add_argument("out", type=Path, help="zip file to write")
    parser.add_argument(
        "--teacher", action="store_true", help="the teacher's kit, with the solutions"
    )
    args = parser.parse_args(argv)
    print(build_kit(args.out, teacher=args.teacher))


if __name__ == "__main__":
    main()

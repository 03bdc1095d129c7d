"""Every chapter notebook follows the book's shape (DEVELOPERS.md, "The shape of the repository").

The reader's edition (issue 11) adds: a learning-objectives box under the title, takeaways in
a box, every solution's code and output inside its fold, code at most 88 columns wide,
numbered figures with captions and alt text, and no glued number printed in e-notation.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
BOOK_PAGES = sorted((ROOT / "book").glob("*.md"))
LINE_LENGTH = 88  # pyproject.toml [tool.ruff]; the book's code boxes show 88 columns
MIN_ALT_WORDS = 4  # fewer words cannot say what a plot shows

# A sphinx-exercise solution, plain or gated, folded: ```{solution} label / ```{solution-start}
SOLUTION = re.compile(r"```\{solution(?:-start)?\} (\S+)\n:class: dropdown")
# The markers that open and close a gated solution, in the order they appear.
GATE = re.compile(r"```\{solution-(start|end)\}")
# {glue:text}`key:spec` or {glue:text}`path::key:spec`; the spec's last letter is its type.
GLUE_TEXT = re.compile(r"\{glue:text\}`([^`]+)`")


def load(path):
    return json.loads(path.read_text())


def cells(path, kind):
    return ["".join(c["source"]) for c in load(path)["cells"] if c["cell_type"] == kind]


def chapter(path):
    return int(path.stem[:2])


def has_image(cell):
    return any(
        "image/png" in out.get("data", {}) or "image/svg+xml" in out.get("data", {})
        for out in cell.get("outputs", [])
    )


def test_there_are_chapters():
    assert NOTEBOOKS


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_title_and_imports_the_package(path):
    markdown, code = cells(path, "markdown"), cells(path, "code")
    assert re.match(rf"# Chapter {chapter(path)}: \S", markdown[0])
    assert "import scaling as sc" in code[0]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_opens_with_learning_objectives(path):
    """Right under the title, before any code or section: what the reader will be able to do."""
    nb = load(path)
    opening = []
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" or (opening and source.startswith("## ")):
            break
        opening.append(source.split("\n## ")[0])
    text = "\n".join(opening)
    title_end = text.index("\n") if "\n" in text else len(text)
    after_title = text[title_end:].lstrip()
    box = re.match(
        r"(```+|:::+)\{admonition\} After this chapter you can\b", after_title
    )
    assert box, (
        f"{path.name}: the title must be followed directly by a box "
        "```{admonition} After this chapter you can ... listing what the reader can compute"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_ends_with_takeaways_exercises_and_references(path):
    text = "\n".join(cells(path, "markdown"))
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings[-3:] == ["Takeaways", "Exercises", "References"], headings
    exercises = re.findall(r"```\{exercise\}\n:label: (\S+)", text)
    solutions = SOLUTION.findall(text)
    assert len(exercises) >= 3
    assert sorted(exercises) == sorted(solutions)
    assert "```{footbibliography}" in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_takeaways_sit_in_a_box(path):
    text = "\n".join(cells(path, "markdown"))
    after = text.split("\n## Takeaways", 1)[-1].lstrip()
    assert re.match(r"(```+|:::+)\{(admonition|important|tip|note)\}", after), (
        f"{path.name}: the Takeaways heading must be followed by a box "
        "(```{admonition} Takeaways or ```{important})"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exercise_code_sits_inside_its_solution_fold(path):
    """After "## Exercises" every code cell is between solution-start and solution-end.

    A gated solution (sphinx-exercise) folds the code cells between its markers together
    with their outputs; a code cell outside a pair would print its answer in plain view.
    """
    in_exercises = inside = False
    loose, unbalanced = [], []
    for index, cell in enumerate(load(path)["cells"]):
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            heading = re.search(r"^## Exercises\s*$", source, flags=re.M)
            start = heading.end() if heading else 0
            in_exercises = in_exercises or heading is not None
            for marker in GATE.finditer(source, start):
                opening = marker.group(1) == "start"
                if opening == inside:  # a start inside a fold, or an end outside one
                    unbalanced.append(f"cell {index}: solution-{marker.group(1)}")
                inside = opening
        elif in_exercises and source.strip() and not inside:
            loose.append(f"cell {index}: {source.strip().splitlines()[0][:60]}")
    assert not inside, f"{path.name}: the last solution-start has no solution-end"
    assert not unbalanced, f"{path.name}: unbalanced solution markers: {unbalanced}"
    assert not loose, (
        f"{path.name}: code cells in the Exercises section outside a gated solution "
        f"(their output would show the answer): {loose}"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_code_fits_88_columns(path):
    long = [
        f"cell {i}, {len(line)} columns: {line.strip()[:60]}"
        for i, cell in enumerate(load(path)["cells"])
        if cell["cell_type"] == "code"
        for line in "".join(cell["source"]).splitlines()
        if len(line) > LINE_LENGTH
    ]
    assert not long, f"{path.name}: code lines wider than {LINE_LENGTH} columns: {long}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_figure_is_numbered_captioned_and_described(path):
    """A cell with an image output carries MyST-NB figure metadata and alt text."""
    prefix = f"fig-ch{chapter(path)}-"
    problems = []
    for i, cell in enumerate(load(path)["cells"]):
        if cell["cell_type"] != "code" or not has_image(cell):
            continue
        images = sum(
            "image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
            for o in cell["outputs"]
        )
        meta = cell.get("metadata", {}).get("mystnb", {})
        figure, image = meta.get("figure", {}), meta.get("image", {})
        caption, name, alt = (
            figure.get("caption", ""),
            figure.get("name", ""),
            image.get("alt", ""),
        )
        where = f"cell {i} ({name or 'unnamed'})"
        if images > 1:
            problems.append(
                f"{where}: {images} images in one cell (one figure per cell)"
            )
        if len(caption.split()) < 3:
            problems.append(f"{where}: no caption in metadata.mystnb.figure.caption")
        if not name.startswith(prefix):
            problems.append(
                f"{where}: metadata.mystnb.figure.name must start {prefix!r}"
            )
        if len(alt.split()) < MIN_ALT_WORDS:
            problems.append(
                f"{where}: alt text missing or too short (mystnb.image.alt)"
            )
        if "{glue" in caption + alt:
            problems.append(f"{where}: captions and alt text are plain text, no glue")
    assert not problems, f"{path.name}: " + "; ".join(problems)


def e_notation_glue(text):
    """Every {glue:text} whose format spec prints e-notation (type g, G, e or E)."""
    found = []
    for target in GLUE_TEXT.findall(text):
        key = target.rsplit("::", 1)[-1]
        spec = key.split(":", 1)[1] if ":" in key else ""
        if spec and spec[-1] in "gGeE":
            found.append(target)
    return found


@pytest.mark.parametrize("path", NOTEBOOKS + BOOK_PAGES, ids=lambda p: p.stem)
def test_no_glued_number_in_e_notation(path):
    """Glue the formatted string (scaling.fmt) instead of a float with a :g or :e spec."""
    if path.suffix == ".ipynb":
        text = "\n".join(cells(path, "markdown"))
    else:
        text = path.read_text()
    found = e_notation_glue(text)
    assert not found, f"{path.name}: glue with an e-notation format spec: {found}"


def test_e_notation_glue_pattern():
    text = (
        "{glue:text}`ch1_a:.3g` {glue:text}`ch1_b:.2e` {glue:text}`ch1_c:.2f` "
        "{glue:text}`ch1_d` {glue:text}`../notebooks/05.ipynb::ch5_e:s` "
        "{glue:text}`../notebooks/05.ipynb::ch5_f:.1E`"
    )
    assert e_notation_glue(text) == [
        "ch1_a:.3g",
        "ch1_b:.2e",
        "../notebooks/05.ipynb::ch5_f:.1E",
    ]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_was_executed_in_order(path):
    nb = load(path)
    counts = [
        c["execution_count"]
        for c in nb["cells"]
        if c["cell_type"] == "code" and "".join(c["source"])
    ]
    assert counts == list(range(1, len(counts) + 1))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_glue_keys_carry_the_chapter_prefix(path):
    prefix = f"ch{chapter(path)}_"
    keys = re.findall(r"""glue\(\s*["']([^"']+)["']""", "\n".join(cells(path, "code")))
    assert all(k.startswith(prefix) for k in keys), keys


# What a reader sees: code that teaches, not machinery ------------------------------------

FOLDED = {"remove-cell", "remove-input", "hide-input", "hide-cell"}
INSTALL = (
    "python -m pip install -r requirements/lab.txt -c requirements/constraints.txt -e ."
)


def _is_glue(node):
    if isinstance(node, ast.For) and not node.orelse:
        return all(_is_glue(n) for n in node.body)
    return (
        isinstance(node, ast.Expr)
        and isinstance(node.value, ast.Call)
        and isinstance(node.value.func, ast.Name)
        and node.value.func.id == "glue"
    )


def _is_styling(node):
    text = ast.unparse(node)
    return bool(
        re.search(r"use_style\(|rcParams|plt\.style\.|mpl\.rc\(|rc_context", text)
    )


def machinery_only(source):
    """True when every statement of a code cell imports, glues or styles plots."""
    body = ast.parse(source).body
    return bool(body) and all(
        isinstance(n, (ast.Import, ast.ImportFrom)) or _is_glue(n) or _is_styling(n)
        for n in body
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_visible_cell_only_imports_glues_or_styles(path):
    shown = [
        "".join(c["source"])
        for c in load(path)["cells"]
        if c["cell_type"] == "code" and not FOLDED & set(c["metadata"].get("tags", []))
    ]
    machinery = [s.splitlines()[0] for s in shown if machinery_only(s)]
    assert not machinery, f"{path.name}: fold or remove {machinery}"
    glue_lines = [line for s in shown for line in s.splitlines() if "glue(" in line]
    assert not glue_lines, f"{path.name}: glue in a shown cell: {glue_lines[:3]}"


def test_machinery_only_tells_setup_from_teaching():
    assert machinery_only(
        "import numpy as np\nfrom myst_nb import glue\nsc.plot.use_style()"
    )
    assert machinery_only("for k, v in d.items():\n    glue(k, v, display=False)")
    assert not machinery_only("import numpy as np\nx = np.arange(3)\nglue('x', x)")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_set_up_is_folded_and_the_opening_gives_the_install_command(path):
    nb = load(path)
    setup = next(c for c in nb["cells"] if c["cell_type"] == "code")
    assert "import scaling as sc" in "".join(setup["source"])
    assert FOLDED & set(setup["metadata"].get("tags", [])), "set-up cell is shown"
    assert "pip install -e ." not in "".join(setup["source"])
    opening = "".join(nb["cells"][0]["source"])
    assert INSTALL in opening, f"{path.name}: the opening must give `{INSTALL}`"


def test_install_command_is_the_kits():
    sys.path.insert(0, str(ROOT / "book" / "_ext"))
    import course_kit

    assert INSTALL.removeprefix("python ") in course_kit.KIT_README


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_legends_and_tick_labels_keep_the_phone_size(path):
    """The style draws them at PHONE_TEXT_PT, which the browser test checks at 390 px."""
    from scaling.plot import PHONE_TEXT_PT

    code = "\n".join(cells(path, "code"))
    assert not re.search(r"\.legend\([^)]*fontsize=", code), "legend fontsize set"
    assert not re.search(r"rcParams\[[\"'](xtick|ytick|legend)\.", code)
    for size in re.findall(r"labelsize=([\d.]+)", code):
        assert float(size) >= PHONE_TEXT_PT, f"labelsize={size}"
    assert not re.search(r"labelsize=[\"']", code), "relative labelsize"

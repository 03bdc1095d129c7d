"""The Chinese edition: message catalogues, the zh build and the language switch.

Sphinx extension (``_config.yml``, ``sphinx.local_extensions``) and command-line script.

- **Catalogues.** ``python book/_ext/translation.py update`` (``make i18n-update``) extracts
  every message of the English pages and notebooks' markdown with Sphinx's gettext builder
  (nothing is executed) and merges it into ``book/locale/zh_CN/LC_MESSAGES/<page>.po`` with
  ``sphinx-intl``. A changed English message becomes fuzzy or new there, and the tests fail
  until it is translated. ``stats`` prints translated/total messages per catalogue.
- **The zh build.** ``python book/_ext/translation.py build BUILD_DIR`` builds the Chinese
  edition into ``BUILD_DIR/html/zh`` from the notebooks the English build has executed
  (``BUILD_DIR/jupyter_execute``), with execution off: glued numbers, tables and figures are
  the English build's own outputs, so the two editions cannot differ.
- **Language switch.** Every page of each edition links to the same page of the other one by
  a relative address, so the switch works offline and from any folder.
- **Computed text.** Text a notebook glues into the prose (a verdict and its reason, "203B
  tokens") is translated as a template whose slots the zh build fills with the computed
  numbers (``computed_text.py``, catalogue ``glued.po``).
- **Untranslated messages.** In the zh build every translatable message that found no
  translation is written to ``untranslated.json`` in the output folder (the tests read it).
"""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import computed_text

ROOT = Path(__file__).resolve().parents[2]
LOCALE_DIR = ROOT / "book" / "locale"
LANGUAGE = "zh_CN"
#: The Chinese edition's folder inside the English site.
ZH_FOLDER = "zh"
#: The zh build's list of messages that found no translation, per page.
UNTRANSLATED_REPORT = "untranslated.json"
#: The catalogue of the computed text the notebooks glue into the prose (computed_text.py).
GLUED_CATALOGUE = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / "glued.po"
#: The comment at the top of every catalogue.
CATALOGUE_HEADER = (
    "# The Chinese edition of Scaling Laws: an executable book.\n"
    '# Workflow: book/how_to_use.md, "The Chinese edition"; make i18n-update.'
)
#: What the Chinese edition's front page says it is.
ZH_FRONT_NOTE = (
    "本版是英文版《Scaling Laws: an executable book》的中文翻译。"
    "两版由同一批已执行的笔记本构建：书中每个数字、表格和图都是同一次计算的结果，"
    "只有文字被翻译（图中坐标轴标签和表格保留英文）。"
)
#: Where the front page sends the source blog's readers: the claims ledger.
ZH_LEDGER_NOTE = (
    '读过原博客《规模法则 Scaling Law》的读者，可以从<a href="blog_claims.html">核对源博客的论断</a>'
    "读起：它逐条列出博客的论断，并给出计算得到的结论。"
)
#: The Chinese edition's Sphinx settings for text that is configuration, not page text:
#: figure, table and section numbers ("图 3.1"), and the labels of folded code and solutions.
ZH_SETTINGS = {
    "numfig_format": {
        "figure": "图 %s",
        "table": "表 %s",
        "code-block": "代码 %s",
        "section": "第 %s 节",
    },
    "nb_code_prompt_show": "显示代码",
    "nb_code_prompt_hide": "隐藏代码",
    "togglebutton_hint": "点击显示",
    "togglebutton_hint_hide": "点击隐藏",
}
#: Fold labels that notebooks set on a cell (``mystnb.code_prompt_show``/``_hide``), which
#: no message catalogue holds. The zh build fails on a label missing here.
CELL_PROMPTS = {
    "Show the set-up code (imports, short names)": "显示设置代码（导入、简称）",
    "Hide the set-up code": "隐藏设置代码",
}
SWITCH_LABELS = {
    "en": ("中文", "zh-CN", "阅读中文版"),
    "zh": ("English", "en", "English"),
}
TRANSLATION_SETTINGS = {
    "locale_dirs": [str(LOCALE_DIR)],
    "gettext_compact": False,  # one catalogue per page: book/intro.po, notebooks/01_....po
    "gettext_uuid": False,
    "gettext_location": False,  # catalogues do not change when a line moves
}
#: MyST-NB shows no cell output to builders it does not know; the gettext builder must see
#: the figures, whose captions and alt text (cell metadata) are messages too.
GETTEXT_OUTPUTS = [
    ["gettext", mime, rank]
    for rank, mime in enumerate(
        ["text/html", "image/svg+xml", "image/png", "text/plain"]
    )
]
CJK = re.compile(r"[\u3400-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


# ----------------------------------------------------------------------------------------
# Sphinx extension
# ----------------------------------------------------------------------------------------


def _edition(app) -> str:
    return "zh" if (app.config.language or "en").startswith("zh") else "en"


def other_edition_url(pagename: str, edition: str) -> str:
    """The relative address of ``pagename`` in the other edition.

    >>> other_edition_url("notebooks/01_power_laws", "en")
    '../zh/notebooks/01_power_laws.html'
    >>> other_edition_url("notebooks/01_power_laws", "zh")
    '../../notebooks/01_power_laws.html'
    >>> other_edition_url("index", "en")
    'zh/index.html'
    """
    depth = pagename.count("/")
    if edition == "en":
        return "../" * depth + f"{ZH_FOLDER}/{pagename}.html"
    return "../" * (depth + 1) + f"{pagename}.html"


def add_language_switch(app, pagename, templatename, context, doctree) -> None:
    """Put a link to the same page in the other language at the top of every page."""
    if "body" not in context or app.builder.format != "html":
        return
    edition = _edition(app)
    label, lang, title = SWITCH_LABELS[edition]
    url = other_edition_url(pagename, edition)
    note = ""
    if edition == "zh" and pagename == app.config.root_doc:
        note = f'<p class="translation-note">{ZH_FRONT_NOTE}{ZH_LEDGER_NOTE}</p>\n'
    context["body"] = (
        f'<p class="language-switch"><a href="{url}" hreflang="{lang}" lang="{lang}"'
        f' title="{title}">{label}</a></p>\n' + note + context["body"]
    )
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n<link rel="alternate" hreflang="{lang}" href="{url}" />'
    )


# A translated paragraph is parsed on its own, as a small document without the notebook's
# glued values, so ``{glue:text}`key``` in a msgstr would find nothing. In the zh build a
# key missing there is read from the values MyST-NB saved for the page (NAME.glue.json).


def _glue_from_the_page(retrieve):
    from myst_nb.ext.glue.crossref import read_glue_cache
    from myst_nb.ext.glue.utils import RetrievalError, VariableOutput

    def retrieve_glue_data(document, key):
        try:
            return retrieve(document, key)
        except RetrievalError:
            env = getattr(document.settings, "env", None)
            if env is None:
                raise
            saved = read_glue_cache(env.mystnb_config.output_folder, env.docname)
            if key not in saved:
                raise
            return VariableOutput(
                data=saved[key]["data"],
                metadata=saved[key].get("metadata", {}),
                nb_renderer=document.get("nb_renderer"),  # {glue:text} needs none
                vtype="glue",
            )

    return retrieve_glue_data


def enable_glue_in_translations() -> None:
    import myst_nb.ext.glue.directives as directives
    import myst_nb.ext.glue.roles as roles

    for module in (roles, directives):
        module.retrieve_glue_data = _glue_from_the_page(module.retrieve_glue_data)


def translate_toctree_captions(app, doctree) -> None:
    """Translate the captions of the table of contents ("Chapters"), which Sphinx extracts
    into the catalogue but does not put back."""
    from sphinx import addnodes

    if _edition(app) != "zh":
        return
    po = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{app.env.docname}.po"
    if not po.exists():
        return
    strings = {m.id: m.string for m in read_catalogue(po) if m.id and not m.fuzzy}
    for node in doctree.findall(addnodes.toctree):
        caption = node.get("caption")
        if strings.get(caption):
            node["caption"] = strings[caption]
            node["translated"] = True


def forget_message_documents(app, doctree) -> None:
    """Point translated nodes at their page, not at the small documents their messages were
    parsed in.

    Those documents hold the build environment in their settings, so a page's pickled
    doctree would carry the whole environment along (2.5 MB instead of 0.2 MB by chapter 9),
    and every cross-reference to the page would unpickle it.
    """
    for node in doctree.findall():
        if node._document is not None and node._document is not doctree:
            node._document = None


#: The zh build's translations of computed text ({template: translated template}), and the
#: glued texts that found none ({page: [templates]}); pages are written one at a time.
_GLUED_TRANSLATIONS: dict[str, str] = {}
_UNTRANSLATED_GLUED: dict[str, list[str]] = {}


def load_glued_translations(app) -> None:
    _GLUED_TRANSLATIONS.clear()
    _UNTRANSLATED_GLUED.clear()
    if _edition(app) == "zh" and GLUED_CATALOGUE.exists():
        _GLUED_TRANSLATIONS.update(
            (m.id, m.string)
            for m in read_catalogue(GLUED_CATALOGUE)
            if m.id and m.string and not m.fuzzy
        )


def translate_glued_text(app, doctree, docname) -> None:
    """Show computed text in Chinese: its template's translation, filled with its numbers."""
    from docutils import nodes

    if _edition(app) != "zh":
        return
    for node in list(doctree.findall(nodes.inline)):
        text = node.astext()
        if "pasted-text" not in node["classes"] or not computed_text.needs_translation(
            text
        ):
            continue
        words, numbers = computed_text.template(text)
        translation = _GLUED_TRANSLATIONS.get(words)
        if translation is None:
            _UNTRANSLATED_GLUED.setdefault(docname, []).append(f"(glued) {words}")
            continue
        node.children = []
        node += nodes.Text(computed_text.fill(translation, numbers))


def write_untranslated(app, exception) -> None:
    """In the zh build, list per page the messages that stayed in English."""
    from sphinx.util.nodes import extract_messages

    if exception is not None or _edition(app) != "zh":
        return
    report = {}
    for docname in sorted(app.env.found_docs):
        kept = _kept_messages(docname)
        doctree = app.env.get_doctree(docname)
        missing = [
            msg
            for node, msg in extract_messages(doctree)
            if not _is_translated(node, msg) and msg not in kept
        ]
        missing += _UNTRANSLATED_GLUED.get(docname, [])
        if missing:
            report[docname] = missing
    path = Path(app.outdir) / UNTRANSLATED_REPORT
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False))


def _is_translated(node, msg: str) -> bool:
    """Whether a message of the zh doctree is Chinese (or needs no translation).

    Text that a cell prints (tables, markdown) is computed and stays as computed; only the
    captions and alt text of its figures are translated.
    """
    from docutils import nodes

    if not isinstance(node, (nodes.caption, nodes.image)) and _in_cell_output(node):
        return True
    if isinstance(node, nodes.image):  # Sphinx translates alt text without marking it
        return bool(CJK.search(msg))
    return bool(node.get("translated")) or not LATIN.search(msg)


def _in_cell_output(node) -> bool:
    while node is not None:
        if "cell_output" in node.get("classes", ()):
            return True
        node = node.parent
    return False


def _kept_messages(docname: str) -> set[str]:
    """The messages of a page whose translation is the English text itself."""
    po = LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{docname}.po"
    if not po.exists():
        return set()
    return {m.id for m in read_catalogue(po) if m.id and m.string == m.id}


def read_catalogue(path: Path):
    from babel.messages.pofile import read_po

    with open(path, "rb") as handle:
        return read_po(handle)


def setup(app):
    if (app.config.language or "en").startswith("zh"):
        enable_glue_in_translations()
    app.connect("html-page-context", add_language_switch)
    # Before the table-of-contents collector (priority 500) copies the captions.
    app.connect("doctree-read", translate_toctree_captions, priority=400)
    app.connect("doctree-read", forget_message_documents)
    app.connect("builder-inited", load_glued_translations)
    app.connect("doctree-resolved", translate_glued_text)
    app.connect("build-finished", write_untranslated)
    app.add_css_file("translation.css")
    return {"parallel_read_safe": False, "parallel_write_safe": False}


# ----------------------------------------------------------------------------------------
# Command line: update the catalogues, build the Chinese edition, print statistics
# ----------------------------------------------------------------------------------------


def _config(execute: str, **sphinx_config) -> dict:
    import yaml

    config = yaml.safe_load((ROOT / "_config.yml").read_text())
    config["execute"]["execute_notebooks"] = execute
    local = config.get("sphinx", {}).get("local_extensions") or {}
    for name, folder in local.items():
        local[name] = str((ROOT / folder).resolve())
    config["sphinx"].setdefault("config", {}).update(
        TRANSLATION_SETTINGS, **sphinx_config
    )
    return config


def _jupyter_book(
    source: Path, out: Path, config: dict, builder: list[str], capture: bool = False
) -> subprocess.CompletedProcess:
    """Run ``jupyter-book build -W -n --keep-going``; fail unless ``capture``."""
    import yaml

    out.mkdir(parents=True, exist_ok=True)
    config_path = out / "_config_translation.yml"
    config_path.write_text(yaml.safe_dump(config, allow_unicode=True))
    jb = Path(sys.executable).with_name("jupyter-book")
    cmd = [str(jb), "build", str(source), "--path-output", str(out)]
    cmd += ["--config", str(config_path), "-W", "-n", "--keep-going", *builder]
    kwargs = {"capture_output": True, "text": True} if capture else {}
    return subprocess.run(cmd, cwd=ROOT, check=not capture, **kwargs)


def update(build_dir: Path) -> None:
    """Extract the English messages and merge them into the zh_CN catalogues."""
    out = build_dir / "gettext-build"
    shutil.rmtree(out, ignore_errors=True)
    builder = ["--builder", "custom", "--custom-builder", "gettext"]
    config = _config("off", nb_mime_priority_overrides=GETTEXT_OUTPUTS)
    _jupyter_book(ROOT, out, config, builder)
    pot_dir = out / "_build" / "gettext"
    intl = Path(sys.executable).with_name("sphinx-intl")
    cmd = [str(intl), "update", "-p", str(pot_dir), "-d", str(LOCALE_DIR)]
    subprocess.run(cmd + ["-l", LANGUAGE, "-w", "0"], cwd=ROOT, check=True)
    update_glued_catalogue()
    tidy_catalogues()
    stats()


def tidy_catalogues() -> None:
    """Write every catalogue as the tests expect it: without the messages the English text no
    longer has (``#~`` entries; a reworded message already arrives fuzzy with its old
    translation), and with a reviewed header (no fuzzy flag, the book's name)."""
    for po in (LOCALE_DIR / LANGUAGE / "LC_MESSAGES").rglob("*.po"):
        write_catalogue(po, read_catalogue(po))


def write_catalogue(po: Path, catalogue) -> None:
    """Write ``catalogue`` to ``po`` unless only its header dates would change."""
    from babel.messages.pofile import write_po

    catalogue.fuzzy = False
    catalogue.header_comment = CATALOGUE_HEADER
    catalogue.project = "Scaling Laws"
    catalogue.version = ""
    catalogue.msgid_bugs_address = ""
    catalogue.last_translator = "The Scaling Laws book authors"
    catalogue.language_team = "zh_CN"
    text = io.BytesIO()
    write_po(text, catalogue, width=0, ignore_obsolete=True)
    old = po.read_bytes() if po.exists() else b""
    if _without_dates(text.getvalue()) != _without_dates(old):
        po.write_bytes(text.getvalue())


def update_glued_catalogue() -> None:
    """Merge the templates of the computed text the prose shows into ``glued.po``."""
    from babel.messages.catalog import Catalog

    found = computed_text.glued_texts(
        sorted((ROOT / "notebooks").glob("*.ipynb")),
        sorted((ROOT / "book").glob("*.md")),
    )
    pot = Catalog(project="Scaling Laws", charset="utf-8")
    for words, keys in sorted(found.items()):
        pot.add(words, auto_comments=[", ".join(sorted(set(keys)))])
    if GLUED_CATALOGUE.exists():
        catalogue = read_catalogue(GLUED_CATALOGUE)
    else:
        catalogue = Catalog(locale=LANGUAGE, charset="utf-8")
    catalogue.update(pot)
    write_catalogue(GLUED_CATALOGUE, catalogue)
    print(
        f"Computed text: {len(found)} templates in {GLUED_CATALOGUE.relative_to(ROOT)}"
    )


def _without_dates(po: bytes) -> bytes:
    """A catalogue's text without its header dates, which change at every update."""
    return re.sub(rb'"(POT-Creation|PO-Revision)-Date: [^"]*"\n', b"", po)


def build(build_dir: Path, capture: bool = False) -> subprocess.CompletedProcess:
    """Build the Chinese edition into ``build_dir/html/zh`` from the English build's
    executed notebooks (``build_dir/jupyter_execute``); return the build's process."""
    executed = build_dir / "jupyter_execute" / "notebooks"
    if not executed.is_dir():
        raise FileNotFoundError(f"{executed}: build the English edition first")
    source = build_dir / "zh-source"
    shutil.rmtree(source, ignore_errors=True)
    source.mkdir(parents=True)
    for name in ("_toc.yml", "book"):
        (source / name).symlink_to(ROOT / name)
    (source / "notebooks").mkdir()
    for notebook in (ROOT / "notebooks").glob("*.ipynb"):
        prepare_notebook(executed / notebook.name, source / "notebooks" / notebook.name)
    config = _config("off", language=LANGUAGE, **ZH_SETTINGS)
    config["title"] = "规模法则：一本可执行的书"
    out = build_dir / "zh-build"
    shutil.rmtree(
        out, ignore_errors=True
    )  # a fresh environment: every page translated anew
    proc = _jupyter_book(source, out, config, ["--builder", "html"], capture)
    html = build_dir / "html" / ZH_FOLDER
    shutil.rmtree(html, ignore_errors=True)
    if proc.returncode == 0:
        shutil.copytree(out / "_build" / "html", html)
    return proc


def prepare_notebook(executed: Path, target: Path) -> None:
    """Copy an executed notebook for the zh build: glued values put back, fold labels
    translated."""
    notebook = json.loads(executed.read_text())
    restore_glue(notebook, executed.with_name(executed.stem + ".glue.json"))
    translate_cell_prompts(notebook, executed.name)
    target.write_text(json.dumps(notebook))


def translate_cell_prompts(notebook: dict, name: str) -> None:
    """Put the Chinese fold labels of ``CELL_PROMPTS`` into the cells' metadata."""
    for cell in notebook["cells"]:
        options = cell.get("metadata", {}).get("mystnb", {})
        for key in ("code_prompt_show", "code_prompt_hide"):
            if key in options:
                if options[key] not in CELL_PROMPTS:
                    raise KeyError(
                        f"{name}: fold label {options[key]!r} has no translation in"
                        " book/_ext/translation.py CELL_PROMPTS"
                    )
                options[key] = CELL_PROMPTS[options[key]]


def restore_glue(notebook: dict, glue_file: Path) -> None:
    """Put an executed notebook's glued values back into it.

    MyST-NB moves the hidden glued values (``display=False``) out of the notebook it writes
    (into ``NAME.glue.json``); they go back, as the glue records they were, into the outputs
    of the first code cell (where they sit does not matter: the zh build reads them and shows
    none of them). Displayed glue outputs never left the notebook.
    """
    records = json.loads(glue_file.read_text()) if glue_file.exists() else {}
    outputs = []
    for output in records.values():
        prefix = output["metadata"]["scrapbook"].get("mime_prefix", "")
        if not prefix:
            continue
        data = {prefix + mime: value for mime, value in output["data"].items()}
        outputs.append({**output, "data": data})
    if outputs:
        cell = next(c for c in notebook["cells"] if c["cell_type"] == "code")
        cell["outputs"] = outputs + cell["outputs"]


def stats() -> tuple[int, int]:
    """Print translated/total messages per catalogue; return the totals."""
    done = total = 0
    folder = LOCALE_DIR / LANGUAGE / "LC_MESSAGES"
    for po in sorted(folder.rglob("*.po")):
        messages = [m for m in read_catalogue(po) if m.id]
        ok = sum(1 for m in messages if m.string and not m.fuzzy)
        done, total = done + ok, total + len(messages)
        print(f"{ok:4d}/{len(messages):4d}  {po.relative_to(folder)}")
    print(f"{done:4d}/{total:4d}  translated messages in all")
    return done, total


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["update", "build", "stats"])
    parser.add_argument("build_dir", nargs="?", default=str(ROOT / "_build"))
    args = parser.parse_args(argv)
    build_dir = Path(args.build_dir).resolve()
    if args.command == "update":
        update(build_dir)
    elif args.command == "build":
        build(build_dir)
        print(f"Chinese edition built: {build_dir / 'html' / ZH_FOLDER}")
    else:
        stats()


if __name__ == "__main__":
    main()

"""The student edition (``make book-student``): the site with its exercises and no solutions.

Also the classroom features of the full site: the two course kits it offers (the student kit
without solutions; the teacher's kit, linked only from the classroom page's instructor
section), launch buttons off while ``repository.url`` is empty.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import sys
import zipfile
from pathlib import Path
from urllib.parse import urlparse

import pytest
from build_book import build
from site_server import serve

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import course_kit  # noqa: E402

CHAPTERS = sorted(p.stem for p in (ROOT / "notebooks").glob("*.ipynb"))


@pytest.fixture(scope="module")
def student_html(tmp_path_factory):
    """Build the student edition once (stored outputs, ``-W``); return its HTML folder."""
    out = tmp_path_factory.mktemp("student")
    proc = build(out, student=True)
    if proc.returncode != 0:
        pytest.fail(
            f"student build failed:\n{proc.stdout[-4000:]}\n{proc.stderr[-4000:]}"
        )
    return out / "_build" / "html"


def _page_text(page: Path) -> str:
    """The visible text of a page, whitespace collapsed (code tokens joined again)."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", page.read_text(), flags=re.S)
    text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return " ".join(text.split())


def _solution_code_lines(chapter: str) -> list[str]:
    """Distinctive code lines that only a solution of the chapter contains."""
    notebook = json.loads((ROOT / "notebooks" / f"{chapter}.ipynb").read_text())
    stripped = course_kit.strip_solutions_from_notebook(notebook)
    kept = {"".join(c["source"]) for c in stripped["cells"]}
    kept_text = "\n".join(kept)
    lines = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] != "code" or source in kept:
            continue
        for line in source.splitlines():
            line = " ".join(line.split())
            if len(line) >= 25 and not line.startswith("#") and line not in kept_text:
                lines.append(line)
    return lines


@pytest.mark.book
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_student_chapter_has_exercises_and_no_solutions(student_html, chapter):
    page = student_html / "notebooks" / f"{chapter}.html"
    source = page.read_text()
    assert source.count('class="exercise admonition') >= 3
    assert not re.search(r'class="[^"]*\bsolution\b', source)
    text = _page_text(page)
    leaked = [line for line in _solution_code_lines(chapter) if line in text]
    assert not leaked, leaked[:3]


def _kit_notebook_texts(kit_path: Path, top: str) -> dict[str, str]:
    kit = zipfile.ZipFile(kit_path)
    texts = {}
    for name in kit.namelist():
        if name.startswith(f"{top}/notebooks/") and name.endswith(".ipynb"):
            cells = json.loads(kit.read(name))["cells"]
            chapter = name.rsplit("/", 1)[-1].removesuffix(".ipynb")
            texts[chapter] = "\n".join("".join(c["source"]) for c in cells)
    return texts


def _solution_leaks(texts: dict[str, str]) -> dict[str, list[str]]:
    leaks = {}
    for chapter, text in texts.items():
        lines = _solution_code_lines(chapter)
        assert lines, chapter
        found = [line for line in lines if line in " ".join(text.split())]
        found += ["{solution"] if "{solution" in text else []
        if found:
            leaks[chapter] = found[:3]
    return leaks


def _teacher_kit_links(html: Path) -> dict[str, list[str]]:
    found = {}
    for page in html.rglob("*.html"):
        hits = re.findall(
            rf'href="[^"]*{course_kit.TEACHER_KIT_FILE}"', page.read_text()
        )
        if hits:
            found[page.relative_to(html).as_posix()] = hits
    return found


@pytest.mark.book
def test_student_downloads_have_no_solutions(student_html):
    for chapter in CHAPTERS:
        notebook = (
            student_html / "_sources" / "notebooks" / f"{chapter}.ipynb"
        ).read_text()
        assert "{solution" not in notebook, chapter
        assert "{exercise" in notebook, chapter
    kit = student_html / "_downloads" / course_kit.KIT_FILE
    readme = zipfile.ZipFile(kit).read(f"{course_kit.KIT_NAME}/README.md").decode()
    assert "solutions are not" in readme
    texts = _kit_notebook_texts(kit, course_kit.KIT_NAME)
    assert sorted(texts) == CHAPTERS
    assert not _solution_leaks(texts)
    # The student edition carries no teacher's kit and never names it in a link.
    assert not (student_html / "_downloads" / course_kit.TEACHER_KIT_FILE).exists()
    assert not _teacher_kit_links(student_html)


@pytest.mark.book
def test_full_site_offers_the_student_kit_and_keeps_solutions(html_dir):
    kit = html_dir / "_downloads" / course_kit.KIT_FILE
    assert zipfile.ZipFile(kit).testzip() is None
    classroom = (html_dir / "book" / "classroom.html").read_text()
    hrefs = re.findall(r'href="([^"]*scaling-course-kit\.zip)"', classroom)
    assert hrefs and all(
        (html_dir / "book" / h).resolve() == kit.resolve() for h in hrefs
    )
    # The kit a student downloads from the full site has no solutions either.
    assert not _solution_leaks(_kit_notebook_texts(kit, course_kit.KIT_NAME))
    assert "solution" in (html_dir / "notebooks" / f"{CHAPTERS[0]}.html").read_text()


@pytest.mark.book
def test_teacher_kit_is_linked_only_from_the_instructor_section(html_dir):
    kit = html_dir / "_downloads" / course_kit.TEACHER_KIT_FILE
    texts = _kit_notebook_texts(kit, course_kit.TEACHER_KIT_NAME)
    assert all("{solution" in texts[c] for c in CHAPTERS)
    # The classroom page of each edition: English, and Chinese (zh/) once it is built.
    pages = ["book/classroom.html"]
    if (html_dir / "zh" / "book" / "classroom.html").is_file():
        pages.append("zh/book/classroom.html")
    assert sorted(_teacher_kit_links(html_dir)) == sorted(pages)
    for page in pages:
        classroom = (html_dir / page).read_text()
        section = re.search(
            r'<section id="for-the-instructor[^"]*">(.*?)</section>', classroom, re.S
        )
        assert section and course_kit.TEACHER_KIT_FILE in section.group(1), page
        outside = classroom.replace(section.group(0), "")
        assert course_kit.TEACHER_KIT_FILE not in outside, page


@pytest.mark.book
def test_launch_buttons_are_off_while_the_repository_url_is_empty(html_dir):
    page = (html_dir / "notebooks" / f"{CHAPTERS[0]}.html").read_text()
    assert "mybinder.org" not in page and "colab.research.google.com" not in page


@pytest.mark.browser
def test_reader_of_the_student_edition_sees_exercises_only(student_html):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian chromium is missing: tests/install_chromium.sh installs it")
    with serve(student_html) as site, sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page()
        hosts = []
        page.on("request", lambda r: hosts.append(urlparse(r.url).netloc))
        page.goto(f"{site}/notebooks/{CHAPTERS[0]}.html", wait_until="networkidle")
        assert page.locator(".exercise").count() >= 3
        assert page.locator(".exercise").first.is_visible()
        assert page.locator(".solution").count() == 0
        assert page.get_by_text("Solution to", exact=False).count() == 0
        assert set(hosts) == {urlparse(site).netloc}
        browser.close()

"""A reader's browser opens every page of the built site and checks the reader's edition.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); no browser is downloaded.

Every page listed in ``_toc.yml`` is opened once at 1280 px (a laptop) and once at 390 px (a
phone). Each visit runs all of its checks and saves a screenshot under ``_build/screenshots/``
for review: the first screen, or the whole page with ``BOOK_SCREENSHOTS=full`` (about 2 s a
page and width, the largest part of a survey's time). The tests below then report, per check,
every page and element that fails it (issue 11, item 7):

- no console error, uncaught exception or failed request, nothing fetched from another host;
- no e-notation ("1e+11", "7.2e11") in any text outside code: prose, lists, table cells,
  captions and printed output count, code input and math do not;
- in the Exercises section no cell output is visible until its fold is opened, and opening
  a fold shows its output;
- every image has alt text that describes it and sits in a numbered, captioned figure;
- at 1280 px no code box scrolls sideways and nothing is wider than the content column;
- at 390 px every figure spans (nearly) the whole column and every display equation fits;
- at 390 px no code box scrolls sideways (code wraps), no table is wider than the column
  (wide tables stack, ``book/_ext/book_chrome.py``), and every figure is shown large enough
  that its tick labels and legends, drawn at ``scaling.plot.PHONE_TEXT_PT`` points, are at
  least 10 CSS pixels tall (the image's own dpi and its displayed scale decide);
- the glossary's Chinese terms have readable anchors, and the site search finds Chinese words.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path
from urllib.parse import urlparse

import pytest
from PIL import Image
from site_server import serve
from test_book import toc_files

from scaling.plot import PHONE_TEXT_PT

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "_build" / "screenshots"
#: Whole-page screenshots for a human review of every page (BOOK_SCREENSHOTS=full).
FULL_PAGE_SCREENSHOTS = os.environ.get("BOOK_SCREENSHOTS") == "full"
PAGES = toc_files()
DESKTOP, PHONE = 1280, 390
# On a phone a figure should use the column; 90 % leaves room for the figure's margins.
PHONE_FIGURE_FRACTION = 0.9
# Alt text shorter than this many words does not say what a plot shows.
MIN_ALT_WORDS = 4
# Smallest legible text on a phone, in CSS pixels (tick labels, legends).
PHONE_MIN_TEXT_PX = 10

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# A number in e-notation: 1e+11, 7.2e11, 1E-06 (but not "e" inside a word or a version).
E_NOTATION = r"(?<![\w.])\d+(?:\.\d+)?[eE][+-]?\d+(?![\w.])"

# Text a reader reads as text: everything in the article except code input, code
# literals, math and scripts. Printed output and rendered tables are text.
JS_E_NOTATION = r"""
(pattern) => {
  const re = new RegExp(pattern);
  const skip = ["script", "style", ".cell_input", "div[class^='highlight-']", "code",
                "kbd", "samp", "mjx-container", ".math", ".headerlink"].join(",");
  const block = "p, li, td, th, dt, dd, figcaption, caption, pre, h1, h2, h3, h4, h5, h6,"
              + " .admonition-title, blockquote, div";
  const texts = new Map();
  const root = document.querySelector("article.bd-article");
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const el = n.parentElement;
    if (!el || el.closest(skip)) continue;
    const owner = el.closest(block) || root;
    texts.set(owner, (texts.get(owner) || "") + n.nodeValue);
  }
  const hits = [];
  for (const [owner, text] of texts) {
    const m = text.match(re);
    if (!m) continue;
    const at = Math.max(0, m.index - 40);
    const tag = owner.tagName.toLowerCase();
    hits.push(`<${tag}> "${text.slice(at, m.index + m[0].length + 40).replace(/\s+/g, " ")}"`);
  }
  for (const img of root.querySelectorAll("img")) {
    if (re.test(img.alt || "")) hits.push(`<img alt> "${img.alt}"`);
  }
  return hits;
}
"""

JS_VISIBLE = r"""
() => {
window.__visible = (el) =>
  el.checkVisibility({opacityProperty: true, visibilityProperty: true})
  && el.getBoundingClientRect().height > 0;
window.__describe = (el) => {
  const text = (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim();
  return text.slice(0, 70) || `<${el.tagName.toLowerCase()} class="${el.className}">`;
};
}
"""

# Exercises: no output visible at load; then open the first fold that holds an output.
JS_FOLDS_CLOSED = r"""
() => {
  const heading = [...document.querySelectorAll("article section > h2")]
    .find(h => h.textContent.replace(/[#¶\s]+$/, "").trim().endsWith("Exercises"));
  if (!heading) return {found: false, shown: [], outputs: 0};
  const section = heading.parentElement;
  const outputs = [...section.querySelectorAll(".cell_output")];
  return {
    found: true,
    outputs: outputs.length,
    shown: outputs.filter(window.__visible).map(window.__describe),
  };
}
"""

JS_OPEN_ONE_FOLD = r"""
async () => {
  const heading = [...document.querySelectorAll("article section > h2")]
    .find(h => h.textContent.replace(/[#¶\s]+$/, "").trim().endsWith("Exercises"));
  const section = heading.parentElement;
  const output = section.querySelector(".cell_output");
  const fold = output && output.closest(".toggle, details");
  if (!fold) return {opened: false, reason: "the first exercise output is in no fold"};
  if (fold.tagName === "DETAILS") {
    fold.open = true;
  } else {
    (fold.querySelector(":scope > .admonition-title") || fold).click();
  }
  await new Promise(r => setTimeout(r, 400));  // the toggle fades in over 0.3 s
  return {opened: true, visible: window.__visible(output), what: window.__describe(output)};
}
"""

# Open every fold (solutions, notes, hidden code) so that the layout checks see everything.
JS_OPEN_ALL_FOLDS = r"""
async () => {
  document.querySelectorAll("details").forEach(d => { d.open = true; });
  document.querySelectorAll(".toggle-hidden").forEach(el => {
    const title = el.querySelector(":scope > .admonition-title");
    if (title) title.click(); else el.classList.remove("toggle-hidden");
  });
  // Only the opacity animates; the layout is final after the next frame.
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
}
"""

JS_IMAGES = r"""
(minWords) => {
  const bad = [];
  for (const img of document.querySelectorAll("article.bd-article img")) {
    const name = (img.getAttribute("src") || "").split("/").pop().slice(0, 24);
    const alt = (img.getAttribute("alt") || "").trim();
    // Words: Latin words, and Chinese text at about two characters a word.
    const words = (text) => text.split(/\s+/).filter(w => /[a-zA-Z]/.test(w)).length
      + Math.floor((text.match(/[\u3400-\u9fff]/g) || []).length / 2);
    if (!(img.complete && img.naturalWidth > 0)) bad.push(`${name}: does not load`);
    if (!alt) bad.push(`${name}: no alt text`);
    else if (/[\\/]|\.(png|svg|jpe?g|gif)\b/i.test(alt) || /^[0-9a-f]{16,}$/.test(alt))
      bad.push(`${name}: alt text is a file name ("${alt.slice(0, 50)}")`);
    else if (words(alt) < minWords)
      bad.push(`${name}: alt text too short to describe the image ("${alt}")`);
    const figure = img.closest("figure");
    const caption = figure && figure.querySelector("figcaption");
    const number = caption && caption.querySelector(".caption-number");
    if (!figure) bad.push(`${name}: not in a figure ("${alt.slice(0, 40)}")`);
    else if (!caption) bad.push(`${name}: figure without caption ("${alt.slice(0, 40)}")`);
    else if (!number || !/(Fig(ure|\.)?|图)\s*\d+(\.\d+)*/.test(number.textContent))
      bad.push(`${name}: figure caption is not numbered ("${caption.textContent.slice(0, 40)}")`);
    else {
      const rest = caption.textContent.replace(number.textContent, "").trim();
      if (words(rest) < 3)
        bad.push(`${name}: caption says nothing ("${caption.textContent.trim()}")`);
    }
  }
  return bad;
}
"""

# At 1280 px: code boxes that scroll, and elements wider than the article's content column.
JS_LAYOUT = r"""
() => {
  const article = document.querySelector("article.bd-article");
  const style = getComputedStyle(article);
  const box = article.getBoundingClientRect();
  const column = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const right = box.right - parseFloat(style.paddingRight);
  const scrolling = [], wide = [];
  for (const pre of article.querySelectorAll("div.highlight pre")) {
    if (pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1) {
      const lines = pre.textContent.split("\n");
      const longest = lines.reduce((a, b) => (b.length > a.length ? b : a), "");
      const where = pre.closest(".cell_output") ? "output" : "code";
      scrolling.push(`${where} box ${pre.scrollWidth} px > ${pre.clientWidth} px, `
        + `${longest.length} columns: "${longest.trim().slice(0, 60)}"`);
    }
  }
  const selector = "table, pre, img, figure, mjx-container[display='true'], "
    + ".cell_output > .output, .pst-scrollable-table-container";
  for (const el of article.querySelectorAll(selector)) {
    const r = el.getBoundingClientRect();
    if (r.width === 0) continue;
    // A code box's own scrolling is reported above; here only its outer width counts.
    const inner = el.tagName === "PRE" ? 0 : el.scrollWidth - el.clientWidth;
    const over = Math.max(r.width - column, r.right - right, inner);
    if (over > 1) {
      const tag = el.tagName.toLowerCase();
      const what = tag === "mjx-container"
        ? (el.getAttribute("aria-label") || el.textContent).slice(0, 60)
        : window.__describe(el);
      wide.push(`<${tag}> ${Math.round(over)} px too wide: "${what}"`);
    }
  }
  return {scrolling, wide: [...new Set(wide)]};
}
"""

# At 390 px: every figure's image spans nearly the whole column.
JS_PHONE_FIGURES = r"""
(fraction) => {
  const article = document.querySelector("article.bd-article");
  const style = getComputedStyle(article);
  const column = article.getBoundingClientRect().width
    - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const small = [];
  for (const img of article.querySelectorAll("figure img")) {
    const w = img.getBoundingClientRect().width;
    if (w > 0 && w < fraction * column)
      small.push(`${Math.round(w)} px of a ${Math.round(column)} px column: "`
        + `${(img.alt || img.src.split("/").pop()).slice(0, 50)}"`);
  }
  return small;
}
"""

# At 390 px: display equations that do not fit the column (split them with aligned).
JS_PHONE_MATH = r"""
() => {
  const article = document.querySelector("article.bd-article");
  const style = getComputedStyle(article);
  const right = article.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const wide = [];
  for (const m of article.querySelectorAll("mjx-container[display='true']")) {
    const r = m.getBoundingClientRect();
    if (r.width === 0) continue;
    const over = Math.max(m.scrollWidth - m.clientWidth, r.right - right);
    if (over > 1)
      wide.push(`${Math.round(over)} px too wide: "`
        + `${(m.getAttribute("aria-label") || m.textContent).slice(0, 60)}"`);
  }
  return wide;
}
"""


# At 390 px: code boxes that scroll sideways, and tables wider than the column.
JS_PHONE_LAYOUT = r"""
() => {
  const article = document.querySelector("article.bd-article");
  const style = getComputedStyle(article);
  const box = article.getBoundingClientRect();
  const column = box.width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const right = box.right - parseFloat(style.paddingRight);
  const scrolling = [], tables = [];
  for (const pre of article.querySelectorAll("div.highlight pre")) {
    if (pre.clientWidth > 0 && pre.scrollWidth > pre.clientWidth + 1) {
      const where = pre.closest(".cell_output") ? "output" : "code";
      scrolling.push(`${where} box ${pre.scrollWidth} px > ${pre.clientWidth} px: `
        + `"${pre.textContent.trim().slice(0, 50)}"`);
    }
  }
  for (const table of article.querySelectorAll("table")) {
    const r = table.getBoundingClientRect();
    if (r.width === 0) continue;
    const holder = table.closest(".pst-scrollable-table-container") || table;
    const over = Math.max(table.scrollWidth - column, r.right - right,
                          holder.scrollWidth - holder.clientWidth);
    if (over > 1)
      tables.push(`${Math.round(over)} px too wide: "${window.__describe(table)}"`);
  }
  return {scrolling, tables};
}
"""

# At 390 px: each figure image's file, natural width and displayed width.
JS_PHONE_FIGURE_SIZES = r"""
() => [...document.querySelectorAll("article.bd-article figure img")]
  .filter(img => img.getBoundingClientRect().width > 0)
  .map(img => ({src: img.src, natural: img.naturalWidth,
                shown: img.getBoundingClientRect().width,
                alt: (img.alt || "").slice(0, 50)}))
"""


def phone_text_px(image: Path, natural: float, shown: float) -> float:
    """CSS pixels of text drawn at ``PHONE_TEXT_PT`` points in ``image`` shown ``shown`` wide."""
    with Image.open(image) as im:
        dpi = float(im.info.get("dpi", (100, 100))[0])
    return PHONE_TEXT_PT * dpi / 72 * shown / natural


@pytest.fixture(scope="module")
def site(html_dir):
    """Serve the built site on a free loopback port; yield its base URL."""
    with serve(html_dir) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.fail("Debian chromium is missing: tests/install_chromium.sh installs it")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Tab:
    """One browser tab at a fixed width that records what goes wrong on each page it opens.

    A tab is reused from page to page (a new tab costs more than the visit itself).
    """

    def __init__(self, browser, width=DESKTOP):
        self.page = browser.new_page(viewport={"width": width, "height": 900})
        self.hosts, self.errors = set(), []
        self.page.on("request", self._request)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.errors.append(f"exception: {exc}"))
        self.page.on("requestfailed", self._failed)
        self.page.on("response", self._response)

    def _request(self, request):
        self.hosts.add(urlparse(request.url).netloc)

    def _console(self, message):
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _failed(self, request):
        # Leaving a page aborts what it still loads; a missing file is a 404 (below).
        if request.failure != "net::ERR_ABORTED":
            self.errors.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        if response.status >= 400:
            self.errors.append(f"HTTP {response.status}: {response.url}")

    def open(self, url):
        """Open ``url``, wait for its math; return the page. Resets the record."""
        self.hosts, self.errors = set(), []
        self.page.goto(url, wait_until="load")
        wait_for_math(self.page)
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        self.page.evaluate(JS_VISIBLE)
        return self.page

    def close(self):
        self.page.close()


def wait_for_math(page):
    """Wait until MathJax has typeset the page (pages without math do not load it)."""
    if not page.locator("script[src*='mathjax']").count():
        return
    page.wait_for_function(
        "() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise"
    )
    page.evaluate("() => window.MathJax.startup.promise")


def shot_name(doc, width):
    return f"{doc.replace('/', '-')}-{width}.png"


def small_figure_text(html_dir, site, page) -> list[str]:
    """Figures whose tick labels and legends show below ``PHONE_MIN_TEXT_PX`` on the page."""
    small = []
    for fig in page.evaluate(JS_PHONE_FIGURE_SIZES):
        image = Path(html_dir) / urlparse(fig["src"]).path.lstrip("/")
        px = phone_text_px(image, fig["natural"], fig["shown"])
        if px < PHONE_MIN_TEXT_PX:
            small.append(
                f"text {px:.1f} px ({fig['natural']} px image shown {fig['shown']:.0f}"
                f' px wide): "{fig["alt"]}"'
            )
    return small


@pytest.fixture(scope="module")
def screenshots():
    """Where the survey saves a full-page screenshot of every page at both widths."""
    return SCREENSHOTS


@pytest.fixture(scope="module")
def survey(browser, site, html_dir, screenshots):
    """Visit every page at both widths, once each; return {check: {page: [problems]}}."""
    screenshots.mkdir(parents=True, exist_ok=True)
    found = {
        k: {}
        for k in [
            "errors",
            "hosts",
            "e_notation",
            "folds",
            "images",
            "scrolling",
            "wide",
            "phone",
            "phone_math",
            "phone_code",
            "phone_tables",
            "phone_text",
        ]
    }

    def note(check, doc, problems):
        if problems:
            found[check].setdefault(doc, []).extend(problems)

    own_host = urlparse(site).netloc
    desktop, phone = Tab(browser, DESKTOP), Tab(browser, PHONE)
    for doc in PAGES:
        url = f"{site}/{doc}.html"
        page = desktop.open(url)
        note("e_notation", doc, page.evaluate(JS_E_NOTATION, E_NOTATION))
        folds = page.evaluate(JS_FOLDS_CLOSED)
        shown = folds["shown"]
        note(
            "folds",
            doc,
            [f"output visible before its fold is opened: {s!r}" for s in shown],
        )
        page.screenshot(
            path=screenshots / shot_name(doc, DESKTOP), full_page=FULL_PAGE_SCREENSHOTS
        )
        if folds["outputs"] and not shown:
            opened = page.evaluate(JS_OPEN_ONE_FOLD)
            if not opened["opened"]:
                note("folds", doc, [opened["reason"]])
            elif not opened["visible"]:
                note(
                    "folds", doc, [f"opening its fold did not show {opened['what']!r}"]
                )
        page.evaluate(JS_OPEN_ALL_FOLDS)
        note("images", doc, page.evaluate(JS_IMAGES, MIN_ALT_WORDS))
        layout = page.evaluate(JS_LAYOUT)
        note("scrolling", doc, layout["scrolling"])
        note("wide", doc, layout["wide"])

        small = phone.open(url)
        small.screenshot(
            path=screenshots / shot_name(doc, PHONE), full_page=FULL_PAGE_SCREENSHOTS
        )
        small.evaluate(JS_OPEN_ALL_FOLDS)
        note("phone", doc, small.evaluate(JS_PHONE_FIGURES, PHONE_FIGURE_FRACTION))
        note("phone_math", doc, small.evaluate(JS_PHONE_MATH))
        layout = small.evaluate(JS_PHONE_LAYOUT)
        note("phone_code", doc, layout["scrolling"])
        note("phone_tables", doc, layout["tables"])
        note("phone_text", doc, small_figure_text(html_dir, site, small))

        note("errors", doc, sorted(set(desktop.errors + phone.errors)))
        note("hosts", doc, sorted((desktop.hosts | phone.hosts) - {own_host}))
    desktop.close()
    phone.close()
    return found


def report(problems, what):
    """A failure message: one line per offending element, grouped by page."""
    lines = [f"{what} ({sum(map(len, problems.values()))} on {len(problems)} pages):"]
    for doc, items in problems.items():
        lines.append(f"  {doc}:")
        lines += [f"    - {item}" for item in items[:25]]
        if len(items) > 25:
            lines.append(f"    ... and {len(items) - 25} more")
    return "\n".join(lines)


def test_reader_navigates_to_chapter_one(browser, site):
    tab = Tab(browser)
    page = tab.page
    # index.html sends the reader on to the front page; wait for that page, not the first.
    page.goto(f"{site}/index.html")
    page.wait_for_url("**/book/intro.html", wait_until="load")
    # Wait for the navigation the click starts, not the load of the page already open.
    with page.expect_navigation(wait_until="load"):
        page.locator("nav a[href*='01_power_laws']").first.click()
    assert page.url.endswith("notebooks/01_power_laws.html")
    wait_for_math(page)
    widths = page.eval_on_selector_all(
        "article img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)"
    )
    assert widths and all(w > 0 for w in widths)
    assert page.locator("mjx-container").count() > 0
    assert tab.hosts == {urlparse(site).netloc}
    assert not tab.errors
    tab.close()


def test_search_and_index_pages_work_without_errors(browser, site):
    """The site's own pages outside the table of contents: search finds a chapter."""
    tab = Tab(browser)
    page = tab.open(f"{site}/search.html?q=chinchilla")
    page.wait_for_selector("#search-results a", timeout=15_000)
    hits = page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)")
    assert any("03_chinchilla" in h for h in hits), hits
    errors = list(tab.errors)
    tab.open(f"{site}/genindex.html")
    errors += tab.errors
    assert not errors
    tab.close()


def test_no_console_error_and_no_failed_request(survey):
    problems = survey["errors"]
    assert not problems, report(problems, "console errors and failed requests")


def test_pages_fetch_nothing_from_other_hosts(survey):
    problems = survey["hosts"]
    assert not problems, report(problems, "requests to other hosts")


def test_no_e_notation_outside_code(survey):
    problems = survey["e_notation"]
    assert not problems, report(
        problems,
        "e-notation in prose, tables, captions or printed output (use scaling.fmt)",
    )


def test_exercise_outputs_stay_folded_until_opened(survey):
    problems = survey["folds"]
    assert not problems, report(
        problems,
        "exercise outputs outside their folds (use solution-start/solution-end)",
    )


def test_images_have_alt_text_and_numbered_captions(survey):
    problems = survey["images"]
    assert not problems, report(
        problems,
        "images without alt text or numbered caption (mystnb.figure / mystnb.image.alt)",
    )


def test_no_code_box_scrolls_at_1280px(survey):
    problems = survey["scrolling"]
    assert not problems, report(problems, "code boxes that scroll sideways at 1280 px")


def test_nothing_is_wider_than_the_column_at_1280px(survey):
    problems = survey["wide"]
    assert not problems, report(
        problems, "elements wider than the content column at 1280 px"
    )


def test_figures_fill_the_column_on_a_phone(survey):
    problems = survey["phone"]
    assert not problems, report(
        problems,
        f"figures narrower than {PHONE_FIGURE_FRACTION:.0%} of the column at 390 px",
    )


def test_display_math_fits_a_phone(survey):
    problems = survey["phone_math"]
    assert not problems, report(
        problems,
        "display equations wider than the column at 390 px (split them: aligned)",
    )


def test_code_wraps_on_a_phone(survey):
    problems = survey["phone_code"]
    assert not problems, report(problems, "code boxes that scroll sideways at 390 px")


def test_tables_fit_a_phone(survey):
    problems = survey["phone_tables"]
    assert not problems, report(
        problems,
        "tables wider than the column at 390 px (book_chrome stacks 4+ columns)",
    )


def test_figure_text_is_legible_on_a_phone(survey):
    problems = survey["phone_text"]
    assert not problems, report(
        problems,
        f"figures whose tick labels and legends show below {PHONE_MIN_TEXT_PX} px at 390 px",
    )


def test_phone_text_measure(tmp_path):
    """The measure reads the image's dpi: 12 pt at 100 dpi is 12 * 100/72 image pixels."""
    image = tmp_path / "probe.png"
    for dpi in (100, 200):
        Image.new("RGB", (640, 10)).save(image, dpi=(dpi, dpi))
        assert phone_text_px(image, 640, 390) == pytest.approx(
            PHONE_TEXT_PT * dpi / 72 * 390 / 640, rel=1e-3
        )


def test_glossary_chinese_terms_have_readable_anchors(browser, site):
    tab = Tab(browser, PHONE)
    page = tab.open(f"{site}/book/glossary.html")
    ids = page.eval_on_selector_all(
        "dl.glossary dt", "dts => dts.map(d => [d.id, d.innerText])"
    )
    assert len(ids) > 20
    numbered = [text for anchor, text in ids if re.fullmatch(r"term-\d+", anchor)]
    assert not numbered, numbered
    chinese = [(a, t) for a, t in ids if re.search(r"[\u4e00-\u9fff]", t)]
    assert chinese and all(
        re.fullmatch(r"term-[A-Za-z0-9-]+-zh(-\d+)?", a) for a, _ in chinese
    )
    assert ("term-scaling-law-zh", "规模法则") in [
        (a, t.strip("¶ \n")) for a, t in chinese
    ]
    # A link to the Chinese term lands on its entry.
    tab.open(f"{site}/book/classroom.html")
    href = page.get_by_role("link", name="规模法则").first.get_attribute("href")
    assert href.endswith("glossary.html#term-scaling-law"), href
    assert not tab.errors
    tab.close()


def search_hits(browser, site, word) -> list[str]:
    """The addresses the site's search lists for ``word``, on a phone, without errors."""
    tab = Tab(browser, PHONE)
    page = tab.open(f"{site}/search.html?q={word}")
    page.wait_for_selector("#search-results a", timeout=15_000)
    hits = page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)")
    assert not tab.errors
    tab.close()
    return hits


@pytest.mark.parametrize("word", ["术语", "规模法则", "幂律"])
def test_search_finds_chinese_words(browser, site, word):
    hits = search_hits(browser, site, word)
    assert any("book/glossary" in h for h in hits), hits


def test_every_page_has_both_screenshots(survey, screenshots):
    missing = [
        shot_name(doc, w)
        for doc in PAGES
        for w in (DESKTOP, PHONE)
        if not (screenshots / shot_name(doc, w)).is_file()
    ]
    assert not missing, missing


def test_e_notation_pattern():
    """The pattern catches what issue 11 lists and spares words, versions and plain numbers."""
    pattern = re.compile(E_NOTATION)
    for text in ["2e+11 tokens", "7.2e+11", "1e-06", "1E22", "(5.88e+23)"]:
        assert pattern.search(text), text
    for text in [
        "1.4T tokens",
        "3.2 × 10²² FLOPs",
        "Llama-3e",
        "v1.2e",
        "1e",
        "the 2e",
    ]:
        assert not pattern.search(text), text

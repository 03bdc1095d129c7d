"""A reader's browser opens the built site: figures load, math is typeset, nothing comes from elsewhere.

Playwright drives Debian's Chromium (``/usr/bin/chromium``); no browser is downloaded.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from urllib.parse import urlparse

import pytest
from test_book import toc_files

pytestmark = pytest.mark.browser

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def site(html_dir):
    """Serve the built site on a free loopback port; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


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


def open_page(browser, url):
    """Open ``url``, recording every request the page makes; return (page, requested hosts)."""
    page = browser.new_page()
    hosts = []
    page.on("request", lambda request: hosts.append(urlparse(request.url).netloc))
    page.goto(url, wait_until="networkidle")
    return page, hosts


def wait_for_math(page):
    page.wait_for_function(
        "() => window.MathJax && window.MathJax.startup && window.MathJax.startup.promise"
    )
    page.evaluate("() => window.MathJax.startup.promise")


def test_reader_navigates_to_chapter_one(browser, site):
    page, hosts = open_page(browser, f"{site}/index.html")
    page.locator("nav a[href*='01_power_laws']").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("notebooks/01_power_laws.html")
    wait_for_math(page)
    widths = page.eval_on_selector_all(
        "article img", "imgs => imgs.map(i => i.complete ? i.naturalWidth : 0)"
    )
    assert widths and all(w > 0 for w in widths)
    assert page.locator("mjx-container").count() > 0
    assert set(hosts) == {urlparse(site).netloc}
    page.close()


@pytest.mark.parametrize("doc", [f for f in toc_files() if f.startswith("notebooks/")])
def test_chapter_loads_everything_from_the_site(browser, site, doc):
    page, hosts = open_page(browser, f"{site}/{doc}.html")
    wait_for_math(page)
    broken = page.eval_on_selector_all(
        "img",
        "imgs => imgs.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)",
    )
    assert not broken
    assert set(hosts) == {urlparse(site).netloc}
    page.close()

"""The reader's browser checks of ``test_browser.py``, run on the Chinese edition.

The same survey (console errors, other hosts, e-notation, folds, alt text and numbered
captions, overflow at 1280 px, figures and math at 390 px) visits every page of
``html/zh/``; its screenshots go to ``_build/screenshots/zh/``. The Chinese search and the
language switch are checked here too.
"""

from __future__ import annotations

import functools
import http.server
import threading

import pytest
import test_browser
from test_browser import (  # noqa: F401  (fixtures and tests run again on the zh pages)
    Tab,
    browser,
    test_display_math_fits_a_phone,
    test_exercise_outputs_stay_folded_until_opened,
    test_figures_fill_the_column_on_a_phone,
    test_images_have_alt_text_and_numbered_captions,
    test_no_code_box_scrolls_at_1280px,
    test_no_console_error_and_no_failed_request,
    test_no_e_notation_outside_code,
    test_nothing_is_wider_than_the_column_at_1280px,
    test_pages_fetch_nothing_from_other_hosts,
)
from test_translation import build_zh

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(html_dir):
    """Serve both editions; yield the Chinese edition's base URL."""
    build_zh(html_dir)
    handler = functools.partial(test_browser._QuietHandler, directory=str(html_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/zh"
    server.shutdown()


@pytest.fixture(scope="module")
def survey(browser, site):  # noqa: F811
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(test_browser, "SCREENSHOTS", test_browser.SCREENSHOTS / "zh")
        return test_browser.survey._get_wrapped_function()(browser, site)


def test_chinese_search_finds_a_chinese_word(browser, site):  # noqa: F811
    tab = Tab(browser)
    page = tab.open(f"{site}/search.html?q=规模")
    page.wait_for_selector("#search-results a", timeout=15_000)
    hits = page.eval_on_selector_all("#search-results a", "as => as.map(a => a.href)")
    assert any("book/intro" in h for h in hits), hits
    assert not tab.errors
    tab.close()


def test_language_switch_leads_both_ways(browser, site):  # noqa: F811
    tab = Tab(browser)
    page = tab.open(f"{site}/notebooks/03_chinchilla.html")
    with page.expect_navigation(wait_until="load"):
        page.locator(".language-switch a").click()
    assert page.url == site.removesuffix("/zh") + "/notebooks/03_chinchilla.html"
    with page.expect_navigation(wait_until="load"):
        page.locator(".language-switch a").click()
    assert page.url == f"{site}/notebooks/03_chinchilla.html"
    assert not tab.errors
    tab.close()

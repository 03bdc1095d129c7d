"""The reader's browser checks of ``test_browser.py``, run on the Chinese edition.

The same survey (console errors, other hosts, e-notation, folds, alt text and numbered
captions, overflow at 1280 px; figures, math, code, tables and figure text at 390 px) visits
every page of ``html/zh/``; its screenshots go to ``_build/screenshots/zh/``. The Chinese
search and the language switch are checked here too.
"""

from __future__ import annotations

import pytest
import test_browser
from site_server import serve
from test_browser import (  # noqa: F401  (fixtures and tests run again on the zh pages)
    PHONE,
    Tab,
    browser,
    survey,
    test_code_wraps_on_a_phone,
    test_display_math_fits_a_phone,
    test_every_page_has_both_screenshots,
    test_exercise_outputs_stay_folded_until_opened,
    test_figure_text_is_legible_on_a_phone,
    test_figures_fill_the_column_on_a_phone,
    test_images_have_alt_text_and_numbered_captions,
    test_no_code_box_scrolls_at_1280px,
    test_no_console_error_and_no_failed_request,
    test_no_e_notation_outside_code,
    test_nothing_is_wider_than_the_column_at_1280px,
    test_pages_fetch_nothing_from_other_hosts,
    test_tables_fit_a_phone,
)
from test_translation import build_zh
from translation import ZH_FOLDER

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def site(html_dir):
    """Serve both editions; yield the Chinese edition's base URL."""
    build_zh(html_dir)
    with serve(html_dir) as url:
        yield f"{url}/{ZH_FOLDER}"


@pytest.fixture(scope="module")
def screenshots():
    return test_browser.SCREENSHOTS / "zh"


def test_chinese_search_finds_a_chinese_word(browser, site):  # noqa: F811
    hits = test_browser.search_hits(browser, site, "计算最优")
    assert any("notebooks/03_chinchilla" in h for h in hits), hits


def test_language_switch_leads_both_ways(browser, site):  # noqa: F811
    tab = Tab(browser)
    page = tab.open(f"{site}/notebooks/03_chinchilla.html")
    with page.expect_navigation(wait_until="load"):
        page.locator(".language-switch a").click()
    assert page.url == site.removesuffix("/zh") + "/notebooks/03_chinchilla.html"
    assert page.locator("html").get_attribute("lang") == "en"
    with page.expect_navigation(wait_until="load"):
        page.locator(".language-switch a").click()
    assert page.url == f"{site}/notebooks/03_chinchilla.html"
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert not tab.errors
    tab.close()

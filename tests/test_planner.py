"""The planner in the browser gives the ``scaling`` command's answers, words and numbers.

``book/_static/planner.js`` ports the closed forms of :mod:`scaling.planning` and the
formatter of :mod:`scaling.fmt`; its constants come from :func:`scaling.planner_data.planner_data`.
The first tests load the script into a blank Chromium page with that data (no book build) and
compare, on a few hundred seeded random inputs across and beyond the fitted ranges:

- ``scalingPlanner.run`` with the CLI's ``scaling --json`` document: same keys, same strings
  and flags, every number within a relative 1e-9 (both compute in IEEE doubles; the libm of
  V8 and of CPython may differ by a few units in the last place, about 1e-16, which the power
  laws' exponents amplify to at most about 1e-14). A loss drop is a difference of two losses,
  so it is held to 1e-9 of the losses it subtracts;
- the error message of every bad input with the CLI's;
- ``scalingPlanner.render`` with the CLI's printed title, answer sentence and table cells;
- ``scalingPlanner.fmt`` with :mod:`scaling.fmt`, including rounding ties.

The CLI runs in-process (``scaling.cli.main``), the browser evaluates each batch at once. The
last test opens the built book and uses the planner with the keyboard at 1280 and 390 px, in
light and dark mode.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from site_server import serve

from scaling import cli, fmt
from scaling.compute import ACCELERATORS
from scaling.planner_data import to_json

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "book" / "_static" / "planner.js"
SCREENSHOTS = ROOT / "_build" / "screenshots"
REL_TOL = 1e-9
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run"]
SEED = 20240519


def cli_json(command: str, args: dict) -> dict:
    """What ``scaling --json COMMAND --option=VALUE ...`` prints, parsed."""
    argv = ["--json", command, *(f"--{k}={v}" for k, v in args.items())]
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli.main(argv)
    return json.loads(out.getvalue())


def cli_text(command: str, args: dict) -> dict:
    """The CLI's printed title, answer sentence, table header and rows."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        cli.main([command, *(f"--{k}={v}" for k, v in args.items())])
    title, headline, table = out.getvalue().split("\n\n")[:3]
    lines = table.splitlines()
    cells = [re.split(r" {2,}", line.strip()) for line in lines[:1] + lines[2:]]
    return {"title": title, "headline": headline, "header": cells[0], "rows": cells[1:]}


def mismatches(js, py, path="") -> list[str]:
    """Every difference between the browser's document and the CLI's, as readable lines."""
    if isinstance(py, dict):
        if not isinstance(js, dict) or list(js) != list(py):
            keys = list(js) if isinstance(js, dict) else type(js).__name__
            return [f"{path}: keys {keys} != {list(py)}"]
        if "loss_reduction" in py and py["loss_reduction"] is not None:
            scale = max(abs(py["before"]["loss"]), abs(py["after"]["loss"]))
            diff = abs((js["loss_reduction"] or 0) - py["loss_reduction"])
            found = (
                [] if diff <= REL_TOL * scale else [f"{path}.loss_reduction: {diff}"]
            )
            js = {k: v for k, v in js.items() if k != "loss_reduction"}
            py = {k: v for k, v in py.items() if k != "loss_reduction"}
            return found + mismatches(js, py, path)
        return [m for k in py for m in mismatches(js[k], py[k], f"{path}.{k}")]
    if isinstance(py, list):
        if not isinstance(js, list) or len(js) != len(py):
            return [f"{path}: {js!r} != {py!r}"]
        return [
            m
            for i, (a, b) in enumerate(zip(js, py, strict=True))
            for m in mismatches(a, b, f"{path}[{i}]")
        ]
    if isinstance(py, (int, float)) and not isinstance(py, bool):
        ok = isinstance(js, (int, float)) and not isinstance(js, bool)
        if ok and math.isclose(js, py, rel_tol=REL_TOL, abs_tol=0.0):
            return []
        return [f"{path}: {js!r} != {py!r}"]
    return [] if js == py and type(js) is type(py) else [f"{path}: {js!r} != {py!r}"]


def typed(rng, x: float) -> str:
    """A number as a reader might type it: 1e+10, 10000000000, 1.000e10, 10_000."""
    style = rng.integers(5)
    if style == 0:
        return repr(float(x))
    if style == 1:
        return f"{x:.3e}"
    if style == 2 and abs(x) < 1e15:
        return str(round(x))
    if style == 3:
        return f" {x:.6g} "
    return f"{x:.2E}".replace("E+", "e")


def random_cases(n_each: int = 80) -> list[tuple[str, dict]]:
    """Seeded inputs for the four commands, inside, around and far outside the fitted ranges."""
    rng = np.random.default_rng(SEED)

    def log_uniform(low, high):
        return 10 ** rng.uniform(np.log10(low), np.log10(high))

    gpus = [*ACCELERATORS, "a100", "tpu v4", "V100"]
    cases = []
    for _ in range(n_each):
        cases.append(("tokens", {"params": typed(rng, log_uniform(0.3, 1e16))}))
        cases.append(("params", {"tokens": typed(rng, log_uniform(1e6, 1e19))}))
        plan = {
            "gpus": str(int(log_uniform(1, 1e6))),
            "days": typed(rng, log_uniform(1e-3, 1e4)),
        }
        if rng.random() < 0.7:
            plan["gpu"] = gpus[rng.integers(len(gpus))]
        if rng.random() < 0.7:
            plan["mfu"] = typed(rng, rng.uniform(0.01, 1.0))
        cases.append(("plan", plan))
        n1, n2 = sorted(log_uniform(0.5, 1e16) for _ in range(2))
        if rng.random() < 0.1:
            n1, n2 = n2, n1
        gain = {"from": typed(rng, n1), "to": typed(rng, n2)}
        if rng.random() < 0.5:
            gain["tokens"] = typed(rng, log_uniform(1e6, 1e19))
        cases.append(("gain", gain))
    return cases


BAD_INPUTS = [
    ("tokens", {}),
    ("tokens", {"params": "abc"}),
    ("tokens", {"params": ""}),
    ("tokens", {"params": "nan"}),
    ("tokens", {"params": "-inf"}),
    ("tokens", {"params": "-1e9"}),
    ("tokens", {"params": "1__0"}),
    ("tokens", {"params": "0x10"}),
    ("tokens", {"params": "1e9", "tokens": "1e12"}),
    ("params", {"tokens": "1e20"}),
    ("params", {"tokens": "it's"}),
    ("params", {"tokens": "\xa01e99\u3000"}),
    ("params", {"tokens": "1\u200b0"}),
    ("params", {"tokens": 'say "1e9"\tor\n\\1e9'}),
    ("plan", {"gpus": "100"}),
    ("plan", {"gpus": "2.5", "days": "30"}),
    ("plan", {"gpus": "0", "days": "30"}),
    ("plan", {"gpus": "nan", "days": "30"}),
    ("plan", {"gpus": "100", "days": "-1"}),
    ("plan", {"gpus": "100", "days": "inf"}),
    ("plan", {"gpus": "100", "days": "a week"}),
    ("plan", {"gpus": "100", "days": "30", "mfu": "1.5"}),
    ("plan", {"gpus": "100", "days": "30", "mfu": "0"}),
    ("plan", {"gpus": "100", "days": "30", "gpu": "V100"}),
    ("plan", {"gpus": "100", "days": "30", "gpu": "a100\u2028"}),
    ("plan", {"gpus": "1", "days": "1e-9", "mfu": "1e-9"}),
    ("plan", {"gpus": "1e15", "days": "1e9", "gpu": "H100"}),
    ("gain", {"from": "1e11", "to": "1e10"}),
    ("gain", {"from": "1e10", "to": "1e10"}),
    ("gain", {"from": "1e10", "to": "1e11", "tokens": "1"}),
    ("gain", {"from": "1e10"}),
    ("think", {"params": "1e9"}),
]


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


@pytest.fixture(scope="module")
def planner(browser):
    """A blank page with the package's data and the planner script: window.scalingPlanner."""
    page = browser.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.set_content(
        '<script type="application/json" id="scaling-planner-data">'
        f"{to_json()}</script>"
    )
    page.add_script_tag(content=SCRIPT.read_text(encoding="utf-8"))
    assert page.evaluate("typeof window.scalingPlanner.run") == "function", errors
    yield page
    page.close()


def run_all(page, cases):
    return page.evaluate(
        "cases => cases.map(([c, a]) => window.scalingPlanner.run(c, a))", cases
    )


def test_every_number_of_every_law_equals_the_cli(planner):
    cases = random_cases()
    answers = run_all(planner, cases)
    problems, errors = [], 0
    for (command, args), js in zip(cases, answers, strict=True):
        py = cli_json(command, args)
        errors += "error" in py
        problems += [f"{command} {args}: {m}" for m in mismatches(js, py)]
    assert not problems, "\n".join(problems[:20])
    # The draw covers answers and errors (beyond the limits) of all four commands.
    assert 0 < errors < len(cases) / 2, errors


def test_numbers_typed_as_numbers(planner):
    """run() reads a JS number as the text String(value); valid numbers answer alike."""
    cases = [
        ("tokens", {"params": 1e10}),
        ("params", {"tokens": 1e12}),
        ("plan", {"gpus": 100, "gpu": "A100", "days": 30, "mfu": 0.4}),
        ("gain", {"from": 1e10, "to": 1e11}),
    ]
    for (command, args), js in zip(cases, run_all(planner, cases), strict=True):
        py = cli_json(command, {k: str(v) for k, v in args.items()})
        assert not mismatches(js, py), mismatches(js, py)


def test_bad_input_gets_the_cli_message(planner):
    answers = run_all(planner, BAD_INPUTS)
    for (command, args), js in zip(BAD_INPUTS, answers, strict=True):
        py = cli_json(command, args)
        assert "error" in py, (command, args)
        assert js == py, (command, args)


def test_table_and_sentences_equal_the_cli(planner):
    cases = [(c, a) for c, a in random_cases(30) if "error" not in cli_json(c, a)]
    rendered = planner.evaluate(
        "cases => cases.map(([c, a]) => window.scalingPlanner.render(c, a))", cases
    )
    problems = []
    for (command, args), js in zip(cases, rendered, strict=True):
        py = cli_text(command, args)
        if js != py:
            problems.append(f"{command} {args}:\n  js  {js}\n  cli {py}")
    assert not problems, "\n".join(problems[:5])
    assert len(cases) > 80


def format_cases() -> list[tuple[str, float, list]]:
    """Numbers at every scale, on rounding edges and ties, with each formatter's options."""
    rng = np.random.default_rng(SEED)
    values = [0.0, -0.0, 1.0, 0.125, 2.5, 0.5, 1.5e9, 999.5e9, 999.4999e9, 999.5e12]
    values += [9.995, 0.0009995, 1e15, 999.7e9, 0.001, 1e-3 * (1 - 1e-12), 768.0, 2.5e4]
    values += list(10 ** rng.uniform(-6, 20, 250) * rng.choice([-1, 1], 250))
    values += [
        round(float(v), int(rng.integers(0, 4))) for v in rng.uniform(0, 2000, 50)
    ]
    cases = []
    for v in values:
        v = float(v)
        for digits in (1, 2, 3, 4):
            cases += [
                ("sci", v, [digits]),
                ("count", v, [digits]),
                ("number", v, [digits]),
            ]
        for decimals in (0, 1, 2, 3):
            cases.append(("fixed", v, [decimals]))
        cases += [("count", v, [3, "tokens"]), ("flops", v, []), ("days", abs(v), [])]
        cases += [("fixed", v, [2, "", True]), ("sci", v, [3, "FLOPs"])]
    return cases


def test_formatter_equals_scaling_fmt(planner):
    cases = format_cases()
    js = planner.evaluate(
        "cases => cases.map(([f, x, a]) => window.scalingPlanner.fmt[f](x, ...a))",
        cases,
    )
    problems = [
        f"{name}({x!r}, {args}): js {got!r}, fmt {expected!r}"
        for (name, x, args), got in zip(cases, js, strict=True)
        if got != (expected := getattr(fmt, name)(x, *args))
    ]
    assert not problems, "\n".join(problems[:20])


PAGES = {"book/intro": "tokens", "notebooks/05_model_sizes": "plan"}

# Contrast of text against the first opaque background behind it (WCAG 2.1 relative luminance).
JS_CONTRAST = r"""
(selectors) => {
  const rgb = (c) => (c.match(/[\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }).reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0.5) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const out = {};
  for (const s of selectors) {
    const el = document.querySelector(s);
    if (!el) { out[s] = 0; continue; }
    const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
    out[s] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
  }
  return out;
}
"""

# Elements of the planner that reach past the article's content column.
JS_OVERFLOW = r"""
() => {
  const article = document.querySelector("article.bd-article");
  const style = getComputedStyle(article);
  const right = article.getBoundingClientRect().right - parseFloat(style.paddingRight);
  const wide = [];
  for (const el of document.querySelectorAll(".scaling-planner, .scaling-planner *")) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > right + 1)
      wide.push(`<${el.tagName.toLowerCase()}> ${Math.round(r.right - right)} px`);
  }
  return {wide, page: document.scrollingElement.scrollWidth - window.innerWidth};
}
"""


@pytest.fixture(scope="module")
def site(html_dir):
    """Serve the built site on a free loopback port; yield its base URL."""
    with serve(html_dir) as url:
        yield url


def shown(page) -> dict:
    """The visible answer: the live sentence, the table's caption, header and rows."""
    return page.evaluate(
        """() => {
      const root = document.querySelector(".scaling-planner");
      const cells = (tr) => [...tr.children].map((c) => c.textContent);
      const table = root.querySelector("table");
      return {
        headline: root.querySelector(".planner-status").textContent,
        title: table ? table.caption.textContent : null,
        header: table ? cells(table.tHead.rows[0]) : null,
        rows: table ? [...table.tBodies[0].rows].map(cells) : null,
      };
    }"""
    )


def form_values(page, command) -> dict:
    return page.evaluate(
        """(command) => Object.fromEntries(
        [...document.querySelectorAll(`form[data-command=${command}] [name]`)]
          .filter((i) => i.value.trim() !== "").map((i) => [i.name, i.value]))""",
        command,
    )


@pytest.mark.parametrize("doc", PAGES)
def test_reader_uses_the_planner_with_the_keyboard(browser, site, doc):
    """Both pages answer like the CLI, by keyboard, at 1280 and 390 px, light and dark."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, scheme in [
        (1280, "light"),
        (390, "light"),
        (390, "dark"),
        (1280, "dark"),
    ]:
        page = browser.new_page(
            viewport={"width": width, "height": 900}, color_scheme=scheme
        )
        errors = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        page.on(
            "console",
            lambda m, errors=errors: m.type == "error" and errors.append(m.text),
        )
        page.goto(f"{site}/{doc}.html", wait_until="load")
        page.wait_for_selector(".scaling-planner .planner-status:not(:empty)")
        assert page.evaluate("document.documentElement.dataset.theme") == scheme
        command = PAGES[doc]
        radio = page.locator(f".scaling-planner input[type=radio][value={command}]")
        assert radio.is_checked()
        # Every field has a label; the answer sentence is announced.
        unlabeled = page.evaluate(
            """() => [...document.querySelectorAll(".scaling-planner input, "
              + ".scaling-planner select")].filter((i) => !i.labels.length).map((i) => i.id)"""
        )
        assert not unlabeled
        status = page.locator(".scaling-planner .planner-status")
        assert status.get_attribute("aria-live") == "polite"
        assert shown(page) == cli_text(command, form_values(page, command))

        # The first field, typed into and answered with Enter.
        field = page.locator(f"form[data-command={command}] input[type=text]").first
        field.fill("70e9" if command == "tokens" else "2048")
        field.press("Enter")
        assert shown(page) == cli_text(command, form_values(page, command))
        field.fill("abc")
        field.press("Enter")
        message = cli_json(command, form_values(page, command))["error"]
        assert status.text_content() == f"Error: {message}"
        assert field.get_attribute("aria-invalid") == "true"

        # Arrow keys move between the questions; the chosen one's form shows and answers.
        radio.focus()
        page.keyboard.press("ArrowDown")
        following = page.evaluate(
            "document.querySelector('.scaling-planner input[type=radio]:checked').value"
        )
        assert following != command
        assert page.locator(f"form[data-command={command}]").is_hidden()
        assert page.locator(f"form[data-command={following}]").is_visible()
        assert shown(page) == cli_text(following, form_values(page, following))

        contrast = page.evaluate(
            JS_CONTRAST,
            [
                ".scaling-planner .planner-status",
                ".scaling-planner td",
                ".scaling-planner label",
                ".scaling-planner .planner-hint",
                ".scaling-planner button",
                ".scaling-planner input[type=text]",
            ],
        )
        low = {s: round(c, 2) for s, c in contrast.items() if c < 4.5}
        assert not low, f"text contrast below 4.5:1 at {width} px, {scheme}: {low}"
        overflow = page.evaluate(JS_OVERFLOW)
        assert not overflow["wide"], overflow
        assert overflow["page"] <= 0, overflow
        name = f"planner-{doc.replace('/', '-')}-{width}-{scheme}.png"
        page.locator(".scaling-planner").screenshot(path=SCREENSHOTS / name)
        assert not errors, errors
        page.close()

"""The classroom edition: package data, the course kit, solution stripping, launch buttons, lab.

The kit test does what a student who downloaded the kit does: unzip it, run the README's
install command (a new virtual environment, every package from the package registry), start
JupyterLab with its second command, and run chapters with the check command of the README and
the classroom page. It is marked ``kit`` and runs beside the book build (``make test``).
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import socket
import subprocess
import sys
import time
import tomllib
import types
import urllib.request
import zipfile
from importlib import resources
from pathlib import Path

import pytest

from scaling import data

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "book" / "_ext"))

import course_kit  # noqa: E402

#: The chapters the kit test executes: chapter 8 (the live training sweep, the most
#: demanding) and the quickest one that uses the data tables.
KIT_CHAPTERS = ("05_model_sizes", "08_from_scratch")


def _loaders():
    return [getattr(data, name) for name in data.__all__ if name.startswith("load_")]


# Package data -----------------------------------------------------------------------------


def test_pyproject_lists_every_subpackage_and_maps_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for p in (ROOT / "scaling").rglob("__init__.py")
    }
    assert set(config["packages"]) == found | {"scaling.data_files"}
    assert config["package-dir"] == {"scaling.data_files": "data"}


def test_every_data_table_is_package_data():
    shipped = {p.name for p in resources.files("scaling.data_files").iterdir()}
    assert {p.name for p in (ROOT / "data").glob("*.csv")} <= shipped
    assert data.DATA_DIR.joinpath("models.csv").is_file()


def test_loaders_work_from_any_folder(tmp_path):
    names = [f.__name__ for f in _loaders()]
    code = (
        "import scaling as sc\n"
        f"for name in {names!r}:\n"
        "    table = getattr(sc.data, name)()\n"
        "    assert len(table) > 0, name\n"
        f"print(len({names!r}))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert proc.stdout.split() == [str(len(names))]


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_notebooks_read_data_only_through_the_package(notebook):
    # A notebook downloaded from the site has no repository around it.
    code = "\n".join(
        "".join(cell["source"])
        for cell in json.loads(notebook.read_text())["cells"]
        if cell["cell_type"] == "code"
    )
    assert not re.search(r"""["']\.\.?/|DATA_DIR|read_csv\(\s*["']""", code)


def test_lab_sweep_loader_splits_fit_and_held_out_runs():
    from scaling.lab import sweep

    table = data.load_lab_sweep()
    held_out = data.load_lab_sweep("holdout")
    # The stored file is the one `python -m scaling.lab --full` writes (data/README.md).
    assert list(data.LAB_SWEEP_COLUMNS) == [*sweep.COLUMNS, "split"]
    assert sorted(map(tuple, held_out[["hidden", "n_tokens"]].values)) == sorted(
        sweep.HOLDOUT
    )
    assert len(data.load_lab_sweep("fit")) == len(sweep.FULL_PAIRS)
    assert len(table) == len(sweep.FULL_PAIRS) + len(sweep.HOLDOUT)
    with pytest.raises(ValueError, match="split"):
        data.load_lab_sweep("train")


def test_lab_requirements_are_pinned_and_installed():
    pins = {}
    for line in (ROOT / "requirements" / "constraints.txt").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name.lower())] = version
    for req in ("runtime.txt", "lab.txt"):
        for line in (ROOT / "requirements" / req).read_text().splitlines():
            if "==" in line and not line.startswith("#"):
                name, version = line.split("==")
                key = re.sub(r"[-_.]+", "-", name.lower())
                assert pins.get(key) == version, name
    # The environment the tests run in is the pinned one (make installs lab.txt too).
    assert importlib.metadata.version("jupyterlab") == pins["jupyterlab"]


# Solutions out of the student edition -------------------------------------------------------


def _md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def _code(text, output="ok\n"):
    return {
        "cell_type": "code",
        "metadata": {},
        "source": text,
        "outputs": [{"output_type": "stream", "name": "stdout", "text": output}],
        "execution_count": 1,
    }


def test_strip_solutions_removes_gated_and_plain_solutions():
    notebook = {
        "cells": [
            _md("## Exercises\n\n```{exercise}\n:label: ch1-ex-a\nCompute it.\n```\n"),
            _md(
                "```{solution-start} ch1-ex-a\n:class: dropdown\n```\n\nSecret prose.\n"
            ),
            _code("secret_code = 1\n", output="42\n"),
            _md("```{solution-end}\n```\n\nKept after the end.\n"),
            _md(
                "````{solution} ch1-ex-b\n:class: dropdown\nHidden.\n```python\nx\n```\n````\n"
            ),
            _code("visible = 2\n"),
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    stripped = course_kit.strip_solutions_from_notebook(notebook)
    text = json.dumps(stripped)
    assert "Compute it." in text and "Kept after the end." in text and "visible" in text
    for secret in ("Secret prose", "secret_code", "solution", "Hidden", "42"):
        assert secret not in text, secret
    assert len(notebook["cells"]) == 6  # the input is left alone


def test_launch_buttons_follow_the_repository_url():
    def config(url):
        options = {
            "launch_buttons": {
                "binderhub_url": "https://mybinder.org",
                "colab_url": "https://colab.research.google.com",
            },
            "repository_url": url,
        }
        return types.SimpleNamespace(
            html_theme_options=options, student_edition=False, hide_solutions=False
        )

    off = config("")
    course_kit._configure(None, off)
    assert not any(off.html_theme_options["launch_buttons"].values())
    assert "use_repository_button" not in off.html_theme_options
    on = config("https://github.com/owner/repo")
    course_kit._configure(None, on)
    assert on.html_theme_options["launch_buttons"]["binderhub_url"]
    assert on.html_theme_options["launch_buttons"]["colab_url"]
    assert on.html_theme_options["use_repository_button"] is True


# The course kit ---------------------------------------------------------------------------


def test_kit_holds_notebooks_package_data_requirements_and_readme(tmp_path):
    kit = course_kit.build_kit(tmp_path / "kit.zip")
    names = set(zipfile.ZipFile(kit).namelist())
    prefix = f"{course_kit.KIT_NAME}/"
    expected = {
        "README.md",
        "pyproject.toml",
        "requirements/lab.txt",
        "requirements/runtime.txt",
        "requirements/constraints.txt",
        "data/__init__.py",
    }
    expected |= {f"notebooks/{p.name}" for p in (ROOT / "notebooks").glob("*.ipynb")}
    expected |= {f"data/{p.name}" for p in (ROOT / "data").glob("*.csv")}
    expected |= {
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "scaling").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert {prefix + e for e in expected} <= names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)
    # The same sources give the same bytes (fixed timestamps, sorted entries).
    again = course_kit.build_kit(tmp_path / "again.zip")
    assert again.read_bytes() == kit.read_bytes()


def _solution_texts(notebook: dict) -> list[str]:
    """Lines (25+ characters) that only the notebook's solutions contain, code and prose."""
    stripped = course_kit.strip_solutions_from_notebook(notebook)
    kept = "\n".join("".join(c["source"]) for c in stripped["cells"])
    lines = []
    for cell in notebook["cells"]:
        for line in "".join(cell["source"]).splitlines():
            line = line.strip()
            if len(line) >= 25 and line not in kept and not line.startswith("#"):
                lines.append(line)
    return lines


def test_student_kit_holds_no_solution_text(tmp_path):
    kit = zipfile.ZipFile(course_kit.build_kit(tmp_path / "s.zip"))
    readme = kit.read(f"{course_kit.KIT_NAME}/README.md").decode()
    assert "solutions are not" in readme
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = kit.read(f"{course_kit.KIT_NAME}/notebooks/{path.name}").decode()
        original = path.read_text()
        assert "{solution" not in text, path.name
        assert text.count("{exercise") == original.count("{exercise"), path.name
        solutions = _solution_texts(json.loads(original))
        assert solutions, f"{path.name}: no solution text to look for"
        cells = json.loads(text)["cells"]
        kit_text = "\n".join("".join(c["source"]) for c in cells)
        leaked = [line for line in solutions if line in kit_text]
        assert not leaked, (path.name, leaked[:3])


def test_teacher_kit_keeps_the_solutions_and_says_so(tmp_path):
    kit = zipfile.ZipFile(course_kit.build_kit(tmp_path / "t.zip", teacher=True))
    top = course_kit.TEACHER_KIT_NAME
    assert "teacher's kit" in kit.read(f"{top}/README.md").decode()
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        assert kit.read(f"{top}/notebooks/{path.name}") == path.read_bytes(), path.name


def _readme_block(readme: str, language: str) -> list[str]:
    block = re.search(rf"```{language}\n(.*?)```", readme, re.S)
    return [line for line in block.group(1).splitlines() if line.strip()]


def _student_env(venv_bin: Path) -> dict:
    """The environment of a student's shell: nothing of the test's virtual environment."""
    ours = Path(sys.prefix)
    path = [
        p
        for p in os.environ.get("PATH", "").split(os.pathsep)
        if p and not Path(p).is_relative_to(ours)
    ]
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME", "JUPYTER_PATH"}
        and not k.startswith("JUPYTER_")
    }
    return env | {"PATH": os.pathsep.join(path), "PYTHONNOUSERSITE": "1"}


def _wait_for_kernelspecs(server, url: str, seconds: float = 180) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert server.poll() is None, "JupyterLab exited"
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return json.load(response)
        except OSError:
            time.sleep(0.5)
    raise AssertionError("JupyterLab did not answer")


@pytest.mark.kit
def test_student_kit_runs_as_its_readme_says(tmp_path):
    """Unzip the student kit and do exactly what its README says, in a new venv.

    The install command gets every package from the package registry (pip's cache may
    serve them; nothing is linked from the test's environment). JupyterLab, started with
    the second command, offers the kit's Python as its kernel; the README's check command
    then runs chapter 8 and chapter 5 from top to bottom.
    """
    zipfile.ZipFile(course_kit.build_kit(tmp_path / "kit.zip")).extractall(tmp_path)
    kit_dir = tmp_path / course_kit.KIT_NAME
    readme = (kit_dir / "README.md").read_text()
    install, lab = _readme_block(readme, "bash")
    (check,) = _readme_block(readme, "console")
    assert "requirements/lab.txt" in install and lab.startswith(".venv/bin/jupyter lab")
    assert check.endswith("notebooks/01_power_laws.ipynb")
    classroom = (ROOT / "book" / "classroom.md").read_text()
    assert check.replace("01_power_laws", "NAME") in classroom

    venv_bin = kit_dir / ".venv" / "bin"
    env = _student_env(venv_bin)

    def shell(command, **kwargs):
        return subprocess.run(
            ["bash", "-c", command], cwd=kit_dir, env=env, text=True, **kwargs
        )

    proc = shell(install, capture_output=True)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-3000:]
    config = (kit_dir / ".venv" / "pyvenv.cfg").read_text()
    assert "include-system-site-packages = false" in config
    where = shell(
        ".venv/bin/python -c 'import numpy, myst_nb, scaling;"
        " print(numpy.__file__, myst_nb.__file__, scaling.__file__)'",
        capture_output=True,
    )
    numpy_file, myst_nb_file, scaling_file = where.stdout.split()
    # Installed into the kit's own environment, and the package is the kit's.
    assert Path(numpy_file).is_relative_to(kit_dir / ".venv")
    assert Path(myst_nb_file).is_relative_to(kit_dir / ".venv")
    assert Path(scaling_file).is_relative_to(kit_dir / "scaling")

    port, token = _free_port(), "kit-test"
    server = subprocess.Popen(
        [
            "bash",
            "-c",
            f"exec {lab} --no-browser --ServerApp.port={port}"
            f" --IdentityProvider.token={token}"
            + (" --allow-root" if os.geteuid() == 0 else ""),
        ],
        cwd=kit_dir,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/kernelspecs?token={token}"
        specs = _wait_for_kernelspecs(server, url)
    finally:
        server.terminate()
        server.wait(timeout=30)
    # "python" in a kernelspec is the server's own Python: the kit's.
    assert specs["kernelspecs"]["python3"]["spec"]["argv"][0] in (
        "python",
        str(venv_bin / "python"),
    )

    for chapter in KIT_CHAPTERS:
        proc = shell(check.replace("01_power_laws", chapter), capture_output=True)
        assert proc.returncode == 0, (chapter, proc.stdout[-2000:], proc.stderr[-4000:])


def test_kit_package_finds_its_data_after_a_plain_install(tmp_path):
    """``pip install .`` (a wheel, not editable) carries the data tables into the package."""
    zipfile.ZipFile(course_kit.build_kit(tmp_path / "kit.zip")).extractall(tmp_path)
    target = tmp_path / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(tmp_path / course_kit.KIT_NAME),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    code = (
        "import scaling\nprint(scaling.__file__)\n"
        "print(scaling.data.DATA_DIR)\nprint(len(scaling.data.load_models()))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(target)},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    package_file, data_dir, rows = proc.stdout.split()
    assert Path(package_file).is_relative_to(target)
    assert Path(data_dir) == target / "scaling" / "data_files"
    assert int(rows) > 0


# make lab ---------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_make_lab_starts_jupyterlab_with_the_project_kernel(tmp_path):
    make = subprocess.run(
        ["make", "-n", "lab"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "jupyter lab" in make.stdout
    jupyter = Path(sys.executable).with_name("jupyter")
    port, token = _free_port(), "classroom-test"
    server = subprocess.Popen(
        [
            str(jupyter),
            "lab",
            "--no-browser",
            f"--ServerApp.port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={ROOT}",
            *(
                ["--allow-root"] if os.geteuid() == 0 else []
            ),  # CI containers run as root
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "JUPYTER_PREFER_ENV_PATH": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}/api/kernelspecs?token={token}"
        deadline, specs = time.monotonic() + 120, None
        while time.monotonic() < deadline and specs is None:
            assert server.poll() is None, "JupyterLab exited"
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    specs = json.load(response)
            except OSError:
                time.sleep(0.5)
        assert specs is not None, "JupyterLab did not answer"
        lab = urllib.request.urlopen(
            f"http://127.0.0.1:{port}/lab?token={token}", timeout=30
        )
        assert lab.status == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
    # The python3 kernel runs .venv's Python (a bare "python" means the server's own), which
    # imports scaling.
    argv0 = specs["kernelspecs"]["python3"]["spec"]["argv"][0]
    python = argv0 if Path(argv0).is_absolute() else sys.executable
    assert Path(python).parent == Path(sys.executable).parent
    check = subprocess.run(
        [python, "-c", "import scaling"], capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr

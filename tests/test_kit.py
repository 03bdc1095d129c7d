"""The classroom edition: package data, the course kit, solution stripping, launch buttons, lab.

The kit test installs the kit's package into a fresh virtual environment and runs a chapter
there, from a folder outside the kit, as a student who downloaded it would.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import socket
import subprocess
import sys
import sysconfig
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

#: The chapter the kit test executes: the quickest one that uses the data tables.
KIT_CHAPTER = "05_model_sizes"


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


def test_student_kit_has_exercises_without_solutions(tmp_path):
    kit = zipfile.ZipFile(course_kit.build_kit(tmp_path / "s.zip", student=True))
    readme = kit.read(f"{course_kit.KIT_NAME}/README.md").decode()
    assert "solutions are not" in readme
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        text = kit.read(f"{course_kit.KIT_NAME}/notebooks/{path.name}").decode()
        original = path.read_text()
        assert "{solution" not in text, path.name
        assert text.count("{exercise") == original.count("{exercise"), path.name


def _readme_commands(readme: str) -> list[str]:
    block = re.search(r"```bash\n(.*?)```", readme, re.S)
    return [line for line in block.group(1).splitlines() if line.strip()]


def _dependencies_only(site_packages: Path, into: Path) -> Path:
    """Link every installed distribution except ``scaling`` itself into ``into``."""
    into.mkdir()
    for entry in site_packages.iterdir():
        name = entry.name.lower()
        if name.startswith(("scaling", "__editable__", "pip", "setuptools")):
            continue
        if name.endswith(".pth") or name == "__pycache__":
            continue
        (into / entry.name).symlink_to(entry)
    return into


def test_kit_installs_and_runs_a_chapter_in_a_fresh_venv(tmp_path):
    """Unzip the kit, install its package (not editable) into a new venv, run a chapter.

    The pinned dependencies are linked in from the test environment (installing them again
    would take minutes; ``test_lab_requirements_are_pinned_and_installed`` checks that it is
    the pinned one), so the package, its data and the notebook all come from the kit.
    """
    kit = course_kit.build_kit(tmp_path / "kit.zip")
    zipfile.ZipFile(kit).extractall(tmp_path)
    kit_dir = tmp_path / course_kit.KIT_NAME
    commands = _readme_commands((kit_dir / "README.md").read_text())
    assert len(commands) == 2 and "requirements/lab.txt" in commands[0]
    assert commands[1].startswith(".venv/bin/jupyter lab")

    venv = tmp_path / "fresh"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True
    )
    python = venv / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            text=True,
        ).strip()
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    deps = _dependencies_only(ours, tmp_path / "deps")
    (site / "zz_pinned_dependencies.pth").write_text(f"{deps}\n")
    pip = [sys.executable, "-m", "pip", "--python", str(python)]
    proc = subprocess.run(
        [*pip, "install", "--quiet", "--no-deps", str(kit_dir)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    notebook = json.loads((kit_dir / "notebooks" / f"{KIT_CHAPTER}.ipynb").read_text())
    probe = (
        "import scaling, sys\nprint(scaling.__file__)\nprint(scaling.data.DATA_DIR)\n"
    )
    notebook["cells"].append(_code(probe) | {"outputs": [], "execution_count": None})
    (elsewhere / "chapter.ipynb").write_text(json.dumps(notebook))
    run = (
        "import nbformat, nbclient\n"
        "nb = nbformat.read('chapter.ipynb', as_version=4)\n"
        "nbclient.NotebookClient(nb, timeout=600, kernel_name='python3',"
        " resources={'metadata': {'path': '.'}}).execute()\n"
        "print(nb.cells[-1].outputs[0]['text'])\n"
    )
    env = {**os.environ, "JUPYTER_PREFER_ENV_PATH": "1", "PYTHONNOUSERSITE": "1"}
    subprocess.run(
        [
            python,
            "-m",
            "ipykernel",
            "install",
            "--prefix",
            str(venv),
            "--name",
            "python3",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    proc = subprocess.run(
        [python, "-c", run], cwd=elsewhere, capture_output=True, text=True, env=env
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    package_file, data_dir = proc.stdout.split()[-2:]
    # The chapter ran on the kit's package, installed as a wheel into the fresh venv.
    assert Path(package_file).is_relative_to(site)
    assert Path(data_dir) == site / "scaling" / "data_files"
    assert (Path(data_dir) / "models.csv").is_file()


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

"""Published facts about real models and the book's stored tables, shipped as package data.

The CSV files live in the repository's top-level ``data/`` folder; the build configuration
(``pyproject.toml``) installs that folder inside the package as ``scaling.data_files``, so the
loaders find the tables after any install, editable or from a wheel, from any working directory.
``data/README.md`` records where each row comes from.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pandas as pd

from scaling._validation import as_positive

DATA_DIR = resources.files("scaling.data_files")
"""The installed data folder (the repository's ``data/`` under an editable install)."""

MODEL_COLUMNS = (
    "model",
    "organization",
    "year",
    "n_params",
    "n_tokens",
    "published_flops",
    "source",
)
"""Columns of ``data/models.csv``, in order."""


def load_models(path=None) -> pd.DataFrame:
    """Load the table of published models (parameters, tokens, training FLOPs, source).

    Parameters
    ----------
    path : str or pathlib.Path, optional
        CSV file with :data:`MODEL_COLUMNS`; ``data/models.csv`` when omitted.

    Returns
    -------
    pandas.DataFrame
        One row per model. ``published_flops`` may be missing (NaN) for a model whose paper gives
        no count; every value given is positive.

    References
    ----------
    Brown et al. 2020, Table D.1; Rae et al. 2021; Hoffmann et al. 2022; Chowdhery et al. 2022,
    Table 21 (row by row in ``data/README.md``).

    Examples
    --------
    >>> models = load_models()
    >>> models.set_index("model").loc["GPT-3 175B", "n_tokens"]
    np.float64(300000000000.0)
    """
    if path is not None and not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file path, got {type(path).__name__}")
    csv = DATA_DIR / "models.csv" if path is None else Path(path)
    if not csv.is_file():
        raise ValueError(f"path {str(csv)!r} is not a file")
    try:
        table = pd.read_csv(csv)
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise ValueError(
            f"path {str(csv)!r} is not a readable CSV file: {err}"
        ) from None
    if tuple(table.columns) != MODEL_COLUMNS:
        raise ValueError(
            f"columns of {csv.name} must be {list(MODEL_COLUMNS)}, got {list(table.columns)}"
        )
    if table.empty:
        raise ValueError(f"{csv.name} has no rows")
    as_positive(table["n_params"], "n_params")
    as_positive(table["n_tokens"], "n_tokens")
    published = table["published_flops"].dropna()
    if not published.empty:
        as_positive(published, "published_flops")
    return table


def load_porian_steps() -> pd.DataFrame:
    """Load Porian et al.'s steps from Kaplan's setup to Chinchilla's, with the exponent a of each.

    Returns
    -------
    pandas.DataFrame
        One row per cumulative change, indexed by ``step``; columns ``a_<dataset>``,
        ``ci_low_<dataset>``, ``ci_high_<dataset>`` (95 % bootstrap interval) and
        ``rho_range_<dataset>`` for the datasets ``openwebtext2`` and ``refinedweb``; NaN where
        the paper reports nothing.

    References
    ----------
    Porian et al. 2024, "Resolving Discrepancies in Compute-Optimal Scaling of Language Models"
    (provenance in ``data/README.md``).

    Examples
    --------
    >>> steps = load_porian_steps()
    >>> float(steps["a_openwebtext2"].iloc[-1])
    0.5
    """
    table = pd.read_csv(DATA_DIR / "porian2024_steps.csv").set_index("step")
    if table.empty or "a_openwebtext2" not in table.columns:
        raise ValueError(
            "porian2024_steps.csv must have rows and an a_openwebtext2 column"
        )
    return table


LAB_SWEEP_COLUMNS = (
    "hidden",
    "n_params",
    "n_tokens",
    "flops",
    "loss",
    "entropy",
    "reducible",
    "split",
)
"""Columns of ``data/lab_sweep.csv``: :data:`scaling.lab.sweep.COLUMNS` and ``split``."""


def load_lab_sweep(split: str | None = None) -> pd.DataFrame:
    """Load chapter 8's stored full sweep of tiny models (written by ``python -m scaling.lab``).

    Parameters
    ----------
    split : {None, "fit", "holdout"}
        Keep only the runs the law is fitted on, or only the held-out runs; all when None.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LAB_SWEEP_COLUMNS`, one row per run: width h, parameters N, tokens D,
        C = 6ND, exact loss, the source's entropy rate H, loss − H and the split.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.3 (a sweep of (N, D, L) runs to fit the law on); the runs are
    this repository's own (``scaling.lab``; provenance in ``data/README.md``).

    Examples
    --------
    >>> sweep = load_lab_sweep()
    >>> sorted(sweep["split"].unique())
    ['fit', 'holdout']
    >>> load_lab_sweep("holdout")[["hidden", "n_tokens"]].values.tolist()
    [[1024, 2000000], [2048, 800000]]
    """
    if split is not None and split not in ("fit", "holdout"):
        raise ValueError(f"split must be None, 'fit' or 'holdout', got {split!r}")
    table = pd.read_csv(DATA_DIR / "lab_sweep.csv")
    if tuple(table.columns) != LAB_SWEEP_COLUMNS:
        raise ValueError(
            f"columns of lab_sweep.csv must be {list(LAB_SWEEP_COLUMNS)}, "
            f"got {list(table.columns)}"
        )
    if split is not None:
        table = table[table["split"] == split].reset_index(drop=True)
    return table


__all__ = [
    "DATA_DIR",
    "LAB_SWEEP_COLUMNS",
    "MODEL_COLUMNS",
    "load_lab_sweep",
    "load_models",
    "load_porian_steps",
]

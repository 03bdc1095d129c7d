"""Published facts about real models, kept as CSV files in the repository's ``data/`` folder.

``data/README.md`` records where each row comes from. The folder sits beside the package, so the
loaders work from a clone with the package installed editable (as ``make`` installs it).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scaling._validation import as_positive

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
"""The repository's ``data/`` folder."""

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
    csv = DATA_DIR / "models.csv" if path is None else Path(path)
    table = pd.read_csv(csv)
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


__all__ = ["DATA_DIR", "MODEL_COLUMNS", "load_models"]

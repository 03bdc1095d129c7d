"""A sweep as a table: its columns, their validation, and the IsoFLOP budget of each run.

Kept apart from the fits so that a CSV is read and checked in one place, with one clear
error per problem, before any fitting starts (``scaling fit`` reports these errors as is).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from scaling import chinchilla
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN

REQUIRED_COLUMNS = ("n_params", "n_tokens", "loss")
"""Columns every sweep needs: parameters N, training tokens D, final loss (nats per token or
per byte, as long as all runs use one unit)."""

OPTIONAL_COLUMNS = ("flops_budget", "steps")
"""Columns used when present: the IsoFLOP budget a run belongs to, and its optimizer steps."""

BUDGET_TOLERANCE = 0.05
"""Without ``flops_budget``, runs whose compute 6ND lies within 5 % of the smallest in a group
form one IsoFLOP profile (budgets in a sweep are usually a factor 2 or more apart)."""


def check_runs(frame) -> pd.DataFrame:
    """Validate a sweep table and return its columns as floats, one clear error per problem.

    Parameters
    ----------
    frame : pandas.DataFrame
        One row per run with :data:`REQUIRED_COLUMNS` and any of :data:`OPTIONAL_COLUMNS`.

    Returns
    -------
    pandas.DataFrame
        The known columns (others are dropped), as floats, index reset.

    Raises
    ------
    ValueError
        For a missing column, a cell that is not a number, a value that is not positive and
        finite, or fewer than 5 runs (the law has 5 constants). Messages name the column and row
        (rows counted from 1, as in a spreadsheet below its header).

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2–3.3 (the (N, D, loss) points both approaches fit).

    Examples
    --------
    >>> check_runs(pd.DataFrame({"n_params": [1e6], "n_tokens": [1e8]}))
    Traceback (most recent call last):
    ...
    ValueError: runs: missing column 'loss' (need n_params, n_tokens, loss)
    """
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"runs must be a pandas DataFrame, got {type(frame).__name__}")
    columns = [str(c).strip() for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            raise ValueError(
                f"runs: missing column {column!r} (need {', '.join(REQUIRED_COLUMNS)})"
            )
    known = [c for c in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS) if c in columns]
    out = {}
    for column in known:
        values = pd.to_numeric(frame[column], errors="coerce").to_numpy(dtype=float)
        bad = ~np.isfinite(values) | (values <= 0)
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            cell = frame[column].iloc[row]
            what = "is not a number" if np.isnan(values[row]) else "must be positive"
            raise ValueError(
                f"runs: {column} {what} in row {row + 1}, got {str(cell).strip()!r}"
            )
        out[column] = values
    if len(frame) < len(chinchilla.PARAMETERS):
        raise ValueError(
            f"runs: {len(frame)} run(s), too few: the law's 5 constants need at least 5"
        )
    return pd.DataFrame(out)


def read_runs(path) -> pd.DataFrame:
    """Read a sweep from a CSV file and validate it with :func:`check_runs`.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2–3.3.

    Examples
    --------
    >>> import io
    >>> csv = "n_params,n_tokens,loss\\n1e6,1e8,3.1\\n2e6,5e7,x\\n"
    >>> read_runs(io.StringIO(csv))
    Traceback (most recent call last):
    ...
    ValueError: runs: loss is not a number in row 2, got 'x'
    """
    try:
        frame = pd.read_csv(path, skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as e:
        raise ValueError(f"runs: not a readable CSV file ({e})") from None
    return check_runs(frame)


def profile_budgets(runs: pd.DataFrame) -> np.ndarray:
    """The IsoFLOP budget of each run: its ``flops_budget``, else its group's compute 6ND.

    Without labels, runs sorted by 6ND join a group while within :data:`BUDGET_TOLERANCE` of
    its smallest; a group's budget is the geometric mean of its runs' compute.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.2 (IsoFLOP profiles); Kaplan et al. 2020, Sec. 2.1 (C = 6ND).

    Examples
    --------
    >>> runs = pd.DataFrame({"n_params": [1e6, 2e6, 4e6], "n_tokens": [1e8, 5e7, 2e7]})
    >>> [f"{c:.3g}" for c in profile_budgets(runs)]
    ['6e+14', '6e+14', '4.8e+14']
    """
    if "flops_budget" in runs:
        return runs["flops_budget"].to_numpy(dtype=float)
    flops = TRAINING_FLOPS_PER_PARAM_TOKEN * (
        runs["n_params"].to_numpy(dtype=float) * runs["n_tokens"].to_numpy(dtype=float)
    )
    order = np.argsort(flops, kind="stable")
    group = np.empty(flops.size, dtype=int)
    start, label = -np.inf, -1
    for i in order:
        if flops[i] > start * (1 + BUDGET_TOLERANCE):
            start, label = flops[i], label + 1
        group[i] = label
    centre = np.exp(
        np.bincount(group, weights=np.log(flops)) / np.bincount(group).astype(float)
    )
    return centre[group]

"""Fit a sweep of your own training runs: Approach 2 on its IsoFLOP profiles, Approach 3 on all.

A sweep is a table with one row per run: ``n_params``, ``n_tokens`` and ``loss`` (required),
``flops_budget`` (optional label of the IsoFLOP profile a run belongs to) and ``steps``
(optional, optimizer steps). :func:`fit_runs` fits it and says what the data cannot carry:
profiles without an interior minimum, terms of the law the data do not determine, runs too
short to trust. The ``scaling fit RUNS.csv`` command (:mod:`scaling.cli`) prints the same.
Chapter 8 (``notebooks/08_from_scratch``) fits the book's lab sweep with it.

One module per step: :mod:`~scaling.study.runs` reads and checks the table,
:mod:`~scaling.study.fit` fits it, :mod:`~scaling.study.report` writes the result as text and
:mod:`~scaling.study.plots` draws it. Every public name is importable from here.
"""

from scaling.study.fit import (
    DELTA,
    LEVEL,
    MAX_FAILED_SHARE,
    MIN_STEPS,
    PROFILE_NEIGHBOURS,
    Approach2,
    Approach3,
    Optimum,
    Profile,
    Study,
    fit_profiles,
    fit_runs,
)
from scaling.study.plots import plot_frontier, plot_profiles
from scaling.study.report import report
from scaling.study.runs import (
    BUDGET_TOLERANCE,
    OPTIONAL_COLUMNS,
    REQUIRED_COLUMNS,
    check_runs,
    profile_budgets,
    read_runs,
)

__all__ = [
    "BUDGET_TOLERANCE",
    "DELTA",
    "LEVEL",
    "MAX_FAILED_SHARE",
    "MIN_STEPS",
    "OPTIONAL_COLUMNS",
    "PROFILE_NEIGHBOURS",
    "REQUIRED_COLUMNS",
    "Approach2",
    "Approach3",
    "Optimum",
    "Profile",
    "Study",
    "check_runs",
    "fit_profiles",
    "fit_runs",
    "plot_frontier",
    "plot_profiles",
    "profile_budgets",
    "read_runs",
    "report",
]

"""scaling: the small library behind the Scaling Laws book.

Each module is one idea and points back to its chapter; notebooks ``import scaling as sc``.
"""

from scaling import (
    approaches,
    architecture,
    chinchilla,
    compute,
    data,
    data_constrained,
    data_stock,
    fitting,
    fmt,
    inference,
    kaplan,
    lab,
    planning,
    plot,
    powerlaw,
    precision,
    reconcile,
)

__version__ = "0.1.0"

__all__ = [
    "approaches",
    "architecture",
    "chinchilla",
    "compute",
    "data",
    "data_constrained",
    "data_stock",
    "fitting",
    "fmt",
    "inference",
    "kaplan",
    "lab",
    "planning",
    "plot",
    "powerlaw",
    "precision",
    "reconcile",
]

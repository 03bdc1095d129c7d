"""scaling: the small library behind the Scaling Laws book.

Each module is one idea and points back to its chapter; notebooks ``import scaling as sc``.
Modules load on first use (``sc.chinchilla``), so the ``scaling`` command starts quickly.
"""

import importlib

__version__ = "0.1.0"

__all__ = [
    "approaches",
    "architecture",
    "brain",
    "chinchilla",
    "compute",
    "data",
    "data_constrained",
    "data_stock",
    "deepseek",
    "downstream",
    "emergence",
    "fitting",
    "fmt",
    "inference",
    "kaplan",
    "lab",
    "llama3",
    "moe",
    "overtraining",
    "planning",
    "planner_data",
    "plot",
    "powerlaw",
    "precision",
    "reconcile",
    "study",
    "test_time",
    "verdicts",
]


def __getattr__(name: str):
    """Import the submodule ``name`` on first access (PEP 562)."""
    if name in __all__:
        module = importlib.import_module(f"scaling.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module 'scaling' has no attribute {name!r}")


def __dir__():
    return sorted({*globals(), *__all__})

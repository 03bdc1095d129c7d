"""scaling: the small library behind the Scaling Laws book.

Each module is one idea and points back to its chapter; notebooks ``import scaling as sc``.
"""

from scaling import chinchilla, compute, fitting, plot

__version__ = "0.1.0"

__all__ = ["chinchilla", "compute", "fitting", "plot"]

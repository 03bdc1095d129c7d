"""A scaling-law laboratory: a token source with known entropy, a tiny numpy LM, and a sweep runner.

Chapter 8 trains hundreds of small models on two CPU cores, fits the Chinchilla law to them and
checks its extrapolation against runs it has not seen.
"""

from scaling.lab import model, source, sweep

__all__ = ["model", "source", "sweep"]

"""Kaplan et al. 2020's fitted power laws in compute: the recipe of Table 6 and its kin.

Each law is k · X^p (Table 6, Eq. 4.4, Eq. 6.7, Fig. 14); the constants are the paper's.
"""

from __future__ import annotations

from dataclasses import dataclass

from scaling._validation import (
    as_positive,
    scalar_or_array,
)
from scaling.kaplan._checks import _check_positive_fields


@dataclass(frozen=True)
class KaplanPowerLaw:
    """A fitted power law y = coefficient · x^exponent from Kaplan et al. 2020.

    ``x`` is C_min in PF-days for the Table 6 rows, raw C in PF-days for the Fig. 14 orange line,
    and non-embedding parameters for the data requirement of Eq. 4.4.

    References
    ----------
    Kaplan et al. 2020, Table 6; Eqs. 4.4, 6.7; Fig. 14.

    Examples
    --------
    >>> f"{N_OPT(1.0):.3g}"
    '1.3e+09'
    """

    coefficient: float
    exponent: float
    unit: str
    name: str = "custom"

    def __post_init__(self):
        _check_positive_fields(self, ("coefficient", "exponent"))

    def __call__(self, x):
        """Evaluate the law at ``x`` (> 0).

        References
        ----------
        Kaplan et al. 2020, Table 6.

        Examples
        --------
        >>> f"{D_OPT(1.0):.3g}"
        '2e+10'
        """
        return scalar_or_array(self.coefficient * as_positive(x, "x") ** self.exponent)

    def __repr__(self) -> str:
        return f"KaplanPowerLaw({self.name}: {self.coefficient:.3g} {self.unit} · x^{self.exponent:g})"


N_OPT = KaplanPowerLaw(1.3e9, 0.73, "parameters", "N_opt(C_min)")
"""Compute-efficient model size, C_min in PF-days (Table 6; Eq. 6.1; Fig. 14 blue line)."""


B_CRIT_OPT = KaplanPowerLaw(2.0e6, 0.24, "tokens", "B_crit(C_min)")
"""Critical batch along the compute-efficient frontier, C_min in PF-days (Table 6)."""


S_MIN_OPT = KaplanPowerLaw(5.4e3, 0.03, "steps", "S_min(C_min)")
"""Minimum serial steps along the frontier, a lower bound (Table 6; Eq. 6.2)."""


D_OPT = KaplanPowerLaw(2e10, 0.27, "tokens", "D_opt(C_min)")
"""Tokens processed (one epoch) along the frontier, C_min in PF-days (Table 6)."""


D_AT_CRITICAL_BATCH = KaplanPowerLaw(4e10, 0.26, "tokens", "D(C_min), Eq. 6.7")
"""Data used training at B_crit, where C = 2 C_min, as printed in Eq. 6.7 (C_min in PF-days)."""


N_OPT_RAW_COMPUTE = KaplanPowerLaw(1.6e9, 0.88, "parameters", "N_opt(C)")
"""Optimal size fitted against raw compute C in PF-days, the Fig. 14 orange line (legend)."""


DATA_REQUIREMENT = KaplanPowerLaw(5e3, 0.74, "tokens", "D(N), Eq. 4.4")
"""Tokens needed to keep the overfitting penalty small, D ≳ 5e3 · N^0.74 (Eq. 4.4)."""

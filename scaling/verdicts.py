"""Verdicts on the source blog's claims: four words, each from a stated condition.

The claims ledger (``book/blog_claims.md``) grades every claim of the source blog with one of
:data:`VERDICTS`. A chapter computes the word from a condition it states: a number against its
rounding and :data:`LOOSE_WITHIN`, an order against an order, or a plain comparison. Where no
tolerance or comparison can decide, the chapter gives the book's reading with
:func:`judgement`, and the word carries the mark ``(judgement)`` so the reader can tell.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scaling._validation import as_count, as_scalar

HOLDS = "holds"
"""The claim matches the paper or the arithmetic, up to the blog's rounding."""

LOOSE = "loose"
"""Roughly right: off by more than its rounding but within :data:`LOOSE_WITHIN`, or right
only under a condition it leaves out."""

WRONG = "wrong"
"""The paper or the arithmetic says something else."""

CANNOT_BE_CHECKED = "cannot be checked"
"""No published measurement or computation in the book can settle it."""

VERDICTS = (HOLDS, LOOSE, WRONG, CANNOT_BE_CHECKED)
"""The ledger's vocabulary, from best to worst (the last settles nothing)."""

JUDGEMENT = "judgement"
"""The mark on a verdict that is the book's reading rather than a computed condition."""

LOOSE_WITHIN = 0.10
"""Relative error up to which a number outside its rounding is loose rather than wrong.

Ten percent is the book's choice: it admits truncation and slips of the last digit (2.3T for
2.38T, 5.32 for 5.37) and rejects errors of a different size (about 1,000 for 1,915).
"""


@dataclass(frozen=True)
class Verdict:
    """A verdict word and the condition that produced it.

    Parameters
    ----------
    word : str
        One of :data:`VERDICTS`.
    basis : str
        The condition, in words ("2.3 is 3.4 % below 2.38: outside its rounding, within 10 %").
    judged : bool
        True when the word is the book's judgement, not a computed condition.

    References
    ----------
    The ledger's definitions, ``book/blog_claims.md``.

    Examples
    --------
    >>> str(Verdict("holds", "equal"))
    'holds'
    >>> str(judgement("loose", "the claim omits the condition it needs"))
    'loose (judgement)'
    """

    word: str
    basis: str
    judged: bool = False

    def __post_init__(self):
        if self.word not in VERDICTS:
            raise ValueError(f"word must be one of {VERDICTS}, got {self.word!r}")
        if not isinstance(self.basis, str) or not self.basis.strip():
            raise ValueError("basis must say why: a non-empty string")

    def __str__(self) -> str:
        return f"{self.word} ({JUDGEMENT})" if self.judged else self.word

    def because(self, reason: str) -> str:
        """The verdict followed by a reason for readers: ``"loose: reason"``."""
        if not isinstance(reason, str) or not reason.strip():
            raise ValueError("reason must be a non-empty string")
        return f"{self}: {reason}"


def rounded(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant figures: what a claim of that precision prints.

    Examples
    --------
    >>> rounded(2.38e12, 2)
    2400000000000.0
    >>> rounded(86.1e9, 1)
    90000000000.0
    """
    value = as_scalar(value, "value")
    digits = as_count(digits, "digits")
    if value == 0:
        return 0.0
    return float(f"{value:.{digits}g}")


def by_number(claimed, value, digits: int) -> Verdict:
    """Grade a number the blog prints against the number the book computes or the paper prints.

    Holds when ``value`` rounded to the ``digits`` significant figures the blog prints is the
    blog's number; loose when it is not, but ``claimed`` is within :data:`LOOSE_WITHIN` of
    ``value``; wrong otherwise.

    Parameters
    ----------
    claimed : float
        The blog's number.
    value : float
        The computed or published number it should be.
    digits : int
        Significant figures the blog prints (2 for "2.3T", 1 for "about 1,000").

    Returns
    -------
    Verdict

    References
    ----------
    The ledger's definitions, ``book/blog_claims.md``.

    Examples
    --------
    >>> by_number(2.3e12, 2.38e12, 2).word
    'loose'
    >>> by_number(1000, 1915, 1).word
    'wrong'
    >>> by_number(1.6e20, 1.64e20, 2).word
    'holds'
    """
    claimed = as_scalar(claimed, "claimed")
    value = as_scalar(value, "value")
    if value == 0:
        raise ValueError("value must be non-zero")
    error = claimed / value - 1
    if math.isclose(rounded(value, digits), claimed, rel_tol=1e-9):
        word, how = HOLDS, f"rounds to it at {digits} significant figures"
    elif abs(error) < LOOSE_WITHIN:
        word, how = LOOSE, f"not its rounding, within {LOOSE_WITHIN:.0%}"
    else:
        word, how = WRONG, f"off by more than {LOOSE_WITHIN:.0%}"
    return Verdict(word, f"{claimed:g} against {value:g} ({error:+.1%}): {how}")


def by_order(claimed: Sequence[str], computed: Sequence[str]) -> Verdict:
    """Grade a ranking: holds if equal, wrong if reversed, loose if partly right.

    Examples
    --------
    >>> by_order(["a", "b", "c"], ["c", "b", "a"]).word
    'wrong'
    """
    claimed, computed = list(claimed), list(computed)
    if sorted(claimed) != sorted(computed) or len(claimed) < 2:
        raise ValueError("claimed and computed must rank the same items (two or more)")
    if claimed == computed:
        word = HOLDS
    elif claimed == computed[::-1]:
        word = WRONG
    else:
        word = LOOSE
    return Verdict(
        word, f"claimed {' > '.join(claimed)}; computed {' > '.join(computed)}"
    )


def by_condition(met: bool, basis: str, *, otherwise: str = WRONG) -> Verdict:
    """Holds when the stated comparison ``met`` is true, else ``otherwise`` (loose or wrong).

    Examples
    --------
    >>> by_condition(64 * 275e12 * 61 * 86400 >= 2.5e24, "64 chips in 61 days").word
    'wrong'
    """
    if not isinstance(met, (bool, np.bool_)):
        raise TypeError(f"met must be a bool, got {type(met).__name__}")
    if otherwise not in (LOOSE, WRONG):
        raise ValueError(f"otherwise must be 'loose' or 'wrong', got {otherwise!r}")
    return Verdict(HOLDS if met else otherwise, basis)


def worst(*verdicts: Verdict) -> Verdict:
    """The least favourable of several verdicts on parts of one claim.

    Examples
    --------
    >>> worst(Verdict("holds", "a"), Verdict("loose", "b")).word
    'loose'
    """
    if not verdicts:
        raise ValueError("verdicts must not be empty")
    for v in verdicts:
        if not isinstance(v, Verdict):
            raise TypeError(f"verdicts must be Verdict, got {type(v).__name__}")
    rank = max(VERDICTS.index(v.word) for v in verdicts)
    return Verdict(
        VERDICTS[rank],
        "; ".join(v.basis for v in verdicts),
        judged=any(v.judged for v in verdicts if v.word == VERDICTS[rank]),
    )


def judgement(word: str, reason: str) -> Verdict:
    """The book's reading of a claim no tolerance or comparison can decide, marked as such.

    Examples
    --------
    >>> judgement("loose", "right total, wrong terms").because("see the text")
    'loose (judgement): see the text'
    """
    return Verdict(word, reason, judged=True)


def cannot_be_checked(reason: str) -> Verdict:
    """No measurement or computation in the book settles the claim; ``reason`` says why."""
    return Verdict(CANNOT_BE_CHECKED, reason)

"""The ledger's verdict vocabulary and the conditions that produce each word."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling import verdicts as vd


def test_vocabulary_is_the_four_words_the_ledger_defines():
    assert vd.VERDICTS == ("holds", "loose", "wrong", "cannot be checked")


@pytest.mark.parametrize(
    ("claimed", "value", "digits", "word"),
    [
        (2.3e12, 2.38e12, 2, "loose"),  # the blog's truncated 2.3T (chapter 1)
        (1000, 1915, 1, "wrong"),  # "about 1,000" times for 1,915 (chapter 1)
        (1.6e20, 1.64e20, 2, "holds"),  # BERT-base, Brown et al. Table D.1
        (5.37, 10**0.73, 3, "holds"),
        (5.32, 10**0.73, 3, "loose"),
        (1.5, 1.0, 2, "wrong"),
        (1e11, 86.1e9, 1, "wrong"),  # 100 billion neurons against 86 billion counted
        (10e6, 11.51e6, 1, "holds"),  # Baichuan 2's "10M" smallest model, Table 10
    ],
)
def test_by_number_separates_rounding_loose_and_wrong(claimed, value, digits, word):
    assert vd.by_number(claimed, value, digits).word == word


@settings(derandomize=True, max_examples=200)
@given(
    value=st.floats(1e-6, 1e25),
    error=st.floats(-0.5, 0.5),
    digits=st.integers(1, 4),
)
def test_by_number_word_follows_the_stated_tolerances(value, error, digits):
    claimed = value * (1 + error)
    if claimed == 0:
        return
    word = vd.by_number(claimed, value, digits).word
    if math.isclose(vd.rounded(value, digits), claimed, rel_tol=1e-9):
        assert word == "holds"
    elif abs(claimed / value - 1) < vd.LOOSE_WITHIN:
        assert word == "loose"
    else:
        assert word == "wrong"


def test_by_order():
    assert vd.by_order("abc", "abc").word == "holds"
    assert vd.by_order("abc", "cba").word == "wrong"
    assert vd.by_order("abc", "acb").word == "loose"
    with pytest.raises(ValueError, match="same items"):
        vd.by_order("ab", "ac")


def test_judgement_is_marked_and_needs_a_reason():
    verdict = vd.judgement("loose", "leaves out a condition")
    assert str(verdict) == "loose (judgement)"
    assert verdict.because("why").startswith("loose (judgement): ")
    with pytest.raises(ValueError, match="basis"):
        vd.judgement("loose", " ")


def test_worst_keeps_the_least_favourable_word():
    parts = [
        vd.Verdict("holds", "a"),
        vd.Verdict("wrong", "b"),
        vd.Verdict("loose", "c"),
    ]
    assert vd.worst(*parts).word == "wrong"


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: vd.Verdict("partly", "x"), ValueError),
        (lambda: vd.by_number(math.nan, 1, 2), ValueError),
        (lambda: vd.by_number(1, 0, 2), ValueError),
        (lambda: vd.by_number(1, 1, 0), ValueError),
        (lambda: vd.by_number("1", 1, 2), (TypeError, ValueError)),
        (lambda: vd.by_condition("yes", "x"), TypeError),
        (lambda: vd.by_condition(True, "x", otherwise="holds"), ValueError),
        (lambda: vd.worst(), ValueError),
    ],
)
def test_bad_input_names_the_problem(call, error):
    with pytest.raises(error):
        call()

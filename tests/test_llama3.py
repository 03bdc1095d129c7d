"""Llama 3 IsoFLOP law against the paper (Dubey et al. 2024, arXiv:2407.21783, §3.2.1)."""

import pytest

from scaling import llama3


def test_flagship_budget_is_6nd():
    # Llama 3 §3.2.1: 405B parameters on 15.6T tokens is 3.8e25 FLOPs under C = 6ND.
    n, d = llama3.FLAGSHIP
    assert 6 * n * d == pytest.approx(llama3.FLAGSHIP_FLOPS, rel=0.01)


def test_printed_constants_do_not_reproduce_16_55t():
    # Hand calculation: 0.29 x (3.8e25)^0.53 = 0.29 x 10^(0.53 x 25.5798) = 1.046e13.
    tokens = llama3.optimal_tokens(llama3.FLAGSHIP_FLOPS)
    assert tokens == pytest.approx(1.046e13, rel=2e-3)
    low, high = llama3.rounding_range(llama3.FLAGSHIP_FLOPS)
    assert (
        high < llama3.PAPER_EXTRAPOLATION[1]
    )  # no rounding of (0.53, 0.29) reaches it


def test_inverse_functions_recover_the_paper_point():
    c, d = llama3.FLAGSHIP_FLOPS, llama3.PAPER_EXTRAPOLATION[1]
    alpha = llama3.alpha_for(c, d)
    assert llama3.optimal_tokens(c, alpha=alpha) == pytest.approx(d, rel=1e-9)
    coef = llama3.coefficient_for(c, d)
    assert llama3.optimal_tokens(c, coefficient=coef) == pytest.approx(d, rel=1e-9)


def test_params_and_tokens_multiply_to_budget():
    n = llama3.optimal_params(1e22)
    d = llama3.optimal_tokens(1e22)
    assert 6 * n * d == pytest.approx(1e22, rel=1e-12)


def test_bad_input():
    with pytest.raises(ValueError, match="flops"):
        llama3.optimal_tokens(0.0)
    with pytest.raises(ValueError, match="flops must exceed 1"):
        llama3.alpha_for(0.5, 1e12)

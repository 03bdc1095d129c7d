"""Fits that say when the data cannot pin a law: ``chinchilla.fit`` on data that leave E, an
exponent or a term undetermined, and ``powerlaw.fit_saturating_power_law`` on data that do not
fall. A returned result is always usable; a fit that cannot be used raises and says why."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from scaling import chinchilla as ch
from scaling import powerlaw
from scaling.fitting import FitWarning

# The grid of test_chinchilla: Chinchilla's range, 6 model sizes x 6 token counts.
GRID_N, GRID_D = np.geomspace(7e7, 1.6e10, 6), np.geomspace(1e9, 1e12, 6)
N, D = (g.ravel() for g in np.meshgrid(GRID_N, GRID_D))


def noisy_law(log_e, alpha, beta, share_a, share_b, seed):
    """Losses of a law whose reducible terms are the given shares of the loss at the grid's
    smallest corner, with 1 % log-normal noise."""
    e = np.exp(log_e)
    corner = e / (1 - share_a - share_b)
    law = ch.ChinchillaLaw(
        e,
        share_a * corner * GRID_N[0] ** alpha,
        share_b * corner * GRID_D[0] ** beta,
        alpha,
        beta,
    )
    return law.loss(N, D) * np.exp(np.random.default_rng(seed).normal(0, 0.01, N.size))


def test_law_of_a_fit_with_E_underflowed_to_zero_works():
    # The issue: E came back exactly 0.0 and FitResult.law raised "E must be positive". A start
    # at e = -800 has E = exp(-800) = 0.0 in floating point and no gradient in e: it stays there.
    start = [np.log(482.0), np.log(2085.0), -800.0, 0.35, 0.37]
    y = noisy_law(np.log(1.8), 0.35, 0.37, 0.3, 0.2, seed=0)
    with pytest.warns(FitWarning, match="do not determine E"):
        result = ch.fit(N, D, y, starts=[start], n_refine=1)
    assert result.E == 0.0 and not result.converged and "E" in result.undetermined
    law = result.law
    assert law.E == 0.0 and np.isfinite(law.loss(1e12, 1e13))
    assert np.all(np.isfinite(law.optimal(1e24)))


def test_chinchilla_law_accepts_E_zero_not_negative():
    assert ch.ChinchillaLaw(0.0, 400.0, 400.0, 0.3, 0.3).loss(1e9, 1e10) > 0
    with pytest.raises(ValueError, match="E"):
        ch.ChinchillaLaw(-0.1, 400.0, 400.0, 0.3, 0.3)


def test_loss_far_from_saturating_leaves_E_undetermined():
    # A pure power law in N and D, no floor (as a sweep whose loss is nowhere near saturating),
    # with 1 % noise: the fit drives E towards 0 and must say the data do not determine it.
    y = (3e3 / N**0.34 + 4e3 / D**0.28) * np.exp(
        np.random.default_rng(1).normal(0, 0.01, N.size)
    )
    with pytest.warns(FitWarning) as caught:
        result = ch.fit(N, D, y)
    message = " ".join(str(w.message) for w in caught)
    assert "do not determine E" in message and "extrapolations" in message
    assert not result.converged and result.undetermined == ("E",)


# Cases found by a random search (1 % noise, shares down to 0.3 %): an exponent run above the
# plausible range, E driven to 3e-7, and a fit whose best exponent is negative.
@settings(max_examples=12, deadline=None)
@given(
    log_e=st.floats(np.log(0.5), np.log(5.0)),
    alpha=st.floats(0.05, 0.8),
    beta=st.floats(0.05, 0.8),
    share_a=st.floats(0.003, 0.45),
    share_b=st.floats(0.003, 0.45),
    seed=st.integers(0, 2**16),
)
@example(log_e=-0.602, alpha=0.651, beta=0.77, share_a=0.385, share_b=0.026, seed=41)
@example(log_e=-0.231, alpha=0.327, beta=0.053, share_a=0.374, share_b=0.072, seed=7)
@example(log_e=1.069, alpha=0.732, beta=0.163, share_a=0.42, share_b=0.005, seed=22)
def test_noisy_fits_are_usable_or_say_why_not(
    log_e, alpha, beta, share_a, share_b, seed
):
    # On noisy data a fit either raises a ValueError that explains itself, or returns a result
    # whose law works; converged=True only with every parameter determined and plausible, and
    # converged=False always comes with a FitWarning. (Measured before this rule: 15 of 100
    # random noisy laws came back converged with beta = 20.9, B = 2.5e165 and the like.)
    y = noisy_law(log_e, alpha, beta, share_a, share_b, seed)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = ch.fit(N, D, y)
        except ValueError as error:
            assert "loss does not fall" in str(error) or "diverged" in str(error)
            return
    warned = [w for w in caught if issubclass(w.category, FitWarning)]
    assert np.all(np.isfinite(result.law.loss(N, D)))
    if result.converged:
        assert not warned and result.undetermined == ()
        assert 0 < result.alpha <= ch.MAX_PLAUSIBLE_EXPONENT
        assert 0 < result.beta <= ch.MAX_PLAUSIBLE_EXPONENT
        assert result.E > 0.01 * y.min()
    else:
        assert warned
    if result.undetermined:
        assert not result.converged
        assert all(p in str(warned[0].message) for p in result.undetermined)


def test_implausible_exponent_is_named():
    y = noisy_law(-0.602, 0.651, 0.77, 0.385, 0.026, seed=41)
    with pytest.warns(FitWarning, match=r"beta = 2\.\d+ is above the plausible 2"):
        result = ch.fit(N, D, y)
    assert not result.converged and set(result.undetermined) == {"B", "beta"}


@pytest.mark.parametrize(
    ("name", "y"),
    [
        ("constant", np.full(10, 2.0)),
        ("rising", 1.5 + 0.1 * np.log(np.geomspace(1, 1e4, 10))),
    ],
)
def test_saturating_fit_of_a_loss_that_does_not_fall_says_so(name, y):
    # Constant or rising y: the bounded exponent sits at 0 and nothing decays; the fit used to
    # return alpha = 0 with converged=True and no warning.
    x = np.geomspace(1, 1e4, 10)
    with pytest.warns(FitWarning, match="y does not fall as x grows"):
        fit = powerlaw.fit_saturating_power_law(x, y)
    assert not fit.converged


def test_saturating_fit_of_a_falling_loss_does_not_warn():
    x = np.geomspace(1e6, 1e10, 10)
    y = powerlaw.saturating_power_law(x, 1.8, 400.0, 0.34)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert powerlaw.fit_saturating_power_law(x, y).converged

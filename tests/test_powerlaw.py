"""Pure and saturating power laws of ``scaling.powerlaw``: evaluation, fits, bootstrap, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from scaling import powerlaw as pl

# Two saturating laws with known constants: the rounded Chinchilla N-term (Hoffmann et al. 2022,
# Eq. 10: E = 1.69, A = 406.4, alpha = 0.34) over 1e7-1e11 parameters, and a steep law on 1-1e4.
SATURATING_CASES = [(1.69, 406.4, 0.34, 1e7, 1e11), (0.5, 2.0, 0.8, 1.0, 1e4)]


def test_power_law_and_saturating_power_law_values():
    # Hand arithmetic: 2 * 100^-0.5 = 0.2; 1.5 + 4 * 100^-0.5 = 1.9.
    assert pl.power_law(100.0, 2.0, -0.5) == pytest.approx(0.2, rel=1e-15)
    assert pl.saturating_power_law(100.0, 1.5, 4.0, 0.5) == pytest.approx(
        1.9, rel=1e-15
    )
    np.testing.assert_allclose(pl.power_law([1.0, 10.0], 3.0, 2.0), [3.0, 300.0])


def test_noiseless_pure_law_is_recovered_exactly():
    x = np.geomspace(1.0, 1e6, 9)
    fit = pl.fit_power_law(x, 7.5 * x**-0.076)
    # Only floating-point round-off separates the fit from the truth.
    assert fit.a == pytest.approx(7.5, rel=1e-10)
    assert fit.k == pytest.approx(-0.076, rel=1e-10)
    assert fit.objective == pytest.approx(0.0, abs=1e-20)
    np.testing.assert_allclose(
        fit.predict([1e7, 1e8]), 7.5 * np.array([1e7, 1e8]) ** -0.076, rtol=1e-9
    )


@settings(max_examples=40, deadline=None)
@given(
    a=st.floats(1e-3, 1e3),
    k=st.floats(-3.0, 3.0),
    low=st.floats(1e-3, 1e3),
    decades=st.floats(0.5, 6.0),
)
def test_pure_fit_inverts_the_law_for_any_constants(a, k, low, decades):
    x = np.geomspace(low, low * 10**decades, 7)
    fit = pl.fit_power_law(x, pl.power_law(x, a, k))
    assert fit.k == pytest.approx(k, abs=1e-8)
    assert fit.a == pytest.approx(a, rel=1e-6)


@pytest.mark.parametrize(("E", "A", "alpha", "low", "high"), SATURATING_CASES)
def test_noiseless_saturating_law_is_recovered(E, A, alpha, low, high):
    x = np.geomspace(low, high, 20)
    fit = pl.fit_saturating_power_law(x, pl.saturating_power_law(x, E, A, alpha))
    # Exact data: the optimum is the truth; L-BFGS stops within ~1e-6 of it.
    assert fit.converged
    assert (fit.E, fit.A, fit.alpha) == pytest.approx((E, A, alpha), rel=1e-5)


@pytest.mark.parametrize(("E", "A", "alpha", "low", "high"), SATURATING_CASES)
def test_saturating_law_is_recovered_from_noisy_data(E, A, alpha, low, high):
    # 30 log-spaced points with 1 % multiplicative noise. Repeating the fit over 40 seeds gives
    # standard deviations of at most sd(E)/E = 0.9 %, sd(A)/A = 20 %, sd(alpha) = 0.012 (the
    # Chinchilla-like case; the steep case is tighter). Each fit must land within 4 sd, and the
    # mean of 10 fits within 4 sd / sqrt(10), which also rules out a bias.
    x = np.geomspace(low, high, 30)
    truth = pl.saturating_power_law(x, E, A, alpha)
    fits = [
        pl.fit_saturating_power_law(x, pl.multiplicative_noise(truth, 0.01, seed=s))
        for s in range(10)
    ]
    est = np.array([[f.E, f.A, f.alpha] for f in fits])
    assert all(f.converged for f in fits)
    sd = np.array([0.009 * E, 0.20 * A, 0.012])
    assert np.all(np.abs(est - [E, A, alpha]) < 4 * sd)
    assert np.all(np.abs(est.mean(axis=0) - [E, A, alpha]) < 4 * sd / np.sqrt(10))


def test_saturating_fit_reports_its_optimisation():
    x = np.geomspace(1.0, 1e4, 12)
    fit = pl.fit_saturating_power_law(x, pl.saturating_power_law(x, 1.5, 4.0, 0.5))
    assert fit.n_starts == len(pl.START_FLOOR_FRACTIONS) * len(pl.START_EXPONENTS)
    assert 1 <= fit.n_converged <= fit.n_starts
    assert fit.n_points == 12 and fit.delta == 1e-3
    text = repr(fit)
    assert "1.5 + 4 * x^-0.5" in text and "converged=True" in text


def test_user_starts_are_used():
    x = np.geomspace(1.0, 1e4, 12)
    y = pl.saturating_power_law(x, 1.5, 4.0, 0.5)
    fit = pl.fit_saturating_power_law(x, y, starts=[[np.log(1.5), np.log(4.0), 0.5]])
    assert fit.n_starts == 1
    assert fit.alpha == pytest.approx(0.5, rel=1e-6)


@pytest.mark.parametrize("delta", [1e-3, 0.05])
def test_analytic_gradient_matches_finite_differences(delta):
    # Central differences with h = 1e-6 have O(h^2) truncation error and ~1e-10 round-off here;
    # delta = 0.05 mixes residuals on both sides of the Huber threshold, 1e-3 puts most beyond it.
    rng = np.random.default_rng(0)
    x = np.geomspace(1.0, 1e5, 25)
    log_x = np.log(x)
    log_y = np.log(
        pl.multiplicative_noise(pl.saturating_power_law(x, 2.0, 5.0, 0.4), 0.05, seed=1)
    )
    h = 1e-6
    for params in rng.normal([0.5, 1.5, 0.4], [0.3, 0.5, 0.1], size=(5, 3)):
        _, grad = pl.huber_objective(params, log_x, log_y, delta)
        numeric = [
            (
                pl.huber_objective(params + h * unit, log_x, log_y, delta)[0]
                - pl.huber_objective(params - h * unit, log_x, log_y, delta)[0]
            )
            / (2 * h)
            for unit in np.eye(3)
        ]
        np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-8)


def test_objective_is_summed_not_averaged():
    # Besiroglu et al. 2024: the Huber loss must be summed; doubling the data doubles it.
    log_x = np.log(np.geomspace(1.0, 1e3, 6))
    log_y = np.log(np.linspace(3.0, 1.0, 6))
    params = [0.0, 1.0, 0.5]
    single, _ = pl.huber_objective(params, log_x, log_y)
    double, _ = pl.huber_objective(params, np.tile(log_x, 2), np.tile(log_y, 2))
    assert double == pytest.approx(2 * single, rel=1e-12)


def test_log_space_fit_beats_linear_space_on_multiplicative_noise():
    # With 10 % relative noise on a decreasing law over 4 decades, the largest y values (small x)
    # dominate a linear-space fit, so its exponent scatters more than the log-space one.
    x = np.geomspace(1.0, 1e4, 25)
    truth = pl.power_law(x, 5.0, -0.5)
    k_log, k_lin = [], []
    for seed in range(60):
        y = pl.multiplicative_noise(truth, 0.1, seed=seed)
        k_log.append(pl.fit_power_law(x, y).k)
        k_lin.append(pl.fit_power_law(x, y, space="linear").k)
    assert np.std(k_log) < 0.5 * np.std(k_lin)
    assert np.mean(k_log) == pytest.approx(-0.5, abs=3 * np.std(k_log) / np.sqrt(60))


def test_bootstrap_interval_covers_the_true_exponent():
    x = np.geomspace(1e7, 1e11, 30)
    y = pl.multiplicative_noise(
        pl.saturating_power_law(x, 1.69, 406.4, 0.34), 0.01, seed=3
    )
    boot = pl.bootstrap(
        pl.fit_saturating_power_law(x, y), x, y, n_resamples=300, seed=0
    )
    low, high = boot.interval("alpha")
    assert low < 0.34 < high
    # The interval width tracks the 0.012 spread of alpha across repeated data sets (see above):
    # a 95 % interval should span a few of those standard deviations, not orders of magnitude.
    assert 0.01 < high - low < 0.15
    assert boot.samples.shape == (300, 3) and boot.names == ("E", "A", "alpha")
    assert "alpha=" in repr(boot) and "300/300 resamples" in repr(boot)


def test_bootstrap_is_reproducible_and_covers_pure_exponents():
    # Coverage of 90 % percentile intervals over 40 synthetic data sets: the binomial sd of the
    # count is sqrt(40 * 0.9 * 0.1) = 1.9, so at least 30 covering sets is a 3-sd lower bound.
    x = np.geomspace(1.0, 1e4, 30)
    covered = 0
    for seed in range(40):
        y = pl.multiplicative_noise(pl.power_law(x, 5.0, -0.5), 0.1, seed=seed)
        low, high = pl.bootstrap(
            pl.fit_power_law(x, y), x, y, n_resamples=300, level=0.9
        ).interval("k")
        covered += low < -0.5 < high
    assert covered >= 30
    y = pl.multiplicative_noise(pl.power_law(x, 5.0, -0.5), 0.1, seed=0)
    first = pl.bootstrap(pl.fit_power_law(x, y), x, y, n_resamples=50, seed=7)
    again = pl.bootstrap(pl.fit_power_law(x, y), x, y, n_resamples=50, seed=7)
    np.testing.assert_array_equal(first.samples, again.samples)


def test_bootstrap_skips_resamples_with_too_few_distinct_x():
    # With two points, half of the resamples repeat one point and cannot fix a slope.
    boot = pl.bootstrap(
        pl.fit_power_law([1.0, 10.0], [1.0, 0.5]),
        [1.0, 10.0],
        [1.0, 0.5],
        n_resamples=200,
    )
    assert 0 < len(boot.samples) < 200
    np.testing.assert_allclose(boot.samples[:, 1], np.log10(0.5))


@pytest.mark.parametrize(
    ("x", "y", "message"),
    [
        ([1.0, -2.0, 3.0], [1.0, 2.0, 3.0], r"^x must be positive, got -2\.0$"),
        ([1.0, 0.0, 3.0], [1.0, 2.0, 3.0], r"^x must be positive, got 0\.0$"),
        ([1.0, np.nan, 3.0], [1.0, 2.0, 3.0], r"^x must be finite, got nan$"),
        ([1.0, 2.0, 3.0], [1.0, np.inf, 3.0], r"^y must be finite, got inf$"),
        ([1.0, 2.0, 3.0], [1.0, -2.0, 3.0], r"^y must be positive, got -2\.0$"),
        ([1.0, 2.0, 3.0], [1.0, 2.0], r"^y has 2 points but x has 3$"),
        ([1.0], [1.0], r"^x must be one-dimensional|^x needs at least 2 points"),
        ([2.0, 2.0, 2.0], [1.0, 2.0, 3.0], r"^x needs at least 2 distinct values"),
    ],
)
def test_pure_fit_rejects_bad_input(x, y, message):
    with pytest.raises(ValueError, match=message):
        pl.fit_power_law(x, y)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"x": [1.0, 2.0, 3.0], "y": [3.0, 2.0, 1.0]}, r"^x needs at least 4 points"),
        (
            {"x": [1.0, 2.0, 3.0, -4.0], "y": [4.0, 3.0, 2.0, 1.0]},
            r"^x must be positive, got -4\.0$",
        ),
        (
            {"x": [1.0, 2.0, 3.0, 4.0], "y": [4.0, 3.0, np.nan, 1.0]},
            r"^y must be finite, got nan$",
        ),
        (
            {"x": [1.0, 2.0, 3.0, 4.0], "y": [4.0, 3.0, 2.0, 1.0], "delta": 0},
            r"^delta must be positive, got 0\.0$",
        ),
        (
            {
                "x": [1.0, 2.0, 3.0, 4.0],
                "y": [4.0, 3.0, 2.0, 1.0],
                "starts": [[0.0, 1.0]],
            },
            r"^starts must have shape \(n_starts, 3\), got \(1, 2\)$",
        ),
    ],
)
def test_saturating_fit_rejects_bad_input(kwargs, message):
    with pytest.raises(ValueError, match=message):
        pl.fit_saturating_power_law(**kwargs)


def test_other_bad_inputs_raise_value_errors():
    x, y = np.geomspace(1, 100, 5), np.linspace(5.0, 1.0, 5)
    fit = pl.fit_power_law(x, y)
    with pytest.raises(ValueError, match=r"^space must be 'log' or 'linear'"):
        pl.fit_power_law(x, y, space="semilog")
    with pytest.raises(TypeError, match=r"^fit must be a PowerLawFit or Saturating"):
        pl.bootstrap((1.0, 2.0), x, y)
    with pytest.raises(ValueError, match=r"^level must be in \(0, 1\)"):
        pl.bootstrap(fit, x, y, level=1.0)
    with pytest.raises(ValueError, match=r"^name must be one of a, k, got 'alpha'$"):
        pl.bootstrap(fit, x, y, n_resamples=40).interval("alpha")
    with pytest.raises(ValueError, match=r"^sigma must be non-negative"):
        pl.multiplicative_noise(y, -0.1)
    with pytest.raises(ValueError, match=r"^alpha must be positive, got 0\.0$"):
        pl.saturating_power_law(x, 1.0, 2.0, 0.0)
    with pytest.raises(ValueError, match=r"^a must be positive, got -1\.0$"):
        pl.power_law(x, -1.0, 0.5)
    # Issue 13: one resample is a degenerate "interval", and 2.5 resamples were truncated.
    with pytest.raises(ValueError, match=r"^n_resamples must be at least 40, got 1$"):
        pl.bootstrap(fit, x, y, n_resamples=1)
    with pytest.raises(ValueError, match=r"^n_resamples must be a whole number"):
        pl.bootstrap(fit, x, y, n_resamples=40.5)
    for seed in (-1, 2.5, np.nan, "abc", None):
        with pytest.raises(
            (ValueError, TypeError), match=r"^seed must be a non-negative"
        ):
            pl.bootstrap(fit, x, y, n_resamples=40, seed=seed)
        with pytest.raises(
            (ValueError, TypeError), match=r"^seed must be a non-negative"
        ):
            pl.multiplicative_noise(y, 0.1, seed=seed)
    # Overflow is an error, not an inf: 1e300^2 is above the largest float.
    with pytest.raises(ValueError, match="overflow"):
        pl.power_law(1e300, 1.0, 2.0)


def test_multiplicative_noise_has_the_requested_log_spread():
    # 20,000 draws pin the standard deviation of log(noisy/clean) to within ~1 % of sigma.
    noisy = pl.multiplicative_noise(np.ones(20_000), 0.05, seed=0)
    assert np.std(np.log(noisy)) == pytest.approx(0.05, rel=0.03)

"""Huber loss, multi-start L-BFGS and bootstrap helpers of ``scaling.fitting``."""

from __future__ import annotations

import numpy as np
import pytest

from scaling import fitting


def test_huber_is_quadratic_inside_and_linear_outside():
    # Huber 1964: rho(r) = r^2/2 for |r| <= delta, delta(|r| - delta/2) beyond.
    delta = 0.5
    loss, grad = fitting.huber([0.2, -0.2, 2.0, -2.0], delta)
    np.testing.assert_allclose(loss, [0.02, 0.02, 0.875, 0.875])
    np.testing.assert_allclose(grad, [0.2, -0.2, 0.5, -0.5])


def test_huber_derivative_matches_finite_differences():
    r = np.linspace(-3e-3, 3e-3, 13) + 1e-5
    h = 1e-9
    _, grad = fitting.huber(r)
    numeric = (fitting.huber(r + h)[0] - fitting.huber(r - h)[0]) / (2 * h)
    np.testing.assert_allclose(grad, numeric, rtol=1e-5, atol=1e-12)


def test_huber_rejects_bad_delta():
    with pytest.raises(ValueError, match="delta"):
        fitting.huber([0.1], delta=0)


def test_multistart_keeps_the_best_start():
    # f has a local minimum near x = 1.13 and the global one near x = -1.30.
    def f(x):
        return float(x[0] ** 4 - 3 * x[0] ** 2 + x[0]), np.array(
            [4 * x[0] ** 3 - 6 * x[0] + 1]
        )

    opt = fitting.minimize_multistart(f, [[2.0], [-2.0]])
    assert opt.x[0] == pytest.approx(-1.3008, abs=1e-3)
    assert opt.n_starts == 2 and opt.n_converged == 2
    assert "converged=True" in repr(opt)


def test_multistart_rejects_non_finite_starts():
    with pytest.raises(ValueError, match="starts"):
        fitting.minimize_multistart(lambda x: (0.0, np.zeros(1)), [[np.nan]])


def test_bootstrap_indices_are_reproducible_and_in_range():
    a = fitting.bootstrap_indices(10, 5, seed=3)
    b = fitting.bootstrap_indices(10, 5, seed=3)
    np.testing.assert_array_equal(a, b)
    assert a.min() >= 0 and a.max() < 10


def test_percentile_interval_of_a_normal_sample():
    # 95 % of a standard normal lies within +-1.96; 20,000 draws pin the percentiles to ~0.05.
    rng = np.random.default_rng(0)
    low, high = fitting.percentile_interval(rng.standard_normal(20_000), 0.95)
    assert low == pytest.approx(-1.96, abs=0.05)
    assert high == pytest.approx(1.96, abs=0.05)


@pytest.mark.parametrize("level", [0, 1, 1.5, np.nan])
def test_percentile_interval_rejects_bad_level(level):
    with pytest.raises(ValueError, match="level"):
        fitting.percentile_interval([1.0, 2.0], level)

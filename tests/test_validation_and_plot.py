"""Input validation shared by all modules, and the book's figure style."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling import _validation as v
from scaling import plot


@pytest.mark.parametrize("bad", [0, -1, np.nan, np.inf, [1, -2], [], 10**400])
def test_as_positive_names_the_argument(bad):
    with pytest.raises(ValueError, match="n_params"):
        v.as_positive(bad, "n_params")


@pytest.mark.parametrize("bad", ["ten", "1e9", None, True, [1.0, None], {"a": 1}, 1j])
def test_wrong_kinds_are_type_errors_naming_the_argument(bad):
    # A string, even one that reads as a number, is a wrong kind of object, not a bad value.
    with pytest.raises(TypeError, match="n_params"):
        v.as_positive(bad, "n_params")


@pytest.mark.parametrize("seed", [0, 7, np.int64(3), np.uint8(1)])
def test_as_seed_accepts_non_negative_integers(seed):
    assert v.as_seed(seed) == int(seed)


@pytest.mark.parametrize(
    ("seed", "error"),
    [
        (-1, ValueError),
        (None, TypeError),
        (2.5, TypeError),
        (1.0, TypeError),
        (np.nan, TypeError),
        ("abc", TypeError),
        (True, TypeError),
    ],
)
def test_as_seed_refuses_everything_else(seed, error):
    with pytest.raises(error, match="seed"):
        v.as_seed(seed)


def test_as_count_refuses_fractions_and_small_counts():
    assert v.as_count(np.int32(40), "n", minimum=40) == 40
    with pytest.raises(ValueError, match="whole number"):
        v.as_count(2.5, "n")
    with pytest.raises(ValueError, match="at least 40"):
        v.as_count(39, "n", minimum=40)
    with pytest.raises(TypeError, match="n must be an integer"):
        v.as_count("40", "n")


def test_finite_result_reports_overflow():
    with pytest.raises(ValueError, match="FLOPs overflow"):
        v.finite_result(np.array([1.0, np.inf]), "FLOPs")


def test_as_scalar_refuses_arrays():
    with pytest.raises(ValueError, match="mfu"):
        v.as_scalar([0.1, 0.2], "mfu")


def test_as_fraction_refuses_more_than_one():
    with pytest.raises(ValueError, match="mfu"):
        v.as_fraction(1.2, "mfu")


def test_same_length_checks_count_and_minimum():
    with pytest.raises(ValueError, match="y has 2 points"):
        v.same_length((np.ones(3), "x"), (np.ones(2), "y"))
    with pytest.raises(ValueError, match="at least 4"):
        v.same_length((np.ones(3), "x"), (np.ones(3), "y"), min_points=4)


def test_style_is_white_and_labelled():
    with plot.style():
        ax = plot.loglog_axes(xlabel="compute C (FLOPs)", ylabel="loss (nats/token)")
        assert ax.figure.get_facecolor()[:3] == (1.0, 1.0, 1.0)
        assert ax.get_xlabel() == "compute C (FLOPs)"
        plt.close(ax.figure)


def test_plot_law_refuses_non_positive_values_on_log_axes():
    ax = plot.loglog_axes(xlabel="x", ylabel="y")
    with pytest.raises(ValueError, match="y"):
        plot.plot_law(ax, [1, 2], [1, 0])
    plt.close(ax.figure)

"""Input validation shared by all modules, and the book's figure style."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pytest

from scaling import _validation as v
from scaling import plot


@pytest.mark.parametrize("bad", [0, -1, np.nan, np.inf, [1, -2], "ten", []])
def test_as_positive_names_the_argument(bad):
    with pytest.raises(ValueError, match="n_params"):
        v.as_positive(bad, "n_params")


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

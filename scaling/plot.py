"""One figure style for the whole book, and log-log helpers that take and return ``ax``.

The style is a white figure with dark ink, so figures stay legible when the book's theme is dark.
Its text is sized for a phone: a 6.4-inch figure shown across a 390-pixel screen is drawn at
about 0.6 of its size, so tick labels and legends of 12 points still read at 10 CSS pixels
(``PHONE_TEXT_PT``; the browser test measures the scale of every figure).
"""

from __future__ import annotations

from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.transforms import ScaledTranslation

from scaling._validation import as_positive

PALETTE = (
    "#1f5fa8",
    "#d1495b",
    "#2a9d8f",
    "#e9a03b",
    "#6c4f9e",
    "#5c6b73",
    "#8ab17d",
    "#b5651d",
)
"""Colour cycle: distinguishable in print and for common colour-vision deficiencies."""

PHONE_TEXT_PT = 12.0
"""Smallest font size (points) of tick labels and legends: legible on a 390-pixel phone."""

STYLE = {
    "figure.figsize": (6.4, 4.2),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "axes.edgecolor": "#222222",
    "axes.labelcolor": "#222222",
    "xtick.color": "#222222",
    "ytick.color": "#222222",
    "text.color": "#222222",
    "axes.grid": True,
    "axes.grid.which": "major",
    "grid.color": "#d9d9d9",
    "grid.linewidth": 0.6,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": PHONE_TEXT_PT,
    "axes.titlesize": 12.5,
    "axes.labelsize": PHONE_TEXT_PT,
    "xtick.labelsize": PHONE_TEXT_PT,
    "ytick.labelsize": PHONE_TEXT_PT,
    "legend.fontsize": PHONE_TEXT_PT,
    "legend.title_fontsize": PHONE_TEXT_PT,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "lines.markersize": 5,
    "axes.prop_cycle": mpl.cycler(color=PALETTE),
    "svg.hashsalt": "scaling-book",
}
"""rcParams of the book's figures (white background, labelled, no chart junk)."""


def use_style() -> None:
    """Apply the book's figure style globally (call once at the top of a notebook).

    References
    ----------
    Matplotlib documentation, "Customizing Matplotlib with style sheets and rcParams".

    Examples
    --------
    >>> use_style()
    >>> import matplotlib as mpl
    >>> mpl.rcParams["figure.facecolor"]
    'white'
    """
    mpl.rcParams.update(STYLE)


@contextmanager
def style():
    """Context manager applying the book's style only inside a ``with`` block.

    References
    ----------
    Matplotlib documentation, ``matplotlib.rc_context``.

    Examples
    --------
    >>> with style():
    ...     fig, ax = plt.subplots()
    >>> plt.close(fig)
    """
    with mpl.rc_context(STYLE):
        yield


LEGEND_DROP_IN = 0.6
"""How far below its axes ``legend_below`` hangs a legend (inches): clear of the tick labels
and the x label."""


def legend_below(ax, *, ncols: int = 2, **kwargs):
    """Put the legend under the axes, centred, in ``ncols`` columns.

    With text sized for a phone a legend of many entries inside the axes hides the curves;
    below them it only makes the figure taller.

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Axes whose labelled artists the legend lists.
    ncols : int
        Legend columns (default 2).
    **kwargs
        Passed to ``ax.legend``.

    Returns
    -------
    matplotlib.legend.Legend

    References
    ----------
    Matplotlib documentation, "Legend guide" (placing a legend with ``bbox_to_anchor``).

    Examples
    --------
    >>> ax = loglog_axes(xlabel="x", ylabel="y")
    >>> ax = plot_law(ax, [1, 10], [1.0, 0.5], label="law")
    >>> legend_below(ax).get_texts()[0].get_text()
    'law'
    >>> plt.close(ax.figure)
    """
    below = ScaledTranslation(0, -LEGEND_DROP_IN, ax.figure.dpi_scale_trans)
    return ax.legend(
        loc="upper center",
        bbox_to_anchor=(0.5, 0.0),
        bbox_transform=ax.transAxes + below,
        ncols=ncols,
        **kwargs,
    )


def loglog_axes(
    ax=None, *, xlabel: str, ylabel: str, title: str | None = None, logy: bool = True
):
    """Prepare log-log (or log-x) axes with labels; create a figure when ``ax`` is None.

    Parameters
    ----------
    ax : matplotlib.axes.Axes, optional
        Axes to use; a new figure is made when omitted.
    xlabel, ylabel : str
        Axis labels, with units (e.g. ``"compute C (FLOPs)"``).
    title : str, optional
        Axes title.
    logy : bool
        Log-scale the y axis too (default True).

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Kaplan et al. 2020, Figure 1 (scaling laws drawn as straight lines on log-log axes).

    Examples
    --------
    >>> ax = loglog_axes(xlabel="parameters N", ylabel="loss (nats/token)")
    >>> ax.get_xscale(), ax.get_yscale()
    ('log', 'log')
    >>> plt.close(ax.figure)
    """
    if ax is None:
        _, ax = plt.subplots()
    ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if title:
        ax.set_title(title)
    ax.grid(True, which="major")
    return ax


def plot_law(ax, x, y, *, label: str | None = None, **kwargs):
    """Draw a curve ``y(x)`` on ``ax`` after checking both are positive (log axes need it).

    Parameters
    ----------
    ax : matplotlib.axes.Axes
        Target axes.
    x, y : array_like
        Positive values of equal length.
    label : str, optional
        Legend entry.
    **kwargs
        Passed to ``ax.plot``.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Kaplan et al. 2020, Figure 1.

    Examples
    --------
    >>> ax = loglog_axes(xlabel="x", ylabel="y")
    >>> ax = plot_law(ax, [1, 10, 100], [1.0, 0.5, 0.25], label="law")
    >>> len(ax.lines)
    1
    >>> plt.close(ax.figure)
    """
    xs = as_positive(x, "x")
    ys = as_positive(y, "y") if ax.get_yscale() == "log" else np.asarray(y, dtype=float)
    if xs.shape != ys.shape:
        raise ValueError(f"y has shape {ys.shape} but x has {xs.shape}")
    ax.plot(xs, ys, label=label, **kwargs)
    return ax


__all__ = [
    "PALETTE",
    "PHONE_TEXT_PT",
    "STYLE",
    "legend_below",
    "loglog_axes",
    "plot_law",
    "style",
    "use_style",
]

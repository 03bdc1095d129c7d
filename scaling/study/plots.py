"""Figures of a fitted sweep: its IsoFLOP profiles and its compute-optimal frontier.

Kept apart from the fits, which need no matplotlib: it is imported only when a figure is
drawn, so ``scaling fit`` without ``--plot`` starts quickly.
"""

from __future__ import annotations

import numpy as np

from scaling import approaches, fmt
from scaling.compute import TRAINING_FLOPS_PER_PARAM_TOKEN
from scaling.study.fit import Study, _check_study


def plot_profiles(study: Study, ax=None):
    """Loss against model size on each IsoFLOP profile, with its Approach-2 parabola, the
    Approach-3 law's IsoFLOP curve (dashed) and each profile's vertex.

    Parameters
    ----------
    study : Study
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Hoffmann et al. 2022, Figure 3 (left).

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from scaling import chinchilla
    >>> from scaling.approaches import isoflop_runs
    >>> from scaling.study import fit_runs
    >>> r = isoflop_runs(chinchilla.EPOCH_2024, budgets=[1e19, 1e20], n_sizes=5)
    >>> runs = pd.DataFrame({"n_params": r.n_params, "n_tokens": r.n_tokens, "loss": r.loss})
    >>> ax = plot_profiles(fit_runs(runs))
    >>> len(ax.lines) > 4
    True
    >>> plt.close(ax.figure)
    """
    from scaling import plot

    _check_study(study)
    ax = plot.loglog_axes(
        ax, xlabel="parameters N", ylabel="loss (per token or byte)", logy=False
    )
    n_all, y_all = study.runs["n_params"].to_numpy(), study.runs["loss"].to_numpy()
    fit = study.approach3.fit
    profiles = [p for p in study.approach2.profiles if p.fit is not None]
    for k, p in enumerate(profiles):
        colour = plot.PALETTE[k % len(plot.PALETTE)]
        n, y = n_all[p.rows], y_all[p.rows]
        used = p.fit.used
        label = f"C = {fmt.flops(p.flops)}" + ("" if p.n_opt else " (no minimum)")
        ax.plot(n[used], y[used], "o", color=colour, label=label)
        ax.plot(n[~used], y[~used], "o", color=colour, mfc="none")
        if p.n_opt is not None:
            grid = np.geomspace(n[used].min(), n[used].max(), 60)
            ax.plot(grid, p.fit.loss(grid), "-", color=colour, lw=1.5)
            ax.plot(p.n_opt, p.fit.loss(p.n_opt), "k*", ms=9)
        if fit is not None:
            grid = np.geomspace(n.min(), n.max(), 60)
            d = p.flops / (TRAINING_FLOPS_PER_PARAM_TOKEN * grid)
            ax.plot(grid, fit.law.loss(grid, d), "--", color=colour, lw=1)
    ax.set_title("IsoFLOP profiles: parabolas (solid), Approach 3 (dashed)")
    ax.legend()
    return ax


def plot_frontier(study: Study, ax=None):
    """Compute-optimal N against budget C: each profile's vertex, the Approach-2 frontier and
    the Approach-3 law's, with the optima asked for and their intervals.

    Parameters
    ----------
    study : Study
    ax : matplotlib.axes.Axes, optional
        Axes to draw on; a new figure when omitted.

    Returns
    -------
    matplotlib.axes.Axes

    References
    ----------
    Hoffmann et al. 2022, Figure 3 (centre) and Eq. 4.

    Examples
    --------
    >>> import matplotlib.pyplot as plt
    >>> import pandas as pd
    >>> from scaling import chinchilla
    >>> from scaling.approaches import isoflop_runs
    >>> from scaling.study import fit_runs
    >>> r = isoflop_runs(chinchilla.EPOCH_2024, budgets=[1e19, 1e20], n_sizes=5)
    >>> runs = pd.DataFrame({"n_params": r.n_params, "n_tokens": r.n_tokens, "loss": r.loss})
    >>> ax = plot_frontier(fit_runs(runs, at_flops=[1e21]))
    >>> len(ax.lines) >= 3
    True
    >>> plt.close(ax.figure)
    """
    from scaling import plot

    _check_study(study)
    ax = plot.loglog_axes(ax, xlabel="compute C (FLOPs)", ylabel="optimal parameters N")
    two, three = study.approach2, study.approach3
    found = [(p.flops, p.n_opt) for p in two.profiles if p.n_opt is not None]
    budgets = [p.flops for p in two.profiles]
    budgets += [o.flops for o in (*two.optimal, *three.optimal)]
    grid = np.geomspace(min(budgets) / 1.5, max(budgets) * 1.5, 50)
    if found:
        ax.plot(*np.array(found).T, "k*", ms=9, label="profile minima")
    for name, result, colour, line in (
        ("Approach 2", two, plot.PALETTE[0], two.frontier),
        ("Approach 3", three, plot.PALETTE[1], three.fit),
    ):
        if line is None or not result.optimal:
            continue
        law = line if isinstance(line, approaches.Frontier) else line.law
        ax.plot(grid, law.optimal(grid)[0], "-", color=colour, lw=1.5, label=name)
        for o in result.optimal:
            ax.plot(o.flops, o.n_params, "o", color=colour)
            if o.n_params_interval is not None:
                ax.plot([o.flops] * 2, o.n_params_interval, "-", color=colour, lw=3)
    ax.set_title("Compute-optimal model size")
    ax.legend()
    return ax

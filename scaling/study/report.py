"""A fitted sweep as text for people: the profiles, the fitted law, the optima, the warnings.

Kept apart from the fits, which return numbers only; ``scaling fit`` prints this text.
"""

from __future__ import annotations

from scaling import fmt
from scaling.study.fit import LEVEL, PROFILE_NEIGHBOURS, Study, _check_study


def report(study: Study, title: str = "") -> str:
    """The study as text for people: profiles, the fitted law, the optima, the warnings.

    Numbers are formatted by :mod:`scaling.fmt`; ``scaling fit`` prints this.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3 and Table 3 (the optima by budget).

    Examples
    --------
    >>> import pandas as pd
    >>> from scaling import chinchilla
    >>> from scaling.approaches import isoflop_runs
    >>> from scaling.study import fit_runs
    >>> r = isoflop_runs(chinchilla.EPOCH_2024, budgets=[1e19, 1e20], n_sizes=5, noise=0)
    >>> runs = pd.DataFrame({"n_params": r.n_params, "n_tokens": r.n_tokens, "loss": r.loss})
    >>> print(report(fit_runs(runs, at_flops=[1e21])).splitlines()[0])
    Fit of 10 runs in 2 IsoFLOP budgets
    """
    _check_study(study)
    n_budgets = len(study.approach2.profiles)
    lines = [
        title or f"Fit of {len(study.runs)} runs in {n_budgets} IsoFLOP budgets",
        "",
    ]
    lines.append(
        "Approach 2: a parabola in log N around each profile's lowest loss "
        f"(up to {PROFILE_NEIGHBOURS} sizes each side)"
    )
    rows = [
        [
            fmt.flops(p.flops),
            fmt.number(p.rows.size),
            fmt.MISSING if p.fit is None else fmt.number(int(p.fit.used.sum())),
            fmt.MISSING if p.n_opt is None else fmt.count(p.n_opt),
            p.reason or "",
        ]
        for p in study.approach2.profiles
        if p.fit is not None
    ]
    lines.append(
        _table(["budget C", "runs", "used", "N_opt", "left out"], rows)
        if rows
        else "  no budget has 3 model sizes: no IsoFLOP profile"
    )
    lines.append("")
    fit = study.approach3.fit
    if fit is None:
        lines.append("Approach 3 (Huber fit of L = E + A/N^α + B/D^β): failed")
    else:
        lines.append(
            "Approach 3 (Huber fit of L = E + A/N^α + B/D^β): "
            f"E = {fmt.number(fit.E, 3)}, A = {fmt.number(fit.A, 3)}, "
            f"B = {fmt.number(fit.B, 3)}, α = {fmt.fixed(fit.alpha, 3)}, "
            f"β = {fmt.fixed(fit.beta, 3)}; "
            + ("converged" if fit.converged else "NOT converged (see warnings)")
        )
    lines.append("")
    span = (
        f", {LEVEL:.0%} intervals from {fmt.number(study.n_resamples)} resamples"
        if study.n_resamples
        else ""
    )
    lines.append(f"Compute-optimal runs{span}")
    rows = [
        [
            fmt.flops(o.flops),
            fmt.number(o.beyond, 3) + "×",
            name,
            _with_interval(o.n_params, o.n_params_interval, fmt.count),
            _with_interval(o.n_tokens, o.n_tokens_interval, fmt.count),
            _with_interval(o.loss, o.loss_interval, lambda v: fmt.fixed(v, 3)),
        ]
        for name, result in (("2", study.approach2), ("3", study.approach3))
        for o in result.optimal
    ]
    header = ["budget C", "C / largest", "approach", "N_opt", "D_opt", "loss"]
    lines.append(_table(header, rows) if rows else "  none: see the warnings")
    if study.all_warnings:
        lines += ["", "Warnings:"]
        lines += [f"  - {w}" for w in study.all_warnings]
    return "\n".join(lines)


def _with_interval(value, interval, show) -> str:
    if value is None:
        return fmt.MISSING
    if interval is None:
        return show(value)
    return f"{show(value)} [{show(interval[0])}, {show(interval[1])}]"


def _table(header, rows) -> str:
    widths = [max(len(r[i]) for r in (header, *rows)) for i in range(len(header))]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip()
        for line in lines
    )

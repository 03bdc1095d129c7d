"""The ``scaling`` command: the four planning questions of chapter 5, under every law.

The answer leads with the law the book stands behind (:data:`scaling.planning.HEADLINE`,
Epoch's refit, which agrees with Chinchilla's Approaches 1 and 2), then shows the spread across
laws. Tables print human numbers (:mod:`scaling.fmt`); ``--json`` keeps raw floats. An answer
outside the range its law was fitted on is flagged in both.

Bad input prints one line to stderr (with ``--json``: a JSON object ``{"error": ...}`` on
stdout) and exits with status 2. There is never a traceback.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import math
import re
import sys
import textwrap
import warnings

import numpy as np

from scaling import fmt, planning
from scaling.compute import ACCELERATORS
from scaling.fitting import MIN_RESAMPLES

EXAMPLES = """examples:
  scaling tokens --params 10e9                       how much data a 10B model needs
  scaling params --tokens 1e12                       how big a model 1T tokens can train
  scaling plan --gpus 100 --gpu A100 --days 30       what 100 A100s for 30 days should train
  scaling gain --from 10e9 --to 100e9                what growing 10B to 100B buys
  scaling --json plan --gpus 1024 --days 38 --mfu 0.55

The first row is the answer the book stands behind: Epoch's refit of Chinchilla's data
(Besiroglu et al. 2024), which agrees with Chinchilla's Approaches 1 and 2 (Hoffmann et al.
2022). The other rows show the spread: Kaplan et al. 2020's compute-efficient frontier, and
Chinchilla's Approach 3 with its printed constants, a known outlier kept as a caution."""

_RANGES = (
    "Fitted ranges: Chinchilla and Epoch "
    f"{fmt.count(planning.CHINCHILLA_PARAMS_RANGE[0])}–"
    f"{fmt.count(planning.CHINCHILLA_PARAMS_RANGE[1])} parameters and "
    f"{fmt.count(planning.CHINCHILLA_TOKENS_RANGE[0])}–"
    f"{fmt.count(planning.CHINCHILLA_TOKENS_RANGE[1])} tokens; Kaplan "
    f"{fmt.count(planning.KAPLAN_PARAMS_RANGE[0])}–"
    f"{fmt.count(planning.KAPLAN_PARAMS_RANGE[1])} non-embedding parameters and "
    f"{fmt.count(planning.KAPLAN_TOKENS_RANGE[0])}–"
    f"{fmt.count(planning.KAPLAN_TOKENS_RANGE[1])} tokens. A value outside its law's "
    "range is an extrapolation, marked with how far outside."
)

FOOTER = "\n".join(
    [
        "Laws:",
        *(
            textwrap.fill(
                f"{law.name}: {law.reading}.",
                88,
                initial_indent="  ",
                subsequent_indent="    ",
            )
            for law in planning.LAWS
        ),
        textwrap.fill(
            "Losses are in nats per token, Kaplan's on WebText2 and the others on "
            "MassiveText: not comparable across laws. '—': the law gives a frontier but "
            "no loss.",
            88,
        ),
        textwrap.fill(_RANGES, 88),
    ]
)


VALUE_FLAGS = ("--params", "--tokens", "--gpus", "--days", "--mfu", "--from", "--to")
"""Options that take a number."""

NEGATIVE = re.compile(r"^-(\d|\.\d|inf|nan)", re.IGNORECASE)
"""A value that starts like a negative number, e.g. ``-1e9`` or ``-inf``."""


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit status 2."""


def _given_once(action_class):
    """``action_class``, made to refuse an option given twice instead of keeping the last."""

    class Once(action_class):
        def __call__(self, parser, namespace, values, option_string=None):
            given = vars(namespace).setdefault("_options_given", set())
            if self.dest in given:
                parser.error(f"{option_string} was given twice; give it once")
            given.add(self.dest)
            super().__call__(parser, namespace, values, option_string)

    return Once


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises :class:`UsageError` instead of printing and exiting.

    Every option it (or a subcommand's parser) defines may be given once: a repeated flag is
    a usage error, not a silent choice of the last value.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in (None, "store", "store_true", "store_const"):
            self.register(
                "action", name, _given_once(self._registry_get("action", name))
            )

    def error(self, message):
        raise UsageError(message)


def _between(limits, unit: str) -> str:
    """The range a check of :mod:`scaling.planning` enforces, for a help text."""
    low, high = limits
    return f"from {fmt.count(low)} to {fmt.count(high, unit=unit)}"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="scaling",
        description=(
            "Answer LLM planning questions under the Chinchilla, Epoch and Kaplan "
            "scaling laws."
        ),
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--json",
        action="store_true",
        help="print JSON (raw numbers) instead of a table",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"%(prog)s {importlib.metadata.version('scaling')}",
    )
    sub = parser.add_subparsers(
        dest="command", metavar="command", required=True, parser_class=_Parser
    )

    tokens = sub.add_parser(
        "tokens", help="how much data a model of N parameters needs"
    )
    tokens.add_argument(
        "--params",
        required=True,
        help=f"parameters N, {_between(planning.PARAMS_LIMITS, 'parameters')}, "
        "e.g. 10e9",
    )

    params = sub.add_parser("params", help="how big a model D tokens can train")
    params.add_argument(
        "--tokens",
        required=True,
        help=f"tokens D, {_between(planning.TOKENS_LIMITS, 'tokens')}, e.g. 1e12",
    )

    plan = sub.add_parser(
        "plan", help="compute of a GPU cluster, then the optimal N, D and loss"
    )
    plan.add_argument(
        "--gpus", required=True, help="number of GPUs, a whole number, at least 1"
    )
    plan.add_argument(
        "--gpu",
        default="A100",
        help=f"GPU type: {', '.join(ACCELERATORS)} (default A100)",
    )
    plan.add_argument("--days", required=True, help="wall-clock days (> 0)")
    plan.add_argument(
        "--mfu", default="0.4", help="model FLOP utilisation in (0, 1] (default 0.4)"
    )

    grow = sub.add_parser(
        "gain", help="what growing a model from N1 to N2 parameters buys"
    )
    sizes = _between(planning.PARAMS_LIMITS, "parameters")
    grow.add_argument("--from", dest="from_params", required=True, help=f"N1, {sizes}")
    grow.add_argument(
        "--to", dest="to_params", required=True, help=f"N2, larger than N1, {sizes}"
    )
    grow.add_argument(
        "--tokens",
        help=f"tokens for both, {_between(planning.TOKENS_LIMITS, 'tokens')} "
        "(default: what each law says each needs)",
    )
    for command in (tokens, params, plan, grow):
        command.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help=argparse.SUPPRESS,
        )
    _add_fit_parser(sub)
    return parser


def _add_fit_parser(sub) -> None:
    """The ``fit`` command: Approaches 2 and 3 on a CSV of one's own runs (scaling.study)."""
    fit = sub.add_parser(
        "fit",
        help="fit your own sweep: a CSV of runs (n_params, n_tokens, loss)",
        description=(
            "Fit a CSV of training runs with Approach 2 (a parabola per IsoFLOP profile) "
            "and Approach 3 (the Huber fit of L = E + A/N^alpha + B/D^beta). Columns: "
            "n_params, n_tokens, loss; optional flops_budget (profile label) and steps."
        ),
    )
    fit.add_argument("runs", metavar="RUNS.csv", help="the runs, one per row")
    fit.add_argument(
        "--at-flops",
        nargs="+",
        metavar="C",
        help="budgets C (FLOPs) to give N_opt, D_opt and loss for "
        "(default: the sweep's budgets)",
    )
    fit.add_argument(
        "--bootstrap",
        default="0",
        metavar="K",
        help=f"resamples for 95%% intervals (0 or at least {MIN_RESAMPLES}; default 0)",
    )
    fit.add_argument("--plot", metavar="FILE.png", help="write the figure to FILE.png")
    fit.add_argument(
        "--json", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )


def _number(text: str, flag: str) -> float:
    """The number the user typed after ``flag``, or a UsageError naming the flag."""
    try:
        return float(text)
    except ValueError:
        raise UsageError(f"{flag} must be a number, got {text!r}") from None


def _checked(check, text: str, flag: str) -> float:
    """Parse ``text`` and validate it with a :mod:`scaling.planning` check, naming ``flag``.

    The message quotes what the user typed, not the float it was parsed into.
    """
    value = _number(text, flag)
    try:
        return check(value, flag)
    except ValueError as error:
        message = str(error).rsplit(", got ", 1)[0]
        raise UsageError(f"{message}, got {text}") from None


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)
    ]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i in (0, len(widths) - 1) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in lines
    )


def _loss(value: float | None) -> str:
    return fmt.MISSING if value is None else fmt.fixed(value, 3)


def _outside(answer: planning.Answer) -> str:
    return "; ".join(e.describe() for e in answer.extrapolation) or "inside"


ANSWER_HEADER = [
    "law",
    "params N",
    "tokens D",
    "D/N",
    "FLOPs 6ND",
    "loss",
    "fitted range",
]

GAIN_HEADER = [
    "law",
    "tokens D1",
    "loss N1",
    "tokens D2",
    "loss N2",
    "loss drop",
    "compute ×",
    "fitted range",
]


def _answer_row(answer: planning.Answer) -> list[str]:
    return [
        answer.law,
        fmt.count(answer.n_params),
        fmt.count(answer.n_tokens),
        fmt.number(answer.tokens_per_param, 3),
        fmt.sci(answer.flops, 2),
        _loss(answer.loss),
        _outside(answer),
    ]


def _law_fields(name: str) -> dict:
    law = planning.LAWS_BY_NAME[name]
    return {
        "law": law.name,
        "role": law.role,
        "reading": law.reading,
        "fitted_range": {
            "n_params": list(law.params_range),
            "n_tokens": list(law.tokens_range),
        },
    }


def _answer_dict(answer: planning.Answer, with_law: bool = True) -> dict:
    fields = _law_fields(answer.law) if with_law else {}
    return {
        **fields,
        "n_params": answer.n_params,
        "n_tokens": answer.n_tokens,
        "tokens_per_param": answer.tokens_per_param,
        "flops": answer.flops,
        "loss": answer.loss,
        "extrapolated": answer.extrapolated,
        "extrapolation": [e.as_dict() for e in answer.extrapolation],
    }


def _headline(answers, what: str) -> str:
    """One sentence: the headline law's answer, then the two Chinchilla approaches."""

    def show(answer, unit=""):
        n = fmt.count(answer.n_params, unit=unit and "parameters")
        d = fmt.count(answer.n_tokens, unit=unit and "tokens")
        return {"n_tokens": d, "n_params": n, "both": f"{n} on {d}"}[what]

    best = answers[0]
    flag = " (an extrapolation)" if best.extrapolated else ""
    agree = ", ".join(f"{a.law} {show(a)}" for a in answers[1:3])
    return f"Answer ({best.law}): {show(best, 'units')}{flag}. Agreeing: {agree}."


def _run(args) -> tuple[str, dict]:
    """The human-readable text and the JSON document for one command."""
    if args.command == "tokens":
        n = _checked(planning.check_params, args.params, "--params")
        answers = planning.tokens_for_params(n)
        title = f"Training tokens for a model of {fmt.count(n, unit='parameters')}"
        inputs, what = {"n_params": n}, "n_tokens"
    elif args.command == "params":
        d = _checked(planning.check_tokens, args.tokens, "--tokens")
        answers = planning.params_for_tokens(d)
        title = f"Model size that {fmt.count(d, unit='tokens')} can train"
        inputs, what = {"n_tokens": d}, "n_params"
    elif args.command == "plan":
        gpus = _checked(planning.check_gpus, args.gpus, "--gpus")
        days = _number(args.days, "--days")
        if not 0 < days < math.inf:
            raise UsageError(f"--days must be a positive number, got {args.days!r}")
        mfu = _number(args.mfu, "--mfu")
        if not 0 < mfu <= 1:
            raise UsageError(f"--mfu must be in (0, 1], got {args.mfu!r}")
        if args.gpu.upper() not in ACCELERATORS:
            raise UsageError(
                f"--gpu must be one of {', '.join(ACCELERATORS)}, got {args.gpu!r}"
            )
        try:
            flops, answers = planning.plan_cluster(gpus, args.gpu, days, mfu)
        except ValueError as error:
            message = str(error)
            raise UsageError(
                f"{message[0].upper()}{message[1:]}; change --gpus, --days or --mfu"
            ) from None
        gpu = args.gpu.upper()
        title = (
            f"{fmt.count(gpus)} {gpu} GPUs for {fmt.days(days)} at MFU "
            f"{fmt.number(mfu)}: {fmt.flops(flops)}, then the compute-optimal model"
        )
        inputs = {"n_gpus": gpus, "gpu": gpu, "days": days, "mfu": mfu, "flops": flops}
        what = "both"
    elif args.command == "fit":
        return _run_fit(args)
    else:
        return _run_gain(args)
    text = "\n\n".join(
        [
            title,
            _headline(answers, what),
            _table(ANSWER_HEADER, [_answer_row(a) for a in answers]),
        ]
    )
    document = {
        "command": args.command,
        **inputs,
        "headline": planning.HEADLINE,
        "results": [_answer_dict(a) for a in answers],
    }
    return text, document


def _run_gain(args) -> tuple[str, dict]:
    n1 = _checked(planning.check_params, args.from_params, "--from")
    n2 = _checked(planning.check_params, args.to_params, "--to")
    if n2 <= n1:
        raise UsageError(
            f"--to must be larger than --from, got {args.to_params!r} <= "
            f"{args.from_params!r}"
        )
    d = None
    if args.tokens is not None:
        d = _checked(planning.check_tokens, args.tokens, "--tokens")
    gains = planning.gain(n1, n2, d)
    rows = []
    for g in gains:
        drop = (
            fmt.MISSING if g.loss_reduction is None else fmt.fixed(g.loss_reduction, 3)
        )
        outside = "; ".join(
            f"{label}: {_outside(a)}"
            for label, a in (("N1", g.before), ("N2", g.after))
            if a.extrapolated
        )
        rows.append(
            [
                g.law,
                fmt.count(g.before.n_tokens),
                _loss(g.before.loss),
                fmt.count(g.after.n_tokens),
                _loss(g.after.loss),
                drop,
                fmt.number(g.compute_factor, 3),
                outside or "inside",
            ]
        )
    best = gains[0]
    data = (
        "each trained on the data its law says it needs"
        if d is None
        else f"both trained on {fmt.count(d, unit='tokens')}"
    )
    headline = (
        f"Answer ({best.law}): the loss falls by {fmt.fixed(best.loss_reduction, 3)} "
        f"nats per token, for {fmt.number(best.compute_factor, 3)}× the training compute."
    )
    text = "\n\n".join(
        [
            f"Growing a model from {fmt.count(n1)} to {fmt.count(n2)} parameters, {data}",
            headline,
            _table(GAIN_HEADER, rows),
        ]
    )
    results = [
        {
            **_law_fields(g.law),
            "before": _answer_dict(g.before, with_law=False),
            "after": _answer_dict(g.after, with_law=False),
            "loss_reduction": g.loss_reduction,
            "compute_factor": g.compute_factor,
        }
        for g in gains
    ]
    inputs = {"from_params": n1, "to_params": n2, "n_tokens": d}
    return text, {
        "command": "gain",
        **inputs,
        "headline": planning.HEADLINE,
        "results": results,
    }


def _run_fit(args) -> tuple[str, dict]:
    from scaling import study

    flops = None
    if args.at_flops is not None:
        flops = [_number(text, "--at-flops") for text in args.at_flops]
        if not all(0 < c < math.inf for c in flops):
            raise UsageError(
                f"--at-flops must be positive numbers, got {args.at_flops}"
            )
    try:
        k = int(args.bootstrap)
    except ValueError:
        raise UsageError(
            f"--bootstrap must be a whole number, got {args.bootstrap!r}"
        ) from None
    if k != 0 and k < MIN_RESAMPLES:
        raise UsageError(f"--bootstrap must be 0 or at least {MIN_RESAMPLES}, got {k}")
    try:
        runs = study.read_runs(args.runs)
    except OSError as error:
        raise UsageError(f"{args.runs}: {error.strerror or error}") from None
    except ValueError as error:
        raise UsageError(f"{args.runs}: {error}") from None
    with np.errstate(
        all="ignore"
    ):  # the optimisers step through overflow; fit_runs checks
        try:
            result = study.fit_runs(runs, flops, n_resamples=k)
        except ValueError as error:
            raise UsageError(f"{args.runs}: {error}") from None
    if args.plot:
        _plot_fit(result, args.plot)
    title = f"Fit of {len(runs)} runs in {args.runs}"
    return study.report(result, title), {"runs": args.runs, **result.as_dict()}


def _plot_fit(result, path: str) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from scaling import plot, study

    with plot.style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(12, 4.5))
        study.plot_profiles(result, left)
        study.plot_frontier(result, right)
        fig.tight_layout()
        try:
            fig.savefig(path)
        except (OSError, ValueError) as error:
            raise UsageError(f"--plot: cannot write {path!r} ({error})") from None
        finally:
            plt.close(fig)


def _fail(message: str, as_json: bool, status: int = 2) -> int:
    message = " ".join(str(message).split())  # always one line
    if as_json:
        print(json.dumps({"error": message}, ensure_ascii=False))
    else:
        print(f"scaling: error: {message}", file=sys.stderr)
    return status


def main(argv=None) -> int:
    """Entry point of the ``scaling`` console script and of ``python -m scaling``.

    Returns the exit status: 0 on success, 2 for bad input (one line on stderr, or a JSON
    ``{"error": ...}`` object on stdout with ``--json``).

    References
    ----------
    Besiroglu et al. 2024; Hoffmann et al. 2022; Kaplan et al. 2020 (see
    :mod:`scaling.planning`).

    Examples
    --------
    >>> main(["--json", "tokens", "--params", "-1"])
    {"error": "--params must be between 1.72 and 1 × 10¹⁵ parameters, got -1"}
    2
    """
    argv = sys.argv[1:] if argv is None else [str(arg) for arg in argv]
    as_json = "--json" in argv
    # "--params -1e9": argparse would take "-1e9" for an option; pass it as "--params=-1e9".
    for i in range(len(argv) - 2, -1, -1):
        if argv[i] in VALUE_FLAGS and NEGATIVE.match(argv[i + 1]):
            argv[i : i + 2] = [f"{argv[i]}={argv[i + 1]}"]
    try:
        with warnings.catch_warnings(), np.errstate(all="raise"):
            warnings.simplefilter("error")
            args = _parser().parse_args(argv)
            text, document = _run(args)
    except UsageError as error:
        return _fail(str(error), as_json)
    except Exception as error:  # a bug, not bad input: still one line, no traceback
        return _fail(f"internal error ({type(error).__name__}): {error}", as_json, 1)
    try:
        if as_json:
            print(json.dumps(document, indent=2, ensure_ascii=False))
        else:
            print(text if args.command == "fit" else f"{text}\n\n{FOOTER}")
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. piped into `head`: not an error of the command
        sys.stdout = None
    return 0


__all__ = ["UsageError", "main"]

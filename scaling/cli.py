"""The ``scaling`` command: the four planning questions of chapter 5, under every law, side by side.

Bad input prints one line to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import json
import sys

from scaling import planning
from scaling._validation import as_scalar
from scaling.compute import ACCELERATORS

EXAMPLES = """examples:
  scaling tokens --params 10e9                       how much data a 10B model needs
  scaling params --tokens 1e12                       how big a model 1T tokens can train
  scaling plan --gpus 100 --gpu A100 --days 30       what 100 A100s for 30 days should train
  scaling gain --from 10e9 --to 100e9 --tokens 1e12  what growing 10B to 100B buys
  scaling plan --gpus 1024 --days 38 --mfu 0.55 --json

Laws: Kaplan et al. 2020, Hoffmann et al. 2022 (Chinchilla, constants as printed) and Besiroglu et
al. 2024 (Epoch refit). Losses are in nats per token; Kaplan's (WebText2) and Chinchilla's
(MassiveText) are on different data and not comparable with each other."""


FOOTER = """Losses in nats/token: Kaplan's on WebText2, the others on MassiveText, not comparable across laws.
The Hoffmann 2022 row uses the constants as printed, which imply far more than 20 tokens per
parameter; the Epoch 2024 refit agrees with the paper's other approaches (chapters 3 and 4)."""


class _Parser(argparse.ArgumentParser):
    """An argument parser whose errors are one line on stderr and exit status 2."""

    def error(self, message):
        self.exit(2, f"scaling: error: {message}\n")


def _positive(name: str):
    def parse(text: str) -> float:
        try:
            return as_scalar(float(text), name, positive=True)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"must be a positive number, got {text!r}"
            ) from None

    return parse


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="scaling",
        description="Answer LLM planning questions under the Kaplan, Chinchilla and Epoch scaling laws.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--json", action="store_true", help="print JSON instead of a table"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    tokens = sub.add_parser(
        "tokens", help="how much data a model of N parameters needs"
    )
    tokens.add_argument(
        "--params",
        type=_positive("--params"),
        required=True,
        help="parameters N, e.g. 10e9",
    )

    params = sub.add_parser("params", help="how big a model D tokens can train")
    params.add_argument(
        "--tokens",
        type=_positive("--tokens"),
        required=True,
        help="tokens D, e.g. 1e12",
    )

    plan = sub.add_parser(
        "plan", help="compute of a GPU cluster, then the optimal N, D and loss"
    )
    plan.add_argument(
        "--gpus", type=_positive("--gpus"), required=True, help="number of GPUs"
    )
    plan.add_argument(
        "--gpu",
        default="A100",
        help=f"GPU type: {', '.join(ACCELERATORS)} (default A100)",
    )
    plan.add_argument(
        "--days", type=_positive("--days"), required=True, help="wall-clock days"
    )
    plan.add_argument(
        "--mfu",
        type=_positive("--mfu"),
        default=0.4,
        help="model FLOP utilisation (default 0.4)",
    )

    grow = sub.add_parser(
        "gain", help="what growing a model from N1 to N2 parameters buys"
    )
    grow.add_argument(
        "--from", dest="from_params", type=_positive("--from"), required=True, help="N1"
    )
    grow.add_argument(
        "--to", dest="to_params", type=_positive("--to"), required=True, help="N2"
    )
    grow.add_argument(
        "--tokens",
        type=_positive("--tokens"),
        help="tokens for both (default: what each law says each needs)",
    )
    for command in (tokens, params, plan, grow):
        command.add_argument(
            "--json",
            action="store_true",
            default=argparse.SUPPRESS,
            help=argparse.SUPPRESS,
        )
    return parser


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [
        max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)
    ]
    lines = [header, ["-" * w for w in widths], *rows]
    return "\n".join(
        "  ".join(
            cell.ljust(w) if i == 0 else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    )


def _answer_row(answer: planning.Answer) -> list[str]:
    return [
        answer.law,
        f"{answer.n_params:.3g}",
        f"{answer.n_tokens:.3g}",
        f"{answer.n_tokens / answer.n_params:.1f}",
        f"{answer.flops:.3g}",
        f"{answer.loss:.3f}",
    ]


ANSWER_HEADER = ["law", "params N", "tokens D", "D/N", "FLOPs 6ND", "loss"]


def _answer_dict(answer: planning.Answer) -> dict:
    return {
        "law": answer.law,
        "n_params": answer.n_params,
        "n_tokens": answer.n_tokens,
        "flops": answer.flops,
        "loss": answer.loss,
    }


def _run(args) -> tuple[str, dict]:
    """The human-readable text and the JSON document for one command."""
    if args.command in ("tokens", "params"):
        if args.command == "tokens":
            answers, inputs = (
                planning.tokens_for_params(args.params),
                {"n_params": args.params},
            )
            title = f"Training tokens for a model of {args.params:.3g} parameters"
        else:
            answers, inputs = (
                planning.params_for_tokens(args.tokens),
                {"n_tokens": args.tokens},
            )
            title = f"Model size that {args.tokens:.3g} tokens can train"
        text = f"{title}\n\n{_table(ANSWER_HEADER, [_answer_row(a) for a in answers])}"
        return text, {
            "command": args.command,
            **inputs,
            "results": [_answer_dict(a) for a in answers],
        }
    if args.command == "plan":
        flops, answers = planning.plan_cluster(args.gpus, args.gpu, args.days, args.mfu)
        gpu = args.gpu.upper()
        title = (
            f"{args.gpus:g} {gpu} GPUs for {args.days:g} days at MFU {args.mfu:g}: "
            f"{flops:.3g} FLOPs, then the compute-optimal model"
        )
        text = f"{title}\n\n{_table(ANSWER_HEADER, [_answer_row(a) for a in answers])}"
        inputs = {
            "n_gpus": args.gpus,
            "gpu": gpu,
            "days": args.days,
            "mfu": args.mfu,
            "flops": flops,
        }
        return text, {
            "command": "plan",
            **inputs,
            "results": [_answer_dict(a) for a in answers],
        }
    gains = planning.gain(args.from_params, args.to_params, args.tokens)
    header = ["law", "tokens D1", "loss N1", "tokens D2", "loss N2", "loss drop"]
    rows = [
        [
            g.law,
            f"{g.before.n_tokens:.3g}",
            f"{g.before.loss:.3f}",
            f"{g.after.n_tokens:.3g}",
            f"{g.after.loss:.3f}",
            f"{g.loss_reduction:.3f}",
        ]
        for g in gains
    ]
    text = f"Growing a model from {args.from_params:.3g} to {args.to_params:.3g} parameters\n\n{_table(header, rows)}"
    results = [
        {
            "law": g.law,
            "before": _answer_dict(g.before),
            "after": _answer_dict(g.after),
            "loss_reduction": g.loss_reduction,
        }
        for g in gains
    ]
    inputs = {
        "from_params": args.from_params,
        "to_params": args.to_params,
        "n_tokens": args.tokens,
    }
    return text, {"command": "gain", **inputs, "results": results}


def main(argv=None) -> int:
    """Entry point of the ``scaling`` console script and of ``python -m scaling``.

    References
    ----------
    Kaplan et al. 2020; Hoffmann et al. 2022; Besiroglu et al. 2024 (see :mod:`scaling.planning`).

    Examples
    --------
    >>> main(["tokens", "--params", "-1"])
    Traceback (most recent call last):
    ...
    SystemExit: 2
    """
    args = _parser().parse_args(argv)
    try:
        text, document = _run(args)
    except ValueError as error:
        print(f"scaling: error: {error}", file=sys.stderr)
        return 2
    print(json.dumps(document, indent=2) if args.json else f"{text}\n\n{FOOTER}")
    return 0


__all__ = ["main"]

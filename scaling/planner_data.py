"""The numbers and words behind the book's in-browser planner, exported as one JSON document.

The planner on the book's front page and in chapter 5 answers the ``scaling`` command's four
questions in the reader's browser, without a kernel (``book/_static/planner.js``). So that no
constant is typed twice, the book build writes :func:`planner_data` into the page: every law's
constants and fitted range, the planner's input limits, the GPUs' peak rates, the command-line
options with their defaults, the table headers, and the range sentences of the error messages.
The script ports only the closed forms (a law's compute-optimal frontier and loss, 6ND, GPU-days)
and :mod:`scaling.fmt`'s formatter; ``tests/test_planner.py`` checks it against the CLI.
"""

from __future__ import annotations

import argparse
import json
import math

from scaling import cli, fmt, kaplan, planning
from scaling.approaches import Frontier
from scaling.chinchilla import ChinchillaLaw
from scaling.compute import (
    ACCELERATORS,
    PF_DAY,
    SECONDS_PER_DAY,
    TRAINING_FLOPS_PER_PARAM_TOKEN,
)

FLAG = "{flag}"
"""Placeholder for the option a range sentence names (``--params``, ``--from``, ...)."""


def _optimal(law: planning.Law) -> dict:
    """The closed form of ``law.optimal`` and its constants."""
    owner = getattr(law.optimal, "__self__", None)
    if isinstance(owner, ChinchillaLaw):
        return {"form": "chinchilla", **_chinchilla_constants(owner)}
    if isinstance(owner, Frontier):
        return {
            "form": "frontier",
            "a": owner.a,
            "n_ref": owner.n_ref,
            "flops_ref": owner.flops_ref,
        }
    if law.optimal is kaplan.compute_optimal:
        return {
            "form": "kaplan",
            "pf_day": PF_DAY,
            "n_opt": [kaplan.N_OPT.coefficient, kaplan.N_OPT.exponent],
            "d_opt": [kaplan.D_OPT.coefficient, kaplan.D_OPT.exponent],
        }
    raise TypeError(f"the planner has no closed form for {law.name}'s frontier")


def _loss(law: planning.Law) -> dict | None:
    """The closed form of ``law.loss`` and its constants, ``None`` for a frontier-only law."""
    if law.loss is None:
        return None
    owner = getattr(law.loss, "__self__", None)
    if isinstance(owner, ChinchillaLaw):
        return {"form": "chinchilla", **_chinchilla_constants(owner)}
    if law.loss is planning._kaplan_loss:
        c = kaplan.JOINT_FIT
        return {
            "form": "kaplan",
            "alpha_n": c.alpha_n,
            "alpha_d": c.alpha_d,
            "n_c": c.n_c,
            "d_c": c.d_c,
        }
    raise TypeError(f"the planner has no closed form for {law.name}'s loss")


def _chinchilla_constants(law: ChinchillaLaw) -> dict:
    return {k: getattr(law, k) for k in ("E", "A", "B", "alpha", "beta")}


def _range_sentence(check, bad_value) -> str:
    """What a check says about ``bad_value``, up to ", got": the CLI appends what was typed."""
    try:
        check(bad_value, FLAG)
    except ValueError as error:
        return str(error).rsplit(", got ", 1)[0]
    raise AssertionError(f"{check.__name__} accepted {bad_value!r}")


QUESTIONS = ("tokens", "params", "plan", "gain")
"""The CLI subcommands the planner answers (``fit`` needs a file of runs, so it has none)."""


def _cluster_sentence() -> str:
    """The cluster-compute range sentence of :func:`scaling.planning.plan_cluster`."""
    try:
        planning.plan_cluster(1, next(iter(ACCELERATORS)), 1e-30, 1e-30)
    except ValueError as error:
        return str(error).rsplit(", got ", 1)[0]
    raise AssertionError("plan_cluster accepted a budget of about 10⁻¹¹ FLOPs")


def _cli_commands() -> dict:
    """The CLI's subcommands and their parsers, in the order ``scaling --help`` lists them."""
    parser = cli._parser()
    return next(a for a in parser._actions if a.dest == "command").choices


def _commands() -> dict:
    """Each planner command's options: flag, whether required, default (as the CLI parses
    them)."""
    commands = _cli_commands()
    return {
        name: [
            {
                "flag": action.option_strings[0],
                "required": action.required,
                "default": action.default,
            }
            for action in sub._actions
            if action.option_strings and action.default != argparse.SUPPRESS
        ]
        for name, sub in commands.items()
        if name in QUESTIONS
    }


def planner_data() -> dict:
    """Everything the browser planner needs, as a JSON-ready ``dict``.

    Returns
    -------
    dict
        ``laws`` (name, role, reading, fitted range, the closed form and constants of the
        frontier and of the loss, in :data:`scaling.planning.LAWS` order), ``headline``,
        ``limits`` (:data:`~scaling.planning.PARAMS_LIMITS` and friends), ``gpus`` (dense BF16
        peaks in FLOP/s), ``commands`` (each planner command's options), ``cli_commands``
        (every subcommand, for the CLI's invalid-choice message), ``answer_header`` and
        ``gain_header`` (the CLI's table headers), ``ranges`` (the range sentences of the
        error messages, ``{flag}`` standing for the option), and the unit constants.

    References
    ----------
    Hoffmann et al. 2022, Eq. 4 and Table 2; Besiroglu et al. 2024; Kaplan et al. 2020,
    Table 6 and Eq. 1.5 (the laws, through :mod:`scaling.planning`).

    Examples
    --------
    >>> data = planner_data()
    >>> [law["name"] for law in data["laws"]][:2], data["headline"]
    (['Epoch 2024', 'Approach 1'], 'Epoch 2024')
    >>> data["gpus"]["A100"], data["laws"][0]["optimal"]["form"]
    (312000000000000.0, 'chinchilla')
    >>> data["ranges"]["params"]
    '{flag} must be between 1.72 and 1 × 10¹⁵ parameters'
    """
    return {
        "headline": planning.HEADLINE,
        "laws": [
            {
                "name": law.name,
                "role": law.role,
                "reading": law.reading,
                "fitted_range": {
                    "n_params": list(law.params_range),
                    "n_tokens": list(law.tokens_range),
                },
                "optimal": _optimal(law),
                "loss": _loss(law),
            }
            for law in planning.LAWS
        ],
        "limits": {
            "n_params": list(planning.PARAMS_LIMITS),
            "n_tokens": list(planning.TOKENS_LIMITS),
            "flops": list(planning.FLOPS_LIMITS),
        },
        "gpus": {name: acc.peak_flops for name, acc in ACCELERATORS.items()},
        "flops_per_param_token": TRAINING_FLOPS_PER_PARAM_TOKEN,
        "seconds_per_day": SECONDS_PER_DAY,
        "missing": fmt.MISSING,
        "minus": fmt.MINUS,
        "commands": _commands(),
        "cli_commands": list(_cli_commands()),
        "answer_header": list(cli.ANSWER_HEADER),
        "gain_header": list(cli.GAIN_HEADER),
        "ranges": {
            "params": _range_sentence(planning.check_params, 0.0),
            "params_nan": _range_sentence(planning.check_params, math.nan),
            "tokens": _range_sentence(planning.check_tokens, 0.0),
            "tokens_nan": _range_sentence(planning.check_tokens, math.nan),
            "gpus": _range_sentence(planning.check_gpus, 0.5),
            "gpus_nan": _range_sentence(planning.check_gpus, math.nan),
            "cluster": _cluster_sentence(),
        },
    }


def to_json() -> str:
    """:func:`planner_data` as compact JSON text, safe to place inside an HTML script element.

    ``<``, ``>`` and ``&`` are escaped (``\\u003c``...), so no string can close the element.

    Examples
    --------
    >>> "</" in to_json()
    False
    """
    text = json.dumps(planner_data(), ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


__all__ = ["planner_data", "to_json"]

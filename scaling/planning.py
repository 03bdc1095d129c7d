"""A practitioner's four planning questions, answered under every law the package knows.

How much data does a model need, how big a model can a dataset train, what should a GPU
cluster train, and what does a bigger model buy? Chapter 5 (``notebooks/05_model_sizes``)
explains the answers; the ``scaling`` command line prints them.

The answer the book stands behind is :data:`HEADLINE`, Epoch's refit of Chinchilla's data
(Besiroglu et al. 2024). It agrees with Chinchilla's Approaches 1 and 2 (Hoffmann et al. 2022,
Tables 2–3: a 10B model wants about 205B tokens), which are shown beside it. Chinchilla's
Approach 3 with its printed constants is the outlier of chapters 3–4 and is kept only as a
labelled caution. Kaplan et al. 2020 is read one way throughout: its compute-efficient frontier
(Table 6), with losses from its L(N, D) (Eq. 1.5).

Every answer says whether it lies inside the range of model sizes and token counts its law was
fitted on (:class:`Extrapolation`). Inputs no law can mean (under one parameter or one token,
outside :data:`PARAMS_LIMITS` / :data:`TOKENS_LIMITS`, fractional GPUs) raise ``ValueError``
naming the valid range.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from scaling import fmt, kaplan
from scaling.approaches import APPROACH1_2022, APPROACH2_2022, MODEL_SIZES
from scaling.chinchilla import EPOCH_2024, HOFFMANN_2022
from scaling.compute import accelerator, cluster_flops, training_flops

KAPLAN_PARAMS_RANGE = (768.0, 1.5e9)
"""Non-embedding parameters of Kaplan's models, 768 to 1.5B (Kaplan et al. 2020, Secs. 1–3)."""

KAPLAN_TOKENS_RANGE = (22e6, 23e9)
"""Dataset sizes of Kaplan's runs, 22M to 23B tokens (Kaplan et al. 2020, Secs. 1–3)."""

CHINCHILLA_PARAMS_RANGE = tuple(float(x) for x in MODEL_SIZES)
"""Chinchilla's models, 70M to over 16B parameters (Hoffmann et al. 2022, abstract).

Epoch's refit uses the same runs, read off Hoffmann's Figure 4 (Besiroglu et al. 2024)."""

CHINCHILLA_TOKENS_RANGE = (5e9, 500e9)
"""Chinchilla's training runs, 5B to 500B tokens (Hoffmann et al. 2022, abstract)."""

MAX_PARAMS = 1e15
"""Largest model size the planner accepts.

Not a published constant but a sanity bound: a thousand times the largest dense models trained
(about 10¹², e.g. Llama 3's 405B, Dubey et al. 2024), 2 PB of 16-bit weights. The lower bound is
computed from the laws (:data:`PARAMS_LIMITS`)."""

MAX_TOKENS = 1e18
"""Largest dataset the planner accepts: a sanity bound like :data:`MAX_PARAMS`, more than a
thousand times the stock of public human text
(:data:`scaling.data_stock.EFFECTIVE_STOCK_TOKENS`, Villalobos et al. 2024)."""


def _number(value, name: str, expected: str) -> float:
    """``value`` as a float (inf allowed), or TypeError/ValueError: "NAME must be EXPECTED"."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value.item()
    if isinstance(value, bool) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be {expected}, got {value!r}")
    x = float(value)
    if math.isnan(x):
        raise ValueError(f"{name} must be {expected}, got nan")
    return x


def _shown(x: float) -> str:
    return "a number too large to represent" if math.isinf(x) else f"{x:g}"


def _check(value, name: str, limits: tuple[float, float], unit: str) -> float:
    """``value`` as a float inside ``limits``, or a ValueError naming ``name`` and the range."""
    low, high = limits
    span = f"between {fmt.count(low)} and {fmt.count(high, unit=unit)}"
    if unit == "FLOPs":
        span = f"between {fmt.flops(low)} and {fmt.flops(high)}"
    x = _number(value, name, f"a number {span}")
    if not low <= x <= high:
        raise ValueError(f"{name} must be {span}, got {_shown(x)}")
    return x


def check_params(n_params, name: str = "n_params") -> float:
    """A model size as a float, or ValueError/TypeError naming ``name`` and the valid range.

    References
    ----------
    :data:`PARAMS_LIMITS` (sanity bound); issue 13 of this project (inputs no law can mean).

    Examples
    --------
    >>> check_params(7e9)
    7000000000.0
    >>> check_params(1e-5, "--params")
    Traceback (most recent call last):
    ...
    ValueError: --params must be between 1.72 and 1 × 10¹⁵ parameters, got 1e-05
    """
    return _check(n_params, name, PARAMS_LIMITS, "parameters")


def check_tokens(n_tokens, name: str = "n_tokens") -> float:
    """A token count as a float, or ValueError/TypeError naming ``name`` and the valid range.

    References
    ----------
    :data:`TOKENS_LIMITS` (sanity bound).

    Examples
    --------
    >>> check_tokens(float("inf"), "--tokens")
    Traceback (most recent call last):
    ...
    ValueError: --tokens must be between 8.51M and 1 × 10¹⁸ tokens, got a number too large to represent
    """
    return _check(n_tokens, name, TOKENS_LIMITS, "tokens")


def check_flops(flops, name: str = "flops") -> float:
    """A training budget as a float, or ValueError/TypeError naming ``name`` and the range.

    References
    ----------
    :data:`FLOPS_LIMITS`; C = 6ND (Kaplan et al. 2020, Sec. 2.1).

    Examples
    --------
    >>> check_flops(5.76e23)
    5.76e+23
    """
    return _check(flops, name, FLOPS_LIMITS, "FLOPs")


@dataclass(frozen=True)
class Extrapolation:
    """A quantity of an answer that lies outside the range its law was fitted on.

    ``factor`` is how far outside: value / high above the range, low / value below it.

    References
    ----------
    Kaplan et al. 2020, Secs. 1–3; Hoffmann et al. 2022, abstract (the fitted ranges).

    Examples
    --------
    >>> e = Extrapolation("n_params", 1e11, 70e6, 16e9)
    >>> e.side, round(e.factor, 2)
    ('above', 6.25)
    """

    quantity: str
    value: float
    low: float
    high: float

    @property
    def side(self) -> str:
        """``"above"`` or ``"below"`` the fitted range."""
        return "above" if self.value > self.high else "below"

    @property
    def factor(self) -> float:
        """How many times beyond the nearest edge of the fitted range (> 1)."""
        if self.value > self.high:
            return self.value / self.high
        return self.low / self.value

    def describe(self) -> str:
        """Short text for a table: ``"N 6.25× above"``.

        Examples
        --------
        >>> Extrapolation("n_tokens", 1e12, 5e9, 500e9).describe()
        'D 2× above'
        """
        symbol = {"n_params": "N", "n_tokens": "D"}[self.quantity]
        return f"{symbol} {fmt.number(self.factor, 3)}× {self.side}"

    def as_dict(self) -> dict:
        """JSON-ready fields with raw floats, ``fitted_range`` included."""
        return {
            "quantity": self.quantity,
            "value": self.value,
            "fitted_range": [self.low, self.high],
            "side": self.side,
            "factor": self.factor,
        }


@dataclass(frozen=True)
class Law:
    """One law as the planner reads it: its compute-optimal (N, D) and its loss.

    ``optimal(C)`` returns the compute-optimal (N, D) at budget C in FLOPs; ``loss(N, D)`` the
    predicted loss in nats per token, or ``None`` for a law that gives only a frontier.

    References
    ----------
    Hoffmann et al. 2022, Eq. 4 and Tables 2–3; Kaplan et al. 2020, Table 6 and Eq. 1.5;
    Besiroglu et al. 2024.

    Examples
    --------
    >>> LAWS_BY_NAME["Epoch 2024"].role
    'headline'
    """

    name: str
    role: str
    reading: str
    optimal: Callable
    loss: Callable | None
    params_range: tuple[float, float]
    tokens_range: tuple[float, float]

    def _line(self):
        """Intercepts and slopes of log N and log D against log C (exact: every law is a power law)."""
        (n1, d1), (n2, d2) = self.optimal(1e20), self.optimal(1e24)
        span = math.log(1e24) - math.log(1e20)
        a = (math.log(n2) - math.log(n1)) / span
        b = (math.log(d2) - math.log(d1)) / span
        return (
            math.log(n1) - a * math.log(1e20),
            a,
            math.log(d1) - b * math.log(1e20),
            b,
        )


def _kaplan_loss(n_params, n_tokens):
    return float(kaplan.loss(n_params, n_tokens))


LAWS = (
    Law(
        EPOCH_2024.name,
        "headline",
        "Epoch's refit of Chinchilla's data (Besiroglu et al. 2024); agrees with Approaches 1–2",
        EPOCH_2024.optimal,
        EPOCH_2024.loss,
        CHINCHILLA_PARAMS_RANGE,
        CHINCHILLA_TOKENS_RANGE,
    ),
    Law(
        "Approach 1",
        "agrees",
        "Chinchilla Approach 1 frontier (Hoffmann et al. 2022, Tables 2–3); no loss law",
        APPROACH1_2022.optimal,
        None,
        CHINCHILLA_PARAMS_RANGE,
        CHINCHILLA_TOKENS_RANGE,
    ),
    Law(
        "Approach 2",
        "agrees",
        "Chinchilla Approach 2 frontier (Hoffmann et al. 2022, Table 2, Fig. 3); no loss law",
        APPROACH2_2022.optimal,
        None,
        CHINCHILLA_PARAMS_RANGE,
        CHINCHILLA_TOKENS_RANGE,
    ),
    Law(
        "Kaplan 2020",
        "contrast",
        "Kaplan's compute-efficient frontier (Table 6, C_min = C/2) and L(N, D) (Eq. 1.5); "
        "N is non-embedding",
        kaplan.compute_optimal,
        _kaplan_loss,
        KAPLAN_PARAMS_RANGE,
        KAPLAN_TOKENS_RANGE,
    ),
    Law(
        "Approach 3 as printed",
        "caution",
        "Chinchilla Approach 3 with the printed constants (Hoffmann et al. 2022, Eq. 10): "
        "the outlier of chapters 3–4, not a recommendation",
        HOFFMANN_2022.optimal,
        HOFFMANN_2022.loss,
        CHINCHILLA_PARAMS_RANGE,
        CHINCHILLA_TOKENS_RANGE,
    ),
)
"""The laws compared, the headline first and the caution last."""

LAWS_BY_NAME = {law.name: law for law in LAWS}
"""Every law of :data:`LAWS` by name."""

HEADLINE = LAWS[0].name
"""The law the book's answers lead with: Epoch's refit (Besiroglu et al. 2024)."""

LAW_NAMES = tuple(law.name for law in LAWS)
"""Names of :data:`LAWS`, in order."""


def _floor(log_bound) -> float:
    """The smallest input for which every law's answer has at least one parameter and token."""
    return max(1.0, max(math.exp(log_bound(*law._line())) for law in LAWS))


PARAMS_LIMITS = (_floor(lambda n0, a, d0, b: n0 - a * d0 / b), MAX_PARAMS)
"""Model sizes the planner accepts: from the smallest N for which every law's data is at least
one token (about 1.7 parameters, set by Approach 3 as printed) to :data:`MAX_PARAMS`."""

TOKENS_LIMITS = (_floor(lambda n0, a, d0, b: d0 - b * n0 / a), MAX_TOKENS)
"""Dataset sizes the planner accepts: from the smallest D for which every law's model has at
least one parameter (set by Kaplan's frontier) to :data:`MAX_TOKENS`."""

FLOPS_LIMITS = (
    _floor(lambda n0, a, d0, b: max(-n0 / a, -d0 / b)),
    6.0 * MAX_PARAMS * MAX_TOKENS,
)
"""Training budgets accepted: from the least for which every law's model has at least one
parameter and one token, to 6ND at :data:`MAX_PARAMS` and :data:`MAX_TOKENS`."""


@dataclass(frozen=True)
class Answer:
    """One law's answer: a model size, its training tokens, their compute 6ND and the loss.

    ``loss`` is ``None`` for a law that gives only a frontier (Approaches 1 and 2). Losses of
    different laws are not comparable: Kaplan's is on WebText2, the others on MassiveText.
    Kaplan's sizes are non-embedding parameters. ``extrapolation`` lists the quantities outside
    the range the law was fitted on (empty inside it).

    References
    ----------
    Kaplan et al. 2020, Sec. 2.1 (C = 6ND, non-embedding N); Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> tokens_for_params(10e9)[0]
    Answer(Epoch 2024: N=10B, D=203B, C=1.2 × 10²² FLOPs, loss=2.130)
    """

    law: str
    n_params: float
    n_tokens: float
    flops: float
    loss: float | None
    extrapolation: tuple[Extrapolation, ...] = ()

    @property
    def tokens_per_param(self) -> float:
        """D / N."""
        return self.n_tokens / self.n_params

    @property
    def extrapolated(self) -> bool:
        """Whether N or D lies outside the law's fitted range."""
        return bool(self.extrapolation)

    def __repr__(self) -> str:
        loss = "—" if self.loss is None else f"{self.loss:.3f}"
        return (
            f"Answer({self.law}: N={fmt.count(self.n_params)}, D={fmt.count(self.n_tokens)}, "
            f"C={fmt.flops(self.flops)}, loss={loss})"
        )


@dataclass(frozen=True)
class Gain:
    """One law's prediction for growing a model: the answer before and after.

    References
    ----------
    Kaplan et al. 2020, Eq. 1.5; Hoffmann et al. 2022, Eq. 2.

    Examples
    --------
    >>> gain(10e9, 100e9)[0]
    Gain(Epoch 2024: loss 2.130 -> 1.957)
    """

    law: str
    before: Answer
    after: Answer

    @property
    def loss_reduction(self) -> float | None:
        """How much the loss falls, in nats per token; ``None`` for a law without a loss."""
        if self.before.loss is None or self.after.loss is None:
            return None
        return self.before.loss - self.after.loss

    @property
    def compute_factor(self) -> float:
        """How many times more training compute (6ND) the larger model takes."""
        return self.after.flops / self.before.flops

    def __repr__(self) -> str:
        if self.loss_reduction is None:
            return f"Gain({self.law}: compute × {self.compute_factor:.3g})"
        return f"Gain({self.law}: loss {self.before.loss:.3f} -> {self.after.loss:.3f})"


def _outside(law: Law, n: float, d: float) -> tuple[Extrapolation, ...]:
    out = []
    for quantity, value, (low, high) in (
        ("n_params", n, law.params_range),
        ("n_tokens", d, law.tokens_range),
    ):
        if not low <= value <= high:
            out.append(Extrapolation(quantity, value, low, high))
    return tuple(out)


def _answer(law: Law, n: float, d: float) -> Answer:
    flops = float(training_flops(n, d))
    loss = None if law.loss is None else float(law.loss(n, d))
    return Answer(law.name, n, d, flops, loss, _outside(law, n, d))


def _at_params(law: Law, n: float) -> Answer:
    n0, a, d0, b = law._line()
    return _answer(law, n, math.exp(d0 + b * (math.log(n) - n0) / a))


def tokens_for_params(n_params) -> tuple[Answer, ...]:
    """How much data an N-parameter model needs: the D for which N is compute-optimal.

    Each law's frontier is inverted: the budget C at which N is optimal, then its D_opt(C).
    Under Chinchilla's laws that is about 20 tokens per parameter; under Kaplan's frontier
    far fewer.

    Parameters
    ----------
    n_params : float
        Model size N, inside :data:`PARAMS_LIMITS` (about 1.7 to 10¹⁵).

    Returns
    -------
    tuple of Answer
        One per law of :data:`LAWS`, the headline first.

    References
    ----------
    Hoffmann et al. 2022, Eq. 4 and Table 3 (10B: 205.1B tokens); Besiroglu et al. 2024;
    Kaplan et al. 2020, Table 6.

    Examples
    --------
    >>> [fmt.count(a.n_tokens) for a in tokens_for_params(10e9)]
    ['203B', '214B', '224B', '42.5B', '721B']
    """
    n = check_params(n_params)
    return tuple(_at_params(law, n) for law in LAWS)


def params_for_tokens(n_tokens) -> tuple[Answer, ...]:
    """How big a model D tokens can train: the N whose compute-optimal data is D.

    Parameters
    ----------
    n_tokens : float
        Dataset size D, inside :data:`TOKENS_LIMITS` (about 8.5M to 10¹⁸).

    References
    ----------
    Hoffmann et al. 2022, Eq. 4 and Table 3; Besiroglu et al. 2024; Kaplan et al. 2020, Table 6.

    Examples
    --------
    >>> [fmt.count(a.n_params) for a in params_for_tokens(1.4e12)][:3]
    ['76.3B', '65.5B', '58.1B']
    """
    d = check_tokens(n_tokens)
    answers = []
    for law in LAWS:
        n0, a, d0, b = law._line()
        log_c = (math.log(d) - d0) / b
        answers.append(_answer(law, math.exp(n0 + a * log_c), d))
    return tuple(answers)


def compute_optimal(flops) -> tuple[Answer, ...]:
    """Compute-optimal N and D for a budget C, under each law.

    The reported ``flops`` is 6ND; for Kaplan's law it is about 0.9 C because Table 6 rounds
    its prefactors (see :func:`scaling.kaplan.compute_optimal`).

    References
    ----------
    Hoffmann et al. 2022, Eq. 4; Besiroglu et al. 2024; Kaplan et al. 2020, Table 6.

    Examples
    --------
    >>> [fmt.count(a.n_params) for a in compute_optimal(5.76e23)]
    ['72.2B', '67B', '63B', '485B', '32.2B']
    """
    c = check_flops(flops)
    answers = []
    for law in LAWS:
        n0, a, d0, b = law._line()
        log_c = math.log(c)
        answers.append(_answer(law, math.exp(n0 + a * log_c), math.exp(d0 + b * log_c)))
    return tuple(answers)


def check_gpus(n_gpus, name: str = "n_gpus") -> int:
    """A number of GPUs as an int (a whole number, at least one), or ValueError naming ``name``.

    References
    ----------
    Issue 13 of this project (fractional GPUs are rejected).

    Examples
    --------
    >>> check_gpus(0.5, "--gpus")
    Traceback (most recent call last):
    ...
    ValueError: --gpus must be a whole number of GPUs, at least 1, got 0.5
    """
    span = "a whole number of GPUs, at least 1"
    x = _number(n_gpus, name, span)
    if x < 1 or math.isinf(x) or not x.is_integer():
        raise ValueError(f"{name} must be {span}, got {_shown(x)}")
    return int(x)


def plan_cluster(
    n_gpus, gpu="A100", days=30, mfu=0.4
) -> tuple[float, tuple[Answer, ...]]:
    """What a cluster should train: its compute (GPUs × peak × MFU × time), then :func:`compute_optimal`.

    Parameters
    ----------
    n_gpus : int
        Whole number of GPUs, at least 1.
    gpu : str
        A name in :data:`scaling.compute.ACCELERATORS`.
    days : float
        Wall-clock days (> 0).
    mfu : float
        Model FLOP utilisation in (0, 1].

    References
    ----------
    Chowdhery et al. 2022, App. B (MFU); Hoffmann et al. 2022, Eq. 4.

    Examples
    --------
    >>> flops, answers = plan_cluster(100, "A100", 30, 0.4)
    >>> fmt.flops(flops), fmt.count(answers[0].n_params)
    ('3.2 × 10²² FLOPs', '16.5B')
    """
    g = check_gpus(n_gpus)
    t = _number(days, "days", "a positive number of wall-clock days")
    if not 0 < t < math.inf:
        raise ValueError(f"days must be a positive, finite number, got {_shown(t)}")
    peak = accelerator(gpu).peak_flops
    u = _number(mfu, "mfu", "a number in (0, 1]")
    if not 0 < u <= 1:
        raise ValueError(f"mfu must be in (0, 1], got {_shown(u)}")
    log_flops = math.log(g) + math.log(peak) + math.log(u) + math.log(t * 86_400)
    if not math.log(FLOPS_LIMITS[0]) <= log_flops <= math.log(FLOPS_LIMITS[1]):
        power = f"{log_flops / math.log(10):.0f}".translate(fmt._SUPERSCRIPTS)
        raise ValueError(
            f"the cluster's compute (GPUs × peak × MFU × time) must be between "
            f"{fmt.flops(FLOPS_LIMITS[0])} and {fmt.flops(FLOPS_LIMITS[1])}, "
            f"got about 10{power} FLOPs"
        )
    flops = float(cluster_flops(g, t, gpu, u))
    return flops, compute_optimal(flops)


def gain(from_params, to_params, n_tokens=None) -> tuple[Gain, ...]:
    """What growing a model from N₁ to N₂ (> N₁) buys: the answer before and after, per law.

    With ``n_tokens`` both models see that many tokens; without, each gets the data its law says
    it needs (:func:`tokens_for_params`), and :attr:`Gain.compute_factor` says what that costs.

    References
    ----------
    Kaplan et al. 2020, Eq. 1.5; Hoffmann et al. 2022, Eq. 2; Besiroglu et al. 2024.

    Examples
    --------
    >>> g = gain(10e9, 100e9)[0]
    >>> round(g.loss_reduction, 3), round(g.compute_factor)
    (0.172, 89)
    """
    n1 = check_params(from_params, "from_params")
    n2 = check_params(to_params, "to_params")
    if n2 <= n1:
        raise ValueError(
            f"to_params must be larger than from_params, got {n2:g} <= {n1:g}"
        )
    d = None if n_tokens is None else check_tokens(n_tokens)
    gains = []
    for law in LAWS:
        if d is None:
            before, after = _at_params(law, n1), _at_params(law, n2)
        else:
            before, after = _answer(law, n1, d), _answer(law, n2, d)
        gains.append(Gain(law.name, before, after))
    return tuple(gains)


__all__ = [
    "CHINCHILLA_PARAMS_RANGE",
    "CHINCHILLA_TOKENS_RANGE",
    "FLOPS_LIMITS",
    "HEADLINE",
    "KAPLAN_PARAMS_RANGE",
    "KAPLAN_TOKENS_RANGE",
    "LAWS",
    "LAWS_BY_NAME",
    "LAW_NAMES",
    "MAX_PARAMS",
    "MAX_TOKENS",
    "PARAMS_LIMITS",
    "TOKENS_LIMITS",
    "Answer",
    "Extrapolation",
    "Gain",
    "Law",
    "check_flops",
    "check_gpus",
    "check_params",
    "check_tokens",
    "compute_optimal",
    "gain",
    "params_for_tokens",
    "plan_cluster",
    "tokens_for_params",
]

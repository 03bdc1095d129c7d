"""Emergence as a choice of metric: smooth per-token scores, sharp exact match on k tokens.

Wei et al. (2022) call an ability *emergent* when it is absent in smaller models and present
in larger ones. Schaeffer et al. (2023) argue that many such jumps come from the metric: if a
model gets each token of an answer right with probability ``p``, and ``p`` improves smoothly
with scale, exact match on a ``k``-token answer scores about ``p**k``, which stays near zero
and then rises steeply, while a per-token metric such as the token edit distance
``k * (1 - p)`` changes smoothly. Chapter 8 measures both on the lab's models, exactly, over
the known source (:mod:`scaling.lab`).

The lab task: read text drawn from the source and, at each of ``k`` consecutive positions,
predict the source's most likely next token (its "answer") from the true preceding tokens. A
model's prediction is its own most likely token. Exact match needs all ``k`` right.
"""

from __future__ import annotations

from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing import get_context

import numpy as np
import pandas as pd

from scaling._validation import as_array, as_count, scalar_or_array
from scaling.lab.model import expected_loss, log_probs, n_params, train
from scaling.lab.source import MarkovSource, contexts, make_source
from scaling.lab.sweep import _single_threaded_blas


def exact_match(token_accuracy, k):
    """Exact match on a ``k``-token answer when each token is right independently: ``p**k``.

    References
    ----------
    Schaeffer, Miranda & Koyejo 2023, "Are Emergent Abilities of Large Language Models a
    Mirage?", NeurIPS, Sec. 2 (Accuracy(N) ≈ p_N^L for answers of length L).

    Examples
    --------
    >>> round(exact_match(0.9, 10), 4)
    0.3487
    """
    p = as_array(token_accuracy, "token_accuracy", nonnegative=True)
    if np.any(p > 1):
        raise ValueError(f"token_accuracy must be at most 1, got {float(p.max())}")
    return scalar_or_array(p ** as_count(k, "k"))


def token_edit_distance(token_accuracy, k):
    """Expected number of wrong tokens in a ``k``-token answer: ``k * (1 - p)``.

    References
    ----------
    Schaeffer, Miranda & Koyejo 2023, Sec. 2 (Token Edit Distance(N) ≈ L (1 − p_N)).

    Examples
    --------
    >>> round(token_edit_distance(0.9, 10), 6)
    1.0
    """
    p = as_array(token_accuracy, "token_accuracy", nonnegative=True)
    if np.any(p > 1):
        raise ValueError(f"token_accuracy must be at most 1, got {float(p.max())}")
    return scalar_or_array(as_count(k, "k") * (1.0 - p))


@dataclass(frozen=True)
class TaskScores:
    """One model's scores on the lab task, all exact expectations over the source.

    Attributes
    ----------
    loss : float
        Per-token cross-entropy (nats/token) against the source.
    token_accuracy : float
        Chance that the model's most likely token is the source's, at a stationary context.
    answer_log_prob : float
        Mean log-probability (nats) the model gives the source's most likely token.
    exact_match : tuple of (int, float)
        ``(k, chance that all k consecutive answers are right)``.
    """

    loss: float
    token_accuracy: float
    answer_log_prob: float
    exact_match: tuple


def task_scores(params, source: MarkovSource, lengths=(1, 2, 4, 8, 16)) -> TaskScores:
    """Score trained lab-model parameters on the k-token answer task, exactly.

    Exact match over ``k`` consecutive positions is a forward recursion over the source's
    contexts: ``v_1 = π ⊙ ok`` and ``v_{i+1}(c') = ok(c') Σ_c v_i(c) P(c → c')``, summed.

    Parameters
    ----------
    params : dict
        Parameters from :func:`scaling.lab.model.train`.
    source : MarkovSource
    lengths : sequence of int
        Answer lengths ``k`` (each ``>= 1``).

    Returns
    -------
    TaskScores

    References
    ----------
    Schaeffer, Miranda & Koyejo 2023, Sec. 2 (the metrics); Cover & Thomas 2006, Sec. 4.1
    (stationary Markov chains).

    Examples
    --------
    >>> src = make_source(vocab=8, order=2, seed=0)
    >>> scores = task_scores(train(src, 8, 2048), src, lengths=(1, 3))
    >>> bool(np.isclose(scores.exact_match[0][1], scores.token_accuracy))
    True
    """
    ks = sorted({as_count(k, "lengths") for k in np.atleast_1d(lengths)})
    ctx = contexts(source)
    lq = log_probs(params, ctx)
    answer = source.next_probs.argmax(axis=1)
    ok = (lq.argmax(axis=1) == answer).astype(float)
    pi, v = source.context_probs, source.vocab
    rows = np.arange(len(pi))
    # P(c -> c'): c' drops c's oldest token and appends the next one, so summing over the
    # oldest token a of c = (a, b) gives the mass arriving at c' = (b, x).
    # Arranged as trans[b, a, x], a batched vector-matrix product per b.
    trans = np.ascontiguousarray(source.next_probs.reshape(v, -1, v).transpose(1, 0, 2))
    state, done, results = pi * ok, 1, []
    for k in ks:
        while done < k:
            arriving = state.reshape(v, -1).T[:, None, :] @ trans
            state = arriving.reshape(-1) * ok
            done += 1
        results.append((k, float(state.sum())))
    return TaskScores(
        loss=expected_loss(params, source),
        token_accuracy=float(pi @ ok),
        answer_log_prob=float(pi @ lq[rows, answer]),
        exact_match=tuple(results),
    )


def _ladder_row(hidden: int, n_tokens: int, lengths, seed: int) -> dict:
    """Train and score one width (module-level so a process pool can pickle it)."""
    src = _source(seed)
    scores = task_scores(train(src, hidden, n_tokens, seed), src, lengths)
    row = {
        "hidden": hidden,
        "n_params": n_params(hidden, src.vocab, src.order),
        "loss": scores.loss,
        "token_accuracy": scores.token_accuracy,
        "answer_log_prob": scores.answer_log_prob,
    }
    row.update({f"exact_match_{k}": value for k, value in scores.exact_match})
    return row


@lru_cache(maxsize=2)
def _source(seed: int):
    return make_source(seed=seed)


def task_ladder(
    widths,
    n_tokens,
    lengths=(1, 2, 4, 8, 16),
    seed: int = 0,
    executor: Executor | None = None,
):
    """Train one lab model per width on ``n_tokens`` tokens and score each on the task.

    Parameters
    ----------
    widths : array_like of int
        Hidden widths h.
    n_tokens : int
        Training tokens D, the same for every model.
    lengths : sequence of int
        Answer lengths k for exact match.
    seed : int
        Source and training seed (as in :func:`scaling.lab.sweep.run_one`).
    executor : concurrent.futures.Executor, optional
        Where to train; by default two spawned processes with one BLAS thread each, as in
        :func:`scaling.lab.sweep.run_sweep`.

    Returns
    -------
    pandas.DataFrame
        One row per width: ``hidden``, ``n_params``, ``loss``, ``token_accuracy``,
        ``answer_log_prob`` and ``exact_match_<k>`` for each k.

    References
    ----------
    Wei et al. 2022, "Emergent Abilities of Large Language Models", TMLR (scores against
    model size); Schaeffer, Miranda & Koyejo 2023, Sec. 2.

    Examples
    --------
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> with ThreadPoolExecutor(1) as pool:
    ...     table = task_ladder([8], 2560, lengths=(1, 4), executor=pool)
    >>> list(table.columns)[-2:]
    ['exact_match_1', 'exact_match_4']
    """
    hs = [int(h) for h in as_array(widths, "widths", positive=True).astype(int).ravel()]
    d = as_count(n_tokens, "n_tokens")
    ks = tuple(as_count(k, "lengths") for k in np.atleast_1d(lengths))
    widest_first = sorted(hs, reverse=True)  # keep both workers busy to the end
    if executor is None:
        with (
            _single_threaded_blas(),
            ProcessPoolExecutor(2, mp_context=get_context("spawn")) as pool,
        ):
            rows = _collect(pool, widest_first, d, ks, seed)
    else:
        rows = _collect(executor, widest_first, d, ks, seed)
    return pd.DataFrame(rows).sort_values("hidden", ignore_index=True)


def _collect(executor, widths, n_tokens, lengths, seed):
    futures = [executor.submit(_ladder_row, h, n_tokens, lengths, seed) for h in widths]
    return [f.result() for f in futures]


def sharpness(values) -> float:
    """Share of a score's total rise that happens in its steepest step between neighbours.

    A smooth curve spreads its rise over many steps (about ``1/(n-1)`` each on an even
    ladder); an "emergent" one puts most of it in one or two steps.

    References
    ----------
    Wei et al. 2022, Sec. 2 (emergence: near-random, then well above random, across scale).

    Examples
    --------
    >>> sharpness([0.0, 0.0, 0.0, 1.0])
    1.0
    >>> sharpness([0.0, 1.0, 2.0, 3.0])
    0.333333
    """
    arr = as_array(values, "values").ravel()
    if arr.size < 2:
        raise ValueError(f"values must hold at least 2 numbers, got {arr.size}")
    steps = np.diff(arr)
    total = arr[-1] - arr[0]
    if total == 0:
        raise ValueError("values must change between the first and the last entry")
    return round(float(np.max(steps / total)), 6)


__all__ = [
    "TaskScores",
    "exact_match",
    "sharpness",
    "task_ladder",
    "task_scores",
    "token_edit_distance",
]

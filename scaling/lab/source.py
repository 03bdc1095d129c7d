"""A synthetic Markov token source whose entropy rate, hence the irreducible loss E, is known exactly."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from scaling._validation import as_array, as_count, as_seed

#: Vocabulary size, Markov order and Dirichlet concentrations (orders 1, 2, 3) of the book's source.
VOCAB = 64
ORDER = 3
CONCENTRATIONS = (8.0, 16.0, 32.0)


@dataclass(frozen=True, repr=False)
class MarkovSource:
    """An order-k Markov chain over V tokens with its stationary context distribution.

    ``next_probs[c]`` is the next-token distribution after context ``c`` (the last k tokens, oldest
    first, flattened base V); ``context_probs[c]`` is the stationary probability of that context.

    References
    ----------
    Cover & Thomas 2006, Elements of Information Theory, Thm. 4.2.4 (entropy rate of a stationary
    Markov chain, H = Σ_c π(c) H(P(·|c))).

    Examples
    --------
    >>> src = make_source(vocab=4, order=1, seed=0)
    >>> src
    MarkovSource(vocab=4, order=1, entropy_rate=1.121 nats/token)
    """

    vocab: int
    order: int
    next_probs: np.ndarray = field(compare=False)
    context_probs: np.ndarray = field(compare=False)

    @property
    def entropy_rate(self) -> float:
        """Exact entropy rate H in nats/token: the loss of a model that knows the source."""
        return float(self.context_probs @ _entropies(self.next_probs))

    def __repr__(self) -> str:
        return f"MarkovSource(vocab={self.vocab}, order={self.order}, entropy_rate={self.entropy_rate:.4g} nats/token)"


def _check_source(source):
    if not isinstance(source, MarkovSource):
        raise TypeError(
            f"source must be a scaling.lab.source.MarkovSource, got {type(source).__name__}"
        )


def _entropies(probs):
    safe = np.where(probs > 0, probs, 1.0)
    return -(probs * np.log(safe)).sum(axis=-1)


def make_source(
    vocab: int = VOCAB, order: int = ORDER, concentrations=CONCENTRATIONS, seed: int = 0
):
    """Build a hierarchical-Dirichlet Markov source: each order's conditionals centred on the order below.

    The unigram is Zipf-1 (p ∝ 1/rank) over a random permutation of tokens; the order-j conditional
    for each context is Dirichlet(κ_j · p(·|shorter context)), so longer contexts carry a little more
    information each, as in natural text.

    Parameters
    ----------
    vocab : int
        Number of tokens V (≥ 2).
    order : int
        Markov order k (≥ 1); there are V^k contexts.
    concentrations : sequence of float
        Dirichlet concentrations κ_1..κ_k (at least ``order`` values, all > 0); larger is closer to
        the lower order.
    seed : int
        Random seed (a non-negative integer).

    Returns
    -------
    MarkovSource

    References
    ----------
    Teh 2006, "A hierarchical Bayesian language model based on Pitman-Yor processes" (hierarchical
    priors centred on the shorter context); Zipf 1949 (rank-frequency law).

    Examples
    --------
    >>> src = make_source(vocab=8, order=2, seed=1)
    >>> src.next_probs.shape, round(float(src.context_probs.sum()), 12)
    ((64, 8), 1.0)
    """
    v = as_count(vocab, "vocab", minimum=2)
    k = as_count(order, "order")
    if v**k > 2**24:
        raise ValueError(
            f"vocab ** order = {v}**{k} contexts is too many to tabulate (at most 2**24)"
        )
    kappas = np.atleast_1d(as_array(concentrations, "concentrations", positive=True))
    if kappas.ndim != 1 or kappas.size < k:
        raise ValueError(
            f"concentrations must hold {k} positive values, got {concentrations!r}"
        )
    rng = np.random.default_rng(as_seed(seed))
    unigram = 1.0 / np.arange(1, v + 1)
    probs = (unigram / unigram.sum())[rng.permutation(v)]
    for j in range(k):
        # Row c of the order-j table is the conditional given the j most recent tokens; the order-(j+1)
        # table prepends an older token, so each of its V rows per context shares the same centre.
        centre = np.broadcast_to(probs.reshape(-1, v), (v, probs.size // v, v)).reshape(
            -1, v
        )
        draws = rng.gamma(kappas[j] * np.maximum(centre, 1e-300))
        probs = draws / draws.sum(axis=1, keepdims=True)
    return MarkovSource(v, k, probs, _stationary(probs, v))


def _stationary(next_probs, vocab, tol: float = 1e-13, max_iter: int = 10_000):
    """Stationary distribution over contexts by power iteration: π'(b…, x) = Σ_a π(a, b…) P(x|a, b…)."""
    n_ctx = next_probs.shape[0]
    pi = np.full(n_ctx, 1.0 / n_ctx)
    for _ in range(max_iter):
        joint = (pi[:, None] * next_probs).reshape(vocab, n_ctx // vocab, vocab)
        new = joint.sum(axis=0).reshape(-1)
        if np.abs(new - pi).sum() < tol:
            return new
        pi = new
    raise RuntimeError("stationary distribution did not converge")


def sample(source: MarkovSource, n: int, rng):
    """Draw n independent (context, next token) pairs from the stationary joint distribution.

    Fresh i.i.d. pairs are what one pass over an endless corpus looks like to a model that sees
    only the last k tokens: every example is new, with the chain's stationary statistics.

    Parameters
    ----------
    source : MarkovSource
    n : int
        Number of pairs (> 0).
    rng : numpy.random.Generator

    Returns
    -------
    contexts : numpy.ndarray, shape (n, order)
        Token ids, oldest first.
    targets : numpy.ndarray, shape (n,)

    References
    ----------
    Cover & Thomas 2006, Sec. 4.1 (stationary Markov chains).

    Examples
    --------
    >>> ctx, nxt = sample(make_source(vocab=4, order=2, seed=0), 5, np.random.default_rng(0))
    >>> ctx.shape, nxt.shape
    ((5, 2), (5,))
    """
    _check_source(source)
    count = as_count(n, "n")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator, got {type(rng).__name__}"
        )
    flat = np.searchsorted(
        np.cumsum(source.context_probs), rng.random(count) * source.context_probs.sum()
    )
    flat = np.minimum(flat, source.context_probs.size - 1)
    cdf = np.cumsum(source.next_probs[flat], axis=1)
    targets = np.minimum(
        (cdf < rng.random(count)[:, None] * cdf[:, -1:]).sum(axis=1), source.vocab - 1
    )
    digits = (
        flat[:, None] // source.vocab ** np.arange(source.order - 1, -1, -1)
    ) % source.vocab
    return digits, targets


def contexts(source: MarkovSource):
    """All V^k contexts as token ids (oldest first), aligned with ``source.context_probs``.

    References
    ----------
    Cover & Thomas 2006, Sec. 4.1.

    Examples
    --------
    >>> contexts(make_source(vocab=3, order=2, seed=0))[:4].tolist()
    [[0, 0], [0, 1], [0, 2], [1, 0]]
    """
    _check_source(source)
    flat = np.arange(source.context_probs.size)
    return (
        flat[:, None] // source.vocab ** np.arange(source.order - 1, -1, -1)
    ) % source.vocab

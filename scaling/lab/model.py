"""A tiny numpy language model (embeddings → one ReLU layer → softmax) with hand-written backprop and Adam."""

from __future__ import annotations

import numpy as np

from scaling._validation import as_count, as_scalar, as_seed
from scaling.lab.source import MarkovSource, _check_source, contexts, sample

#: Learning-rate rule lr = LR_BASE · (h / 64)^(−LR_WIDTH_EXPONENT) · (D / 1e5)^(−LR_DATA_EXPONENT),
#: fitted to the loss-minimising lr of scans over ×0.5…×16 at h = 32…1024, D = 50k…400k on this
#: source (chapter 8; it stays optimal at h = 2048, D = 200k and h = 1024, D = 800k): wider models
#: and longer runs need smaller steps.
LR_BASE = 0.05
LR_WIDTH_EXPONENT = 0.4
LR_DATA_EXPONENT = 0.2
#: Examples per Adam step, warmup fraction of the steps, and Adam's β1, β2, ε (Kingma & Ba 2015, Alg. 1).
BATCH = 256
#: Narrowest embedding (and the narrowest hidden layer the lab's command line runs).
MIN_EMBEDDING = 4
WARMUP = 0.05
ADAM = (0.9, 0.999, 1e-8)


def embedding_dim(hidden: int) -> int:
    """Embedding width d = round(√h), at least 4: embeddings grow slower than the hidden layer.

    References
    ----------
    Kaplan et al. 2020, Sec. 3.1 (shape matters little at fixed N; we fix one shape rule).

    Examples
    --------
    >>> embedding_dim(256)
    16
    """
    return max(MIN_EMBEDDING, int(round(np.sqrt(as_count(hidden, "hidden")))))


def n_params(hidden: int, vocab: int = 64, order: int = 3) -> int:
    """Total trainable parameters N of the model: V·d + (k·d + 1)·h + (h + 1)·V.

    References
    ----------
    Hoffmann et al. 2022, Sec. 2 (N counts all parameters in Approach 3's fit; here the embedding
    is a small share).

    Examples
    --------
    >>> n_params(16)
    1552
    """
    h = as_count(hidden, "hidden")
    v, k = as_count(vocab, "vocab"), as_count(order, "order")
    d = embedding_dim(h)
    return v * d + (k * d + 1) * h + (h + 1) * v


def learning_rate(hidden, n_tokens):
    """Peak Adam learning rate for width h and D training tokens (rule documented at ``LR_BASE``).

    References
    ----------
    Yang et al. 2022, "Tensor Programs V" (μP: Adam's step must shrink ∝ 1/width for hidden
    matrices); Bi et al. 2024 (DeepSeek LLM), Sec. 3.1 (optimal lr falls as compute grows).

    Examples
    --------
    >>> round(learning_rate(64, 1e5), 6)
    0.05
    """
    h = as_scalar(hidden, "hidden", positive=True)
    d = as_scalar(n_tokens, "n_tokens", positive=True)
    return LR_BASE * (h / 64) ** -LR_WIDTH_EXPONENT * (d / 1e5) ** -LR_DATA_EXPONENT


def init_params(hidden: int, vocab: int, order: int, rng):
    """He-initialised parameters as a dict of arrays (embedding, W1, b1, W2, b2).

    References
    ----------
    He et al. 2015, "Delving deep into rectifiers", Sec. 2.2 (variance 2/fan-in for ReLU).

    Examples
    --------
    >>> p = init_params(8, 5, 2, np.random.default_rng(0))
    >>> {k: v.shape for k, v in p.items()}
    {'emb': (5, 4), 'W1': (8, 8), 'b1': (8,), 'W2': (8, 5), 'b2': (5,)}
    """
    hidden, d = as_count(hidden, "hidden"), embedding_dim(hidden)
    vocab, order = as_count(vocab, "vocab"), as_count(order, "order")
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator, such as np.random.default_rng(seed), "
            f"got {type(rng).__name__}"
        )
    return {
        "emb": rng.standard_normal((vocab, d)),
        "W1": rng.standard_normal((order * d, hidden)) * np.sqrt(2.0 / (order * d)),
        "b1": np.zeros(hidden),
        "W2": rng.standard_normal((hidden, vocab)) * np.sqrt(1.0 / hidden),
        "b2": np.zeros(vocab),
    }


def log_probs(params, ctx):
    """Next-token log-probabilities, shape (n, V), for contexts of shape (n, k).

    References
    ----------
    Bengio et al. 2003, "A neural probabilistic language model", Sec. 2 (the architecture).

    Examples
    --------
    >>> p = init_params(8, 5, 2, np.random.default_rng(0))
    >>> np.allclose(np.exp(log_probs(p, np.array([[0, 1]]))).sum(), 1.0)
    True
    """
    x = params["emb"][ctx].reshape(len(ctx), -1)
    logits = (
        np.maximum(x @ params["W1"] + params["b1"], 0.0) @ params["W2"] + params["b2"]
    )
    logits -= logits.max(axis=1, keepdims=True)
    return logits - np.log(np.exp(logits).sum(axis=1, keepdims=True))


def loss_and_grads(params, ctx, targets):
    """Mean cross-entropy (nats/token) and its gradient by hand-written backpropagation.

    References
    ----------
    Rumelhart, Hinton & Williams 1986 (backpropagation); Bengio et al. 2003, Sec. 2.

    Examples
    --------
    >>> p = init_params(8, 5, 2, np.random.default_rng(0))
    >>> loss, grads = loss_and_grads(p, np.array([[0, 1], [2, 3]]), np.array([4, 0]))
    >>> sorted(grads) == sorted(p)
    True
    """
    n = len(ctx)
    x = params["emb"][ctx].reshape(n, -1)
    pre = x @ params["W1"] + params["b1"]
    act = np.maximum(pre, 0.0)
    logits = act @ params["W2"] + params["b2"]
    logits -= logits.max(axis=1, keepdims=True)
    probs = np.exp(logits)
    probs /= probs.sum(axis=1, keepdims=True)
    loss = -float(np.mean(np.log(probs[np.arange(n), targets])))
    dlogits = probs
    dlogits[np.arange(n), targets] -= 1.0
    dlogits /= n
    dact = dlogits @ params["W2"].T
    dpre = dact * (pre > 0)
    demb = np.zeros_like(params["emb"])
    np.add.at(demb, ctx.reshape(-1), (dpre @ params["W1"].T).reshape(ctx.size, -1))
    grads = {
        "emb": demb,
        "W1": x.T @ dpre,
        "b1": dpre.sum(axis=0),
        "W2": act.T @ dlogits,
        "b2": dlogits.sum(axis=0),
    }
    return loss, grads


def schedule(step: int, n_steps: int, peak: float) -> float:
    """Linear warmup over ``WARMUP`` of the steps, then cosine decay to zero.

    References
    ----------
    Hoffmann et al. 2022, Sec. 3.1 and Fig. A1 (cosine decay matched to the run length; a cycle
    longer than the run overestimates the loss); Loshchilov & Hutter 2017 (SGDR).

    Examples
    --------
    >>> [round(schedule(s, 100, 1.0), 3) for s in (0, 4, 50, 99)]
    [0.2, 1.0, 0.533, 0.0]
    """
    n_steps = as_count(n_steps, "n_steps")
    step = as_count(step, "step", minimum=0)
    if step >= n_steps:
        raise ValueError(f"step must be below n_steps = {n_steps}, got {step}")
    peak = as_scalar(peak, "peak", nonnegative=True)
    warm = max(1, int(round(WARMUP * n_steps)))
    if step < warm:
        return peak * (step + 1) / warm
    return (
        peak
        * 0.5
        * (1.0 + float(np.cos(np.pi * (step - warm + 1) / (n_steps - warm + 1))))
    )


def train(source: MarkovSource, hidden: int, n_tokens: int, seed: int = 0):
    """Train one model for one pass over ``n_tokens`` fresh examples; return its parameters.

    Parameters
    ----------
    source : MarkovSource
    hidden : int
        Hidden width h.
    n_tokens : int
        Training tokens D (examples seen, each once).
    seed : int
        Base seed, a non-negative integer; the run's generator is seeded by (seed, h, D) so every
        run is reproducible alone.

    References
    ----------
    Kingma & Ba 2015, Alg. 1 (Adam); Hoffmann et al. 2022, Sec. 3.1 (schedule matched to D).

    Examples
    --------
    >>> from scaling.lab.source import make_source
    >>> src = make_source(vocab=8, order=2, seed=0)
    >>> params = train(src, 8, 2048)
    >>> params["W1"].shape
    (8, 8)
    """
    _check_source(source)
    h = as_count(hidden, "hidden")
    d = as_count(n_tokens, "n_tokens")
    rng = np.random.default_rng([as_seed(seed), h, d])
    params = init_params(h, source.vocab, source.order, rng)
    moments = {k: (np.zeros_like(v), np.zeros_like(v)) for k, v in params.items()}
    beta1, beta2, eps = ADAM
    n_steps = max(1, d // BATCH)
    peak = learning_rate(h, d)
    for step in range(n_steps):
        ctx, targets = sample(source, BATCH, rng)
        _, grads = loss_and_grads(params, ctx, targets)
        lr = schedule(step, n_steps, peak)
        for key, grad in grads.items():
            m, v = moments[key]
            m *= beta1
            m += (1 - beta1) * grad
            v *= beta2
            v += (1 - beta2) * grad**2
            m_hat = m / (1 - beta1 ** (step + 1))
            v_hat = v / (1 - beta2 ** (step + 1))
            params[key] -= lr * m_hat / (np.sqrt(v_hat) + eps)
    return params


def expected_loss(params, source: MarkovSource, chunk: int = 16384) -> float:
    """Exact expected loss E_c∼π E_x∼P(·|c)[−log q(x|c)] in nats/token: no sampling noise.

    References
    ----------
    Cover & Thomas 2006, Sec. 2.3 (cross-entropy = H + KL, so loss − H is the exact reducible part).

    Examples
    --------
    >>> from scaling.lab.source import make_source
    >>> src = make_source(vocab=8, order=2, seed=0)
    >>> expected_loss(train(src, 8, 2048), src) > src.entropy_rate
    True
    """
    _check_source(source)
    if not isinstance(params, dict) or set(params) != {"emb", "W1", "b1", "W2", "b2"}:
        raise TypeError(
            "params must be the dict of arrays returned by train or init_params, got "
            f"{type(params).__name__}"
        )
    chunk = as_count(chunk, "chunk")
    ctx = contexts(source)
    total = 0.0
    for start in range(0, len(ctx), chunk):
        part = slice(start, start + chunk)
        cross = -(source.next_probs[part] * log_probs(params, ctx[part])).sum(axis=1)
        total += float(source.context_probs[part] @ cross)
    return total

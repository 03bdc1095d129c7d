"""Tests for scaling.emergence (Schaeffer, Miranda & Koyejo 2023, Sec. 2)."""

import numpy as np
import pytest

from scaling import emergence
from scaling.lab import model, source


def test_exact_match_and_edit_distance_formulas():
    # Schaeffer et al. 2023, Sec. 2: accuracy ≈ p^L, token edit distance ≈ L (1 - p).
    assert emergence.exact_match(0.5, 3) == pytest.approx(0.125, rel=1e-12)
    assert emergence.token_edit_distance(0.75, 4) == pytest.approx(1.0, rel=1e-12)
    with pytest.raises(ValueError, match="token_accuracy"):
        emergence.exact_match(1.5, 2)
    with pytest.raises(ValueError, match="k"):
        emergence.exact_match(0.5, 0)


def _brute_force_exact_match(params, src, k):
    """Enumerate every k-step path from every context: sum of π(c0) Π P(step) Π ok."""
    ctx = source.contexts(src)
    ok = model.log_probs(params, ctx).argmax(1) == src.next_probs.argmax(1)
    v = src.vocab
    total = 0.0
    for c0 in range(len(ctx)):
        stack = [(c0, src.context_probs[c0] * ok[c0], 1)]
        while stack:
            c, w, depth = stack.pop()
            if w == 0:
                continue
            if depth == k:
                total += w
                continue
            for x in range(v):
                nxt = (c % v ** (src.order - 1)) * v + x
                stack.append((nxt, w * src.next_probs[c, x] * ok[nxt], depth + 1))
    return total


def test_task_scores_match_brute_force_enumeration():
    # An independent check of the forward recursion on a small source (4 tokens, order 2).
    src = source.make_source(vocab=4, order=2, seed=3)
    params = model.train(src, 8, 1024)
    scores = emergence.task_scores(params, src, lengths=(1, 2, 3))
    for k, value in scores.exact_match:
        assert value == pytest.approx(
            _brute_force_exact_match(params, src, k), rel=1e-10
        )
    assert 0 < scores.token_accuracy <= 1
    assert scores.loss > src.entropy_rate  # cross-entropy = H + KL > H
    assert scores.answer_log_prob < 0


def test_perfect_model_scores_one(monkeypatch):
    # A "model" whose log-probs are the source's own names every answer: EM = 1 for all k.
    src = source.make_source(vocab=4, order=2, seed=1)
    monkeypatch.setattr(
        emergence, "log_probs", lambda params, ctx: np.log(src.next_probs)
    )
    monkeypatch.setattr(emergence, "expected_loss", lambda params, s: s.entropy_rate)
    scores = emergence.task_scores({}, src, lengths=(1, 5))
    assert [v for _, v in scores.exact_match] == pytest.approx([1.0, 1.0], abs=1e-12)
    assert scores.token_accuracy == pytest.approx(1.0, abs=1e-12)


def test_sharpness():
    assert emergence.sharpness([0, 0, 0, 1]) == 1.0
    assert emergence.sharpness([0, 1, 2, 3]) == pytest.approx(1 / 3, abs=1e-6)
    with pytest.raises(ValueError, match="change"):
        emergence.sharpness([1, 1])

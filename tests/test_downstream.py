"""Loss-to-capability forms of Llama 3 (§3.2.1) and GPT-4 (§3.1), on synthetic data."""

import numpy as np
import pytest

from scaling import downstream as ds


def test_sigmoid_starts_at_chance_and_falls_with_nll():
    # Dubey et al. 2024 Fig. 4 (right): accuracy rises from chance as NLL falls.
    link = ds.ILLUSTRATIVE_SIGMOID
    acc = link.accuracy(np.array([3.0, 1.5, 1.0, 0.5]))
    assert np.all(np.diff(acc) > 0)
    assert acc[0] == pytest.approx(link.low, abs=1e-3)


def test_sigmoid_fit_recovers_a_known_link():
    x = np.linspace(0.4, 1.6, 12)
    fit = ds.fit_sigmoid(x, ds.ILLUSTRATIVE_SIGMOID.accuracy(x), low=0.25)
    assert fit.high == pytest.approx(0.95, rel=1e-4)
    assert fit.midpoint == pytest.approx(0.95, rel=1e-4)


def test_pass_rate_law_fit_is_exact_on_noiseless_data():
    # OpenAI 2023 §3.1: -E[log pass rate] = alpha C^-k is a straight line in log-log.
    c = np.geomspace(1e-4, 1e-3, 6)
    law = ds.fit_pass_rate_law(c, ds.ILLUSTRATIVE_PASS_RATE.mean_log_pass_rate(c))
    assert (law.alpha, law.k) == pytest.approx((0.35, 0.25), rel=1e-9)


def test_loss_law_fit_is_exact_on_noiseless_data():
    # OpenAI 2023 §3.1: L(C) = a C^b + c.
    c = np.geomspace(1e-6, 1e-4, 8)
    fit = ds.fit_loss_law(c, 1.0 + 1.5 * c**-0.1)
    assert (fit.a, fit.b, fit.c) == pytest.approx((1.5, -0.1, 1.0), rel=1e-4)


def test_two_step_forecast_lands_near_the_truth():
    # On the synthetic ladder (2 % NLL noise) the 3,800x extrapolation should land within
    # 0.05 accuracy of the ground truth it was generated from.
    small, older = ds.synthetic_two_step()
    both = np.concatenate
    pred = ds.two_step_prediction(
        small.flops,
        small.nll,
        both([small.nll, older.nll]),
        both([small.accuracy, older.accuracy]),
        3.8e25,
        low=0.25,
    )
    a, k = ds.ILLUSTRATIVE_NLL
    truth = ds.ILLUSTRATIVE_SIGMOID.accuracy(a * 3.8e25**k)
    assert pred.accuracy == pytest.approx(truth, abs=0.05)


def test_bad_input():
    with pytest.raises(ValueError, match="mean_log_pass_rate"):
        ds.fit_pass_rate_law([1.0, 2.0], [0.1, -0.1])
    with pytest.raises(ValueError, match="high must exceed low"):
        ds.SigmoidLink(low=0.5, high=0.4, slope=1.0, midpoint=1.0)
    with pytest.raises(ValueError, match="accuracy"):
        ds.fit_sigmoid([1, 2, 3, 4], [0.1, 0.2, 0.3, 1.5], low=0.0)

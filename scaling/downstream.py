"""From loss to capabilities: the Llama 3 two-step prediction and GPT-4's pass-rate law.

Dubey et al. (2024, §3.2.1) predict a benchmark score in two steps: (1) the negative
log-likelihood (NLL) of the correct answer falls as a power of training compute; (2) accuracy
is a sigmoid of that NLL, fitted with older, larger models too. OpenAI (2023, §3.1) predicted
GPT-4's final loss with L(C) = a·C^b + c and its HumanEval pass rate with
−E_P[log pass_rate(C)] = α·C^(−k). Neither paper prints the fitted constants, so the
``ILLUSTRATIVE_*`` laws and ``synthetic_*`` data here are made up to show the procedure; they
are no published numbers. Chapter 9 (``notebooks/09_beyond_chinchilla``) uses them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import curve_fit, minimize_scalar

from scaling._validation import (
    as_array,
    as_fraction,
    as_positive,
    as_scalar,
    as_seed,
    same_length,
    scalar_or_array,
)
from scaling.powerlaw import PowerLawFit, fit_power_law, multiplicative_noise


@dataclass(frozen=True)
class SigmoidLink:
    """Accuracy as a sigmoid of the task NLL: low + (high − low) / (1 + exp(slope·(nll − mid))).

    ``low`` is the accuracy of guessing (0.25 for four choices), ``high`` the ceiling.

    References
    ----------
    Dubey et al. 2024, §3.2.1 and Fig. 4 (right): a sigmoidal relation between the normalised
    NLL of the correct answer and accuracy. The paper prints the form only as a figure.

    Examples
    --------
    >>> link = SigmoidLink(low=0.25, high=0.95, slope=6.0, midpoint=0.95)
    >>> round(link.accuracy(0.95), 3)
    0.6
    """

    low: float
    high: float
    slope: float
    midpoint: float

    def __post_init__(self):
        as_scalar(self.low, "low", nonnegative=True)
        as_fraction(self.high, "high")
        as_positive(self.slope, "slope")
        as_positive(self.midpoint, "midpoint")
        if self.high <= self.low:
            raise ValueError(f"high must exceed low, got {self.high} <= {self.low}")

    def accuracy(self, nll):
        """Accuracy at task NLL ``nll`` (nats per answer, > 0).

        References
        ----------
        Dubey et al. 2024, §3.2.1.

        Examples
        --------
        >>> round(ILLUSTRATIVE_SIGMOID.accuracy(2.0), 3)
        0.251
        """
        x = as_positive(nll, "nll")
        z = np.clip(self.slope * (x - self.midpoint), -700, 700)
        return scalar_or_array(self.low + (self.high - self.low) / (1 + np.exp(z)))


def fit_sigmoid(nll, accuracy, low: float) -> SigmoidLink:
    """Fit the ceiling, slope and midpoint of a :class:`SigmoidLink` with ``low`` held fixed.

    Parameters
    ----------
    nll, accuracy : array_like
        Task NLL (> 0) and accuracy (in [0, 1]) of the same models, at least 4 of them.
    low : float
        Accuracy of guessing, held fixed.

    Returns
    -------
    SigmoidLink

    References
    ----------
    Dubey et al. 2024, §3.2.1 (step 2 of the two-step prediction).

    Examples
    --------
    >>> x = np.linspace(0.4, 1.6, 9)
    >>> fit = fit_sigmoid(x, ILLUSTRATIVE_SIGMOID.accuracy(x), low=0.25)
    >>> round(fit.slope, 3), round(fit.midpoint, 3)
    (6.0, 0.95)
    """
    x = as_array(nll, "nll", positive=True)
    y = as_array(accuracy, "accuracy", nonnegative=True)
    same_length((x, "nll"), (y, "accuracy"), min_points=4)
    if np.any(y > 1):
        raise ValueError("accuracy must be at most 1")
    lo = as_scalar(low, "low", nonnegative=True)

    def model(t, high, slope, mid):
        return lo + (high - lo) / (1 + np.exp(np.clip(slope * (t - mid), -700, 700)))

    start = (min(1.0, max(y.max(), lo + 1e-3)), 4.0 / np.ptp(x), float(np.median(x)))
    try:
        (high, slope, mid), _ = curve_fit(
            model,
            x,
            y,
            p0=start,
            bounds=([lo + 1e-6, 1e-6, 1e-6], [1.0, np.inf, np.inf]),
            maxfev=20_000,
        )
    except (RuntimeError, ValueError) as err:
        raise ValueError(f"the sigmoid fit did not converge: {err}") from None
    return SigmoidLink(lo, float(high), float(slope), float(mid))


@dataclass(frozen=True)
class TwoStepPrediction:
    """Both fitted steps and the prediction they make at a target budget."""

    nll_law: PowerLawFit
    link: SigmoidLink
    target_flops: float

    @property
    def nll(self) -> float:
        """Step 1: predicted task NLL at the target budget."""
        return float(self.nll_law.predict(self.target_flops))

    @property
    def accuracy(self) -> float:
        """Step 2: predicted accuracy at that NLL."""
        return float(self.link.accuracy(self.nll))


def two_step_prediction(
    flops, nll, link_nll, link_accuracy, target_flops: float, low: float
) -> TwoStepPrediction:
    """Llama 3's two-step forecast of a benchmark score at ``target_flops``.

    Parameters
    ----------
    flops, nll : array_like
        Training compute of the small compute-optimal models and their task NLL (step 1).
    link_nll, link_accuracy : array_like
        NLL and accuracy of every model available, larger older ones included (step 2).
    target_flops : float
        Budget to predict at.
    low : float
        Accuracy of guessing.

    References
    ----------
    Dubey et al. 2024, §3.2.1 and Fig. 4.

    Examples
    --------
    >>> small, older = synthetic_two_step()
    >>> both = np.concatenate
    >>> pred = two_step_prediction(small.flops, small.nll, both([small.nll, older.nll]),
    ...     both([small.accuracy, older.accuracy]), 3.8e25, low=0.25)
    >>> round(pred.accuracy, 2)
    0.88
    """
    law = fit_power_law(flops, nll)
    link = fit_sigmoid(link_nll, link_accuracy, low)
    return TwoStepPrediction(
        law, link, as_scalar(target_flops, "target_flops", positive=True)
    )


@dataclass(frozen=True)
class PassRateLaw:
    """−E_P[log pass_rate(C)] = α·C^(−k), with C the compute relative to a reference run.

    References
    ----------
    OpenAI 2023, §3.1 and Fig. 2 (the form; the fitted α and k are not printed).

    Examples
    --------
    >>> round(ILLUSTRATIVE_PASS_RATE.geometric_mean_pass_rate(1.0), 3)
    0.705
    """

    alpha: float
    k: float

    def __post_init__(self):
        as_positive(self.alpha, "alpha")
        as_positive(self.k, "k")

    def mean_log_pass_rate(self, compute):
        """E_P[log pass_rate(C)] = −α·C^(−k) (nats, ≤ 0).

        References
        ----------
        OpenAI 2023, §3.1.

        Examples
        --------
        >>> round(ILLUSTRATIVE_PASS_RATE.mean_log_pass_rate(1.0), 2)
        -0.35
        """
        c = as_positive(compute, "compute")
        return scalar_or_array(-self.alpha * c ** (-self.k))

    def geometric_mean_pass_rate(self, compute):
        """exp(E_P[log pass_rate]): the geometric mean of the problems' pass rates.

        References
        ----------
        OpenAI 2023, §3.1.

        Examples
        --------
        >>> round(float(ILLUSTRATIVE_PASS_RATE.geometric_mean_pass_rate(1e-3)), 3)
        0.14
        """
        return scalar_or_array(np.exp(np.asarray(self.mean_log_pass_rate(compute))))


def fit_pass_rate_law(compute, mean_log_pass_rate) -> PassRateLaw:
    """Fit α and k by a straight line through log(−E[log pass rate]) against log C.

    References
    ----------
    OpenAI 2023, §3.1 (fitted on models with 1,000× to 10,000× less compute).

    Examples
    --------
    >>> c = np.geomspace(1e-4, 1e-3, 5)
    >>> law = fit_pass_rate_law(c, ILLUSTRATIVE_PASS_RATE.mean_log_pass_rate(c))
    >>> round(law.alpha, 3), round(law.k, 3)
    (0.35, 0.25)
    """
    y = as_array(mean_log_pass_rate, "mean_log_pass_rate")
    if np.any(y >= 0):
        raise ValueError(
            "mean_log_pass_rate must be negative (every pass rate below 1)"
        )
    line = fit_power_law(compute, -y)
    return PassRateLaw(alpha=line.a, k=-line.k)


GPT4_LOSS_COMPUTE_RATIO = 1e4
"""GPT-4's final loss was predicted from models trained the same way with at most 10,000×
less compute (OpenAI 2023, arXiv:2303.08774, §3.1)."""

GPT4_PASS_RATE_COMPUTE_RATIOS = (1e3, 1e4)
"""GPT-4's HumanEval pass rate was predicted from models with 1,000× to 10,000× less compute
(OpenAI 2023, §3.1 and Fig. 2)."""

BAICHUAN2_SMALL_MODELS = 7
"""Number of small models Baichuan 2 trained to fit its loss-compute law (Yang et al. 2023,
arXiv:2309.10305, §2.6)."""

BAICHUAN2_SMALL_PARAMS_RANGE = (10e6, 3e9)
"""Sizes of those small models, 10M to 3B parameters (Yang et al. 2023, §2.6)."""

BAICHUAN2_TABLE10_PARAMS = (
    11.51e6,
    51.56e6,
    108.01e6,
    307.60e6,
    835.00e6,
    1565.60e6,
    3019.33e6,
)
"""Exact parameter counts of those seven models (Yang et al. 2023, Appendix A, Table 10)."""

BAICHUAN2_SMALL_MAX_TOKENS = 1e12
"""The small models were trained on up to 1T tokens (Yang et al. 2023, §2.6)."""

BAICHUAN2_TARGET_PARAMS = (7e9, 13e9)
"""The predicted models, Baichuan 2-7B and 13B (Yang et al. 2023, §2.6)."""

BAICHUAN2_TARGET_TOKENS = 2.6e12
"""Training tokens of the predicted 7B and 13B models, 2.6T (Yang et al. 2023, §2.6)."""

ILLUSTRATIVE_NLL = (12.1, -0.051)
"""Made-up ground truth (a, k) of task NLL = a·C^k for the two-step demonstration: about 1.3
nats at 1e19 FLOPs and 0.6 at 3.8e25. Not from any paper."""

ILLUSTRATIVE_SIGMOID = SigmoidLink(low=0.25, high=0.95, slope=6.0, midpoint=0.95)
"""Made-up ground-truth NLL → accuracy link for a four-choice benchmark. Not from any paper."""

ILLUSTRATIVE_PASS_RATE = PassRateLaw(alpha=0.35, k=0.25)
"""Made-up ground-truth pass-rate law, compute relative to the final run. Not from any paper."""

TWO_STEP_NLL_NOISE = 0.02
"""Relative noise on the synthetic task NLL of :func:`synthetic_two_step`. Made up."""

GPT4_LOSS_NOISE = 0.003
"""Relative noise on the synthetic losses of :func:`synthetic_gpt4`. Made up."""

ILLUSTRATIVE_LOSS = (1.0, 1.5, 0.1)
"""Made-up ground truth (c, a, −b) of L(C) = c + a·C^b, C relative to the final run.
Not from any paper."""


@dataclass(frozen=True)
class Ladder:
    """Synthetic models: training compute, task NLL and benchmark accuracy."""

    flops: np.ndarray
    nll: np.ndarray
    accuracy: np.ndarray


def _ladder(flops, noise, rng_seed, accuracy_noise):
    a, k = ILLUSTRATIVE_NLL
    nll = multiplicative_noise(a * flops**k, noise, seed=rng_seed)
    rng = np.random.default_rng(rng_seed + 1)
    acc = ILLUSTRATIVE_SIGMOID.accuracy(nll) + rng.normal(0, accuracy_noise, nll.size)
    return Ladder(flops, nll, np.clip(acc, 0.0, 1.0))


def synthetic_two_step(seed: int = 0) -> tuple[Ladder, Ladder]:
    """Illustrative data for the two-step method: small runs and older, larger models.

    The small runs span Llama 3's IsoFLOP range, 6e18 to 1e22 FLOPs; the "older" models span
    1e22 to 1e24 FLOPs, standing in for Llama 2. Ground truth: :data:`ILLUSTRATIVE_NLL` and
    :data:`ILLUSTRATIVE_SIGMOID`, with 2 % noise on NLL and 0.01 on accuracy.

    References
    ----------
    Dubey et al. 2024, §3.2.1 (the design only; the numbers are synthetic).

    Examples
    --------
    >>> small, older = synthetic_two_step()
    >>> small.flops.size, older.flops.size
    (8, 4)
    """
    s = as_seed(seed)
    small = _ladder(np.geomspace(6e18, 1e22, 8), TWO_STEP_NLL_NOISE, s, 0.01)
    older = _ladder(np.geomspace(1e22, 1e24, 4), TWO_STEP_NLL_NOISE, s + 100, 0.01)
    return small, older


def synthetic_gpt4(seed: int = 0):
    """Illustrative small runs for GPT-4-style forecasting, compute relative to the final run.

    Returns
    -------
    loss_compute, loss, pass_compute, mean_log_pass_rate : numpy.ndarray
        Eight runs from 1e-6 to 1e-4 of the final compute with their loss (0.3 % noise), and six
        runs from 1e-4 to 1e-3 with their mean log pass rate (3 % noise). Ground truth:
        :data:`ILLUSTRATIVE_LOSS` and :data:`ILLUSTRATIVE_PASS_RATE`.

    References
    ----------
    OpenAI 2023, §3.1 (runs with up to 10,000× less compute; the numbers are synthetic).

    Examples
    --------
    >>> c, loss, pc, lp = synthetic_gpt4()
    >>> c.size, pc.size
    (8, 6)
    """
    s = as_seed(seed)
    e, a, k = ILLUSTRATIVE_LOSS
    compute = np.geomspace(1e-6, 1e-4, 8)
    loss = multiplicative_noise(e + a * compute ** (-k), GPT4_LOSS_NOISE, seed=s)
    pass_compute = np.geomspace(1e-4, 1e-3, 6)
    truth = -np.asarray(ILLUSTRATIVE_PASS_RATE.mean_log_pass_rate(pass_compute))
    mean_log = -multiplicative_noise(truth, 0.03, seed=s + 1)
    return compute, loss, pass_compute, mean_log


@dataclass(frozen=True)
class LossLaw:
    """L(C) = a·C^b + c with b < 0: the form GPT-4's final loss was predicted with.

    References
    ----------
    OpenAI 2023, §3.1 and Fig. 1 (the fitted a, b, c are not printed).

    Examples
    --------
    >>> LossLaw(a=1.5, b=-0.1, c=1.0).loss(1.0)
    2.5
    """

    a: float
    b: float
    c: float

    def loss(self, compute):
        """Predicted loss at compute C (relative to the reference run).

        References
        ----------
        OpenAI 2023, §3.1.

        Examples
        --------
        >>> round(LossLaw(a=1.5, b=-0.1, c=1.0).loss(1e-4), 3)
        4.768
        """
        x = as_positive(compute, "compute")
        return scalar_or_array(self.a * x**self.b + self.c)


def fit_loss_law(compute, loss) -> LossLaw:
    """Fit L(C) = a·C^b + c by least squares on log L, profiling out a and b for each c.

    For a fixed c the law is a straight line in (log C, log(L − c)); the outer search over
    c in [0, min L) is one-dimensional and bounded, so the fit is fast and deterministic.

    Parameters
    ----------
    compute, loss : array_like
        Positive, equal length, at least 4 points.

    References
    ----------
    OpenAI 2023, §3.1 (the form); Henighan et al. 2020 (the same form, L = a·C^b + L_∞).

    Examples
    --------
    >>> c = np.geomspace(1e-6, 1e-4, 8)
    >>> fit = fit_loss_law(c, 1.0 + 1.5 * c**-0.1)
    >>> round(fit.a, 3), round(fit.b, 3), round(fit.c, 3)
    (1.5, -0.1, 1.0)
    """
    x = as_array(compute, "compute", positive=True)
    y = as_array(loss, "loss", positive=True)
    same_length((x, "compute"), (y, "loss"), min_points=4)
    lx, ly = np.log(x), np.log(y)

    def line(c):
        slope, intercept = np.polyfit(lx, np.log(y - c), 1)
        return slope, intercept

    def objective(c):
        slope, intercept = line(c)
        pred = np.log(np.exp(intercept + slope * lx) + c)
        return float(np.sum((pred - ly) ** 2))

    upper = float(y.min()) * (1 - 1e-9)
    best = minimize_scalar(
        objective, bounds=(0.0, upper), method="bounded", options={"xatol": 1e-10}
    )
    c = float(best.x)
    slope, intercept = line(c)
    return LossLaw(a=float(np.exp(intercept)), b=float(slope), c=c)


def loss_forecast_errors(n_seeds: int = 20):
    """Relative error of the extrapolated final loss, L(1) fitted from :func:`synthetic_gpt4`,
    over ``n_seeds`` noise draws: how much a 10,000× extrapolation can miss.

    References
    ----------
    OpenAI 2023, §3.1 (L(C) = a·C^b + c fitted on small runs); the data are synthetic.

    Examples
    --------
    >>> errors = loss_forecast_errors(3)
    >>> errors.shape
    (3,)
    """
    n = as_scalar(n_seeds, "n_seeds", positive=True)
    if n != int(n):
        raise ValueError(f"n_seeds must be a whole number, got {n}")
    e, a, _ = ILLUSTRATIVE_LOSS
    out = []
    for seed in range(int(n)):
        compute, loss, _, _ = synthetic_gpt4(seed)
        out.append(float(fit_loss_law(compute, loss).loss(1.0)) / (e + a) - 1)
    return np.array(out)


__all__ = [
    "ILLUSTRATIVE_LOSS",
    "ILLUSTRATIVE_NLL",
    "ILLUSTRATIVE_PASS_RATE",
    "ILLUSTRATIVE_SIGMOID",
    "Ladder",
    "LossLaw",
    "PassRateLaw",
    "SigmoidLink",
    "TwoStepPrediction",
    "fit_loss_law",
    "fit_pass_rate_law",
    "fit_sigmoid",
    "loss_forecast_errors",
    "synthetic_gpt4",
    "synthetic_two_step",
    "two_step_prediction",
]

"""The ``scaling`` command line: answers against the papers, and every bad input of issue 13.

A few tests run ``python -m scaling`` as a subprocess, as a user would (exit status, stderr, no
traceback, no warning). The rest call :func:`scaling.cli.main` in-process, which is the same
code path without the interpreter start-up.
"""

import json
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scaling.cli import main

LAWS = (
    "Epoch 2024",
    "Approach 1",
    "Approach 2",
    "Kaplan 2020",
    "Approach 3 as printed",
)


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "scaling", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def call(capsys, *args):
    """Run the command in-process: (status, stdout, stderr)."""
    try:
        status = main([str(a) for a in args])
    except SystemExit as exit_:  # only --help exits this way
        status = exit_.code
    out, err = capsys.readouterr()
    return status, out, err


def call_json(capsys, *args):
    status, out, err = call(capsys, "--json", *args)
    assert status == 0, out + err
    document = json.loads(out)
    return document, {r["law"]: r for r in document["results"]}


def chinchilla_eq4_tokens(n, e_a_b_alpha_beta):
    """D_opt for model size N from Hoffmann et al. 2022, Eq. 4, written out independently."""
    _, a_, b_, alpha, beta = e_a_b_alpha_beta
    g = (alpha * a_ / (beta * b_)) ** (1 / (alpha + beta))
    a = beta / (alpha + beta)
    return (n / g) ** (1 / a) / n  # C/6 = (N/G)^(1/a), D = (C/6)/N


PRINTED = (1.69, 406.4, 410.7, 0.34, 0.28)  # Hoffmann et al. 2022, Eq. 10 (printed)
EPOCH = (1.817, 482.01, 2085.43, 0.3478, 0.3658)  # Besiroglu et al. 2024, Table 1
PF_DAY = 8.64e19  # Kaplan et al. 2020, Sec. 1.3: 1 PF-day = 10^15 × 86,400 FLOPs


# --- as a user runs it -----------------------------------------------------------------


def test_help_shows_examples_and_the_headline_law(capsys):
    status, out, _ = call(capsys, "--help")
    assert status == 0
    assert "scaling plan --gpus 100 --gpu A100 --days 30" in out
    for command in ("tokens", "params", "plan", "gain"):
        assert command in out
    assert "Besiroglu et al. 2024" in out


def test_table_leads_with_the_headline_and_uses_human_numbers():
    result = run("tokens", "--params", "10e9")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    rows = [line for line in lines if line.startswith(LAWS)]
    assert [row.split("  ")[0].strip() for row in rows] == list(LAWS)
    # Chinchilla Table 3 (10B: 205.1B tokens) is what the headline and Approaches 1-2 say.
    assert lines[2].startswith("Answer (Epoch 2024): 203B tokens")
    assert (
        "e+" not in result.stdout and "e-0" not in result.stdout
    )  # issue 11: no e-notation
    assert "× 10²²" in rows[0]  # FLOPs written with a real power of ten (scaling.fmt)


@pytest.mark.parametrize(
    ("args", "flag", "must_not"),
    [
        # issue 13: scipy's "f(a) and f(b) must have different signs" leaked here
        (["params", "--tokens", "1"], "--tokens", "f(a)"),
        # issue 13: three to five numpy RuntimeWarnings and "n_tokens" (never typed)
        (["tokens", "--params", "1e300"], "--params", "n_tokens"),
    ],
)
def test_out_of_range_input_is_one_clean_line(args, flag, must_not):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"scaling: error: {flag} must be between")
    assert must_not not in result.stderr
    assert "Traceback" not in result.stderr and "Warning" not in result.stderr


# --- answers against the papers ----------------------------------------------------------


def test_tokens_for_10b_under_every_law(capsys):
    _, laws = call_json(capsys, "tokens", "--params", "10e9")
    # Chinchilla Table 3 (Approach 1): 10B parameters are compute-optimal on 205.1B tokens.
    # Epoch's refit (Besiroglu et al. 2024) agrees; 2 % covers a fit against a table row.
    assert laws["Epoch 2024"]["n_tokens"] == pytest.approx(205.1e9, rel=0.02)
    # The Approach 1 frontier through Table 3's 67B at the Gopher budget with Table 2's rounded
    # a = 0.50 puts 21.3 tokens on each parameter at every size: 214B, 4.3 % above the row.
    assert laws["Approach 1"]["n_tokens"] == pytest.approx(205.1e9, rel=0.05)
    # Chinchilla Table A3 (Approach 2): 10B on 219.5B tokens; our frontier (a = 0.49 through
    # about 63B at the Gopher budget, Table 2 and Fig. 3) is 2 % above it.
    assert laws["Approach 2"]["n_tokens"] == pytest.approx(219.5e9, rel=0.03)
    # Approach 3 with the printed constants (Eq. 10), Eq. 4 worked by hand: about 721B tokens,
    # 72 per parameter, the outlier issue 12 names (Table A3's unrounded fit says 410.1B).
    printed = chinchilla_eq4_tokens(10e9, PRINTED)
    assert printed == pytest.approx(7.21e11, rel=1e-3)
    assert laws["Approach 3 as printed"]["n_tokens"] == pytest.approx(printed, rel=1e-9)
    assert laws["Approach 3 as printed"]["role"] == "caution"
    # Kaplan Table 6, read one way: C_min at which N_opt = 1.3e9 C^0.73 is 10B, then
    # D_opt = 2e10 C^0.27 (C in PF-days).
    c_min = (10e9 / 1.3e9) ** (1 / 0.73)
    assert laws["Kaplan 2020"]["n_tokens"] == pytest.approx(
        2e10 * c_min**0.27, rel=1e-9
    )


def test_params_for_tokens_inverts_table_3(capsys):
    document, laws = call_json(capsys, "params", "--tokens", "205.1e9")
    assert document["headline"] == "Epoch 2024"
    # Chinchilla Table 3: 205.1B tokens go with 10B parameters (3 %: fit against table row).
    assert laws["Epoch 2024"]["n_params"] == pytest.approx(10e9, rel=0.03)
    assert laws["Approach 1"]["n_params"] == pytest.approx(10e9, rel=0.05)
    assert all(
        r["n_tokens"] == pytest.approx(205.1e9, rel=1e-12) for r in laws.values()
    )
    # Kaplan Table 6 inverted: D_opt = 2e10 C^0.27 gives C_min, then N_opt = 1.3e9 C^0.73.
    c_min = (205.1e9 / 2e10) ** (1 / 0.27)
    assert laws["Kaplan 2020"]["n_params"] == pytest.approx(
        1.3e9 * c_min**0.73, rel=1e-9
    )


def test_plan_100_a100s(capsys):
    document, laws = call_json(
        capsys, "plan", "--gpus", "100", "--gpu", "A100", "--days", "30", "--mfu", "0.4"
    )
    # A100 datasheet: 312 TFLOP/s dense BF16; 100 × 312e12 × 0.4 × 30 days × 86,400 s.
    assert document["flops"] == pytest.approx(
        100 * 312e12 * 0.4 * 30 * 86400, rel=1e-12
    )
    for law in ("Epoch 2024", "Approach 1", "Approach 2", "Approach 3 as printed"):
        assert laws[law]["flops"] == pytest.approx(document["flops"], rel=1e-9)
    # Kaplan Table 6 at C_min = C/2 (Eq. 5.5 at the critical batch), in PF-days.
    c_min = document["flops"] / 2 / PF_DAY
    assert laws["Kaplan 2020"]["n_params"] == pytest.approx(
        1.3e9 * c_min**0.73, rel=1e-9
    )
    assert laws["Kaplan 2020"]["n_tokens"] == pytest.approx(
        2e10 * c_min**0.27, rel=1e-9
    )


def test_plan_at_the_gopher_budget(capsys):
    # Choose days so 1,000 A100s at MFU 0.5 deliver Gopher's 5.76e23 FLOPs.
    days = 5.76e23 / (1000 * 312e12 * 0.5 * 86400)
    _, laws = call_json(
        capsys, "plan", "--gpus", "1000", "--days", repr(days), "--mfu", "0.5"
    )
    # Besiroglu et al. 2024 at the Gopher budget: N* ≈ 72B on 1.33T tokens (1 %: rounding).
    assert laws["Epoch 2024"]["n_params"] == pytest.approx(72e9, rel=0.01)
    assert laws["Epoch 2024"]["n_tokens"] == pytest.approx(1.33e12, rel=0.01)
    # Hoffmann et al. 2022: Approach 1 67B on 1.5T (Table 3); Approach 2 about 63B (Fig. 3).
    assert laws["Approach 1"]["n_params"] == pytest.approx(67e9, rel=1e-6)
    assert laws["Approach 1"]["n_tokens"] == pytest.approx(1.5e12, rel=0.05)
    assert laws["Approach 2"]["n_params"] == pytest.approx(63e9, rel=1e-6)
    # Hoffmann et al. 2022, App. D.4: Kaplan's law gives 4.68B at 1e21 FLOPs; N ∝ C^0.73.
    assert laws["Kaplan 2020"]["n_params"] == pytest.approx(
        4.68e9 * 576**0.73, rel=0.01
    )


def test_gain_at_fixed_tokens(capsys):
    document, laws = call_json(
        capsys, "gain", "--from", "10e9", "--to", "100e9", "--tokens", "1e12"
    )
    assert document["n_tokens"] == 1e12
    # At fixed D only A/N^α changes (Hoffmann et al. 2022, Eq. 2). Printed constants (Eq. 10):
    # 406.4 (1e10^-0.34 − 1e11^-0.34); Epoch (Besiroglu et al. 2024, Table 1) likewise.
    for law, (_, a, _, alpha, _) in (
        ("Approach 3 as printed", PRINTED),
        ("Epoch 2024", EPOCH),
    ):
        expected = a * (1e10**-alpha - 1e11**-alpha)
        assert laws[law]["loss_reduction"] == pytest.approx(expected, rel=1e-9)
        assert laws[law]["compute_factor"] == pytest.approx(10, rel=1e-12)
    # Approaches 1 and 2 give a frontier but no loss: null, never NaN.
    assert laws["Approach 1"]["loss_reduction"] is None
    assert laws["Approach 1"]["before"]["loss"] is None


def test_gain_each_on_its_own_data(capsys):
    status, out, _ = call(capsys, "gain", "--from", "10e9", "--to", "100e9")
    assert status == 0
    assert "loss drop" in out and "compute ×" in out
    _, laws = call_json(capsys, "gain", "--from", "10e9", "--to", "100e9")
    epoch = laws["Epoch 2024"]
    # Epoch's frontier: N_opt ∝ C^a with a = β/(α+β) (Hoffmann Eq. 4), so 10× N costs
    # 10^(1/a) × the compute (Besiroglu et al. 2024, Table 1 constants).
    a = EPOCH[4] / (EPOCH[3] + EPOCH[4])
    assert epoch["compute_factor"] == pytest.approx(10 ** (1 / a), rel=1e-9)
    assert epoch["loss_reduction"] > 0


# --- extrapolation beyond the fitted range -----------------------------------------------


def test_inside_the_fitted_range_is_not_flagged(capsys):
    # 1B parameters and Table 3's 20.2B tokens lie inside Chinchilla's 70M–16B, 5B–500B.
    _, laws = call_json(capsys, "tokens", "--params", "1e9")
    assert laws["Epoch 2024"]["extrapolated"] is False
    assert laws["Epoch 2024"]["extrapolation"] == []


def test_extrapolation_is_flagged_with_its_factor(capsys):
    _, laws = call_json(capsys, "tokens", "--params", "1e11")
    (n_flag,) = [
        e for e in laws["Epoch 2024"]["extrapolation"] if e["quantity"] == "n_params"
    ]
    # Hoffmann et al. 2022, abstract: models up to 16B, so 100B is 6.25× beyond the range.
    assert n_flag["fitted_range"] == [70e6, 16e9]
    assert n_flag["side"] == "above"
    assert n_flag["factor"] == pytest.approx(100e9 / 16e9, rel=1e-12)
    # Kaplan et al. 2020, Secs. 1-3: non-embedding sizes up to 1.5B: 100B is 66.7× beyond.
    kaplan = {e["quantity"]: e for e in laws["Kaplan 2020"]["extrapolation"]}
    assert kaplan["n_params"]["factor"] == pytest.approx(100e9 / 1.5e9, rel=1e-12)
    status, out, _ = call(capsys, "tokens", "--params", "1e11")
    assert status == 0
    assert "N 6.25× above" in out and "N 66.7× above" in out
    assert "an extrapolation" in out.splitlines()[2]


# --- bad input: one line, exit 2 ---------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["tokens", "--params", "-1"], "--params must be between"),
        (["tokens", "--params", "-1e9"], "--params must be between"),
        (["tokens", "--params", "0"], "--params must be between"),
        (["tokens", "--params", "ten"], "--params must be a number"),
        (["tokens", "--params", "nan"], "--params must be a number"),
        # issue 13: "n_tokens must be positive, got 0.0"
        (["tokens", "--params", "1e-300"], "--params must be between 1.72 and"),
        # issue 13: an overflow called "must be a positive number"
        (["tokens", "--params", "1e400"], "parameters, got 1e400"),
        # issue 13: a loss of 45,102 nats was printed for 1e-5 parameters
        (["tokens", "--params", "1e-5"], "--params must be between 1.72 and"),
        # issue 13: 1e30 parameters were answered (Kaplan D/N shown as "0.0")
        (["tokens", "--params", "1e30"], "and 1 × 10¹⁵ parameters, got 1e30"),
        (["params", "--tokens", "inf"], "--tokens must be between 8.51M and"),
        (["params", "--tokens", "1e19"], "and 1 × 10¹⁸ tokens"),
        # issue 13: half a GPU was answered
        (["plan", "--gpus", "0.5", "--days", "30"], "--gpus must be a whole number"),
        (["plan", "--gpus", "-5", "--days", "30"], "--gpus must be a whole number"),
        (["plan", "--gpus", "1e300", "--days", "1e300"], "must be between"),
        (["plan", "--gpus", "1", "--days", "1e-30"], "must be between"),
        (["plan", "--gpus", "8", "--days", "0"], "--days must be a positive"),
        (
            ["plan", "--gpus", "100", "--gpu", "V100", "--days", "30"],
            "--gpu must be one",
        ),
        (["plan", "--gpus", "100", "--days", "30", "--mfu", "1.5"], "--mfu must be in"),
        (["gain", "--from", "10e9", "--to", "1e9"], "--to must be larger than --from"),
        (["gain", "--from", "10e9"], "--to"),
        (["tokens"], "--params"),
        ([], "command"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(capsys, args, message):
    status, out, err = call(capsys, *args)
    assert status == 2
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("scaling: error: ")
    assert message in lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["tokens", "--params", "1e400"],
        ["plan", "--gpus", "0.5", "--days", "30"],
        ["tokens", "--params", "ten"],
        [],
    ],
)
def test_json_errors_are_json(capsys, args):
    status, out, err = call(capsys, "--json", *args)
    assert status == 2
    assert err == ""
    document = json.loads(out)
    assert list(document) == ["error"] and document["error"]


# --- any input: exit 0 or 2, one line, never a traceback ---------------------------------

NUMBERS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**400), 10**400).map(str),
    st.sampled_from(["1e-300", "1e400", "-1e400", "0x10", "1_000", "", " ", "1e", "∞"]),
    st.text(max_size=8).filter(lambda s: not s.startswith("-h") and s != "--help"),
)


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(["tokens", "params", "plan", "gain", "bogus"]))
    flags = {
        "tokens": ["--params"],
        "params": ["--tokens"],
        "plan": ["--gpus", "--days", "--mfu", "--gpu"],
        "gain": ["--from", "--to", "--tokens"],
        "bogus": ["--x"],
    }[command]
    argv = [command]
    for flag in draw(st.lists(st.sampled_from(flags), max_size=4)):
        value = draw(
            st.sampled_from(["A100", "h100", "x"]) if flag == "--gpu" else NUMBERS
        )
        argv += [flag, value]
    if draw(st.booleans()):
        argv.insert(0, "--json")
    return argv


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argv=command_lines())
def test_any_command_line_exits_0_or_2_on_one_line(argv):
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    out, err = out.getvalue(), err.getvalue()
    assert status in (0, 2), (argv, out, err)
    if "--json" in argv:
        document = json.loads(out)
        assert ("error" in document) == (status == 2)
        assert err == ""
    elif status == 2:
        assert out == ""
        assert err.count("\n") == 1 and err.startswith("scaling: error: ")
    else:
        assert err == ""
        assert "Answer (Epoch 2024)" in out


# --- the parser: limits in the help, repeated flags, --version ---------------------------


def _subcommands():
    """(name, parser) of every subcommand, found in the parser itself."""
    import argparse

    from scaling.cli import _parser

    (sub,) = [
        a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction)
    ]
    return list(sub.choices.items())


def test_help_states_the_limits_the_parser_enforces(capsys):
    from scaling import fmt, planning

    low_n, high_n = planning.PARAMS_LIMITS
    low_d = planning.TOKENS_LIMITS[0]
    _, out, _ = call(capsys, "tokens", "--help")
    out = " ".join(out.split())
    assert f"from {fmt.count(low_n)} to {fmt.count(high_n, unit='parameters')}" in out
    # Just below the stated floor is refused, the floor itself accepted.
    assert call(capsys, "tokens", "--params", repr(low_n * 0.999))[0] == 2
    assert call(capsys, "tokens", "--params", repr(low_n * 1.001))[0] == 0
    _, out, _ = call(capsys, "params", "--help")
    assert f"from {fmt.count(low_d)}" in " ".join(out.split())
    assert call(capsys, "params", "--tokens", repr(low_d * 0.999))[0] == 2
    assert call(capsys, "params", "--tokens", repr(low_d * 1.001))[0] == 0


def test_every_option_of_every_subcommand_given_twice_is_an_error(capsys):
    checked = 0
    for name, sub in _subcommands():
        for action in sub._actions:
            flags = [f for f in action.option_strings if f.startswith("--")]
            if not flags or action.help == "==SUPPRESS==" or action.nargs == 0:
                continue
            twice = [name, flags[0], "1", flags[0], "2"]
            status, out, err = call(capsys, *twice)
            assert status == 2, (twice, out, err)
            assert f"{flags[0]} was given twice" in err, err
            assert len(err.strip().splitlines()) == 1
            checked += 1
    assert (
        checked >= 8
    )  # --params, --tokens, --gpus, --gpu, --days, --mfu, --from, --to


def test_messages_read_as_sentences(capsys):
    _, _, err = call(capsys, "plan", "--gpus", "nan", "--days", "3")
    assert "--gpus must be a whole number of GPUs, at least 1, got nan" in err
    assert "a number a whole" not in err


def test_version_comes_from_the_package_metadata(capsys):
    import importlib.metadata

    status, out, _ = call(capsys, "--version")
    assert status == 0
    assert out.strip() == f"scaling {importlib.metadata.version('scaling')}"

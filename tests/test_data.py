"""The model table ``data/models.csv`` and its loader ``scaling.data.load_models``."""

from __future__ import annotations

import pytest

from scaling import compute, data


def test_models_table_has_the_documented_columns_and_rows():
    models = data.load_models()
    assert tuple(models.columns) == data.MODEL_COLUMNS
    assert {
        "BERT-base",
        "GPT-3 175B",
        "PaLM 540B",
        "Gopher 280B",
        "Chinchilla 70B",
    } <= set(models["model"])
    assert models["model"].is_unique


def test_published_flops_match_6nd_where_the_paper_counted_that_way():
    # Brown et al. 2020, Table D.1 and Chowdhery et al. 2022, Table 21 count exactly 6ND, so the
    # rows must agree with it up to the 3-figure rounding of the printed values (0.5 %).
    models = data.load_models().set_index("model")
    for name in ("BERT-base", "GPT-3 175B", "PaLM 540B"):
        row = models.loc[name]
        assert compute.training_flops(row.n_params, row.n_tokens) == pytest.approx(
            row.published_flops, rel=5e-3
        )


def test_every_row_names_its_source():
    models = data.load_models()
    assert models["source"].str.contains(r"\d{4}").all()


def test_wrong_columns_are_rejected(tmp_path):
    bad = tmp_path / "models.csv"
    bad.write_text("model,n_params\nX,1e9\n")
    with pytest.raises(ValueError, match="columns"):
        data.load_models(bad)


def test_non_positive_sizes_are_rejected(tmp_path):
    bad = tmp_path / "models.csv"
    bad.write_text(",".join(data.MODEL_COLUMNS) + "\nX,Org,2020,-1e9,1e10,6e19,paper\n")
    with pytest.raises(ValueError, match="n_params"):
        data.load_models(bad)


def test_missing_published_flops_are_allowed_but_not_zero(tmp_path):
    ok = tmp_path / "ok.csv"
    ok.write_text(",".join(data.MODEL_COLUMNS) + "\nX,Org,2020,1e9,1e10,,paper\n")
    assert data.load_models(ok)["published_flops"].isna().all()
    bad = tmp_path / "bad.csv"
    bad.write_text(",".join(data.MODEL_COLUMNS) + "\nX,Org,2020,1e9,1e10,0,paper\n")
    with pytest.raises(ValueError, match="published_flops"):
        data.load_models(bad)

"""Pearce & Song's reconciliation of Kaplan and Chinchilla (``scaling.reconcile``)."""

from __future__ import annotations

import numpy as np
import pytest

from scaling import reconcile
from scaling.chinchilla import EPOCH_2024, HOFFMANN_2022


@pytest.mark.parametrize(
    ("law", "expected"), [(HOFFMANN_2022, 0.74), (EPOCH_2024, 0.78)]
)
def test_local_exponent_matches_pearce_song(law, expected):
    # Pearce & Song 2024, Sec. 4: local exponent of N*_\E against C_\E over Kaplan's model range,
    # 0.74 (Chinchilla coefficients) and 0.78 (Epoch's). Their exact budget grid and fitting range
    # are not printed; moving the range ends by a factor of 2 moves the slope by about 0.01.
    # Tolerance 0.02.
    assert reconcile.local_exponent(law) == pytest.approx(expected, abs=0.02)


def test_embeddings_vanish_for_large_models():
    # Pearce & Song 2024, Sec. 4: the bias comes from embeddings, a large share of small models only.
    n_e = reconcile.nonembedding_optimum(EPOCH_2024, np.geomspace(1e14, 1e16, 5))
    assert np.all(reconcile.total_params(n_e) > 1.5 * n_e)
    # For large models they are negligible: N*_E approaches Eq. 4's N_opt (Hoffmann et al. 2022).
    big = 1e26
    assert reconcile.nonembedding_optimum(EPOCH_2024, big) == pytest.approx(
        EPOCH_2024.optimal(big)[0], rel=0.01
    )


def test_bad_input_raises():
    with pytest.raises(ValueError, match="n_nonembedding"):
        reconcile.total_params(-1)
    with pytest.raises(ValueError, match="flops_nonembedding"):
        reconcile.nonembedding_optimum(EPOCH_2024, np.nan)
    with pytest.raises(ValueError, match="size_range"):
        reconcile.local_exponent(EPOCH_2024, size_range=(1e20, 2e20))

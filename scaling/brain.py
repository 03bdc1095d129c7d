"""The human brain's measured scale, which the source blog sets against scaling laws.

Chapter 7 (``notebooks/07_critiques``) grades the blog's "100 billion neurons and a quadrillion
synapses on 20 watts" against the counts neuroscience has published.
"""

NEURONS = 86.1e9
"""Neurons (NeuN-positive cells) in the adult male human brain, 86.1 ± 8.1 billion by
isotropic fractionation (Azevedo et al. 2009, J. Comp. Neurol. 513, 532–541, abstract)."""

NEURONS_SD = 8.1e9
"""Standard deviation of that count over the brains measured (Azevedo et al. 2009)."""

NEOCORTEX_SYNAPSES = 0.15e15
"""Synapses in the human neocortex alone, approximately 0.15 × 10¹⁵ by stereology (Pakkenberg
et al. 2003, Exp. Gerontol. 38, 95–99, abstract)."""

ENERGY_SHARE = 0.20
"""The brain's share of the oxygen, and hence the calories, the body consumes: about 20 % for
about 2 % of its weight (Raichle & Gusnard 2002, PNAS 99, 10237–10239, first paragraph)."""

__all__ = ["ENERGY_SHARE", "NEOCORTEX_SYNAPSES", "NEURONS", "NEURONS_SD"]

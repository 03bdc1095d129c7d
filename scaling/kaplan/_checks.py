"""Argument checks shared by the Kaplan modules."""

from __future__ import annotations

from scaling._validation import as_scalar


def _check_kind(obj, cls, name):
    """``TypeError`` naming the argument when ``obj`` is not a ``cls`` (e.g. constants=None)."""
    if not isinstance(obj, cls):
        raise TypeError(
            f"{name} must be a scaling.kaplan.{cls.__name__}, got {type(obj).__name__}"
        )


def _check_positive_fields(obj, fields):
    for field in fields:
        as_scalar(getattr(obj, field), field, positive=True)

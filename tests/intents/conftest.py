"""Shared fixtures of the intents tests."""

from __future__ import annotations

import pytest

from intents import Classifier, load_classifier


@pytest.fixture(scope="module")
def classifier() -> Classifier:
    """The process's classifier (from the model cache, or trained once)."""
    return load_classifier()

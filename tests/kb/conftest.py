"""The knowledge base is read-only: load it once per test session."""

from __future__ import annotations

import pytest

from kb import KnowledgeBase, load_knowledge_base


@pytest.fixture(scope="session")
def knowledge() -> KnowledgeBase:
    return load_knowledge_base()

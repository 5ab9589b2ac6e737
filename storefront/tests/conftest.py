"""Storefront fixtures: a small category tree and the product attributes of the domain."""

from __future__ import annotations

from pathlib import Path

import pytest

from storefront.tests.scenarios import Attributes, CategoryTree, make_attributes, make_tree


@pytest.fixture
def tree(db) -> CategoryTree:  # type: ignore[no-untyped-def]
    return make_tree()


@pytest.fixture
def attributes(db) -> Attributes:  # type: ignore[no-untyped-def]
    return make_attributes()


@pytest.fixture
def evidence_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    """Verification documents uploaded by tag tests go to a private folder per test."""
    root = tmp_path / "private-evidence"
    settings.VERIFICATION_EVIDENCE_ROOT = root
    return root

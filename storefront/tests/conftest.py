"""Storefront fixtures: a small category tree and the product attributes of the domain."""

from __future__ import annotations

import pytest

from storefront.tests.scenarios import Attributes, CategoryTree, make_attributes, make_tree
from storefront.tests.tag_scenarios import evidence_root  # noqa: F401 (a fixture)


@pytest.fixture
def tree(db) -> CategoryTree:  # type: ignore[no-untyped-def]
    return make_tree()


@pytest.fixture
def attributes(db) -> Attributes:  # type: ignore[no-untyped-def]
    return make_attributes()

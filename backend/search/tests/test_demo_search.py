"""The demo search index loads after `load_demo()`; a second load gives the same index."""

from __future__ import annotations

import pytest
from django.utils import translation

from backend.demo.loading.search import load_demo_search
from backend.demo.tests.conftest import demo_media_root, loaded_demo  # noqa: F401 (fixtures)
from backend.search.interface import SearchQuery, search_products
from backend.search.models import SearchDocument

pytestmark = pytest.mark.usefixtures("loaded_demo")


def test_load_demo_search_twice_indexes_the_demo_once(db: None) -> None:
    # when
    first = load_demo_search()
    second = load_demo_search()
    # then
    assert first == second == SearchDocument.objects.count()
    assert first > 50
    with translation.override("en"):
        dangshen = search_products(SearchQuery(text="dangshen"))
        zone = search_products(SearchQuery(zone_only=True))
    assert dangshen.total >= 3
    assert zone.total > 0
    assert search_products(SearchQuery(text="hetoa")).total > 0

"""The PostgreSQL backend ranks in two phases: bounds for every matching row, exact points only
for the rows that can reach the page. Paging one hit at a time (a small first-k bound) must
give exactly the order and the explanations of one page holding every hit (no bound at all)."""

from __future__ import annotations

import pytest

from backend.catalog.models import Product
from backend.search.indexing import index_products
from backend.search.interface import SORTS, SearchQuery, search_products
from backend.search.tests.conftest import Catalogue, make_product


@pytest.mark.parametrize("text", ["党参", "渭源 党参", "dangshen", "ds", "", "hetoa"])
@pytest.mark.parametrize("sort", SORTS)
def test_two_phase_ranking_pages_one_by_one_match_one_full_page(
    catalogue: Catalogue, text: str, sort: str
) -> None:
    # given a second description-only match and a same-price product, so bounds and ties bite
    make_product(
        catalogue.plain, catalogue.herbs, "当归片", catalogue.channel, "49.90", description="党参"
    )
    index_products(Product.objects.values_list("pk", flat=True))
    full = search_products(SearchQuery(text=text, sort=sort, limit=100, with_facets=False))
    # when
    paged = [
        search_products(SearchQuery(text=text, sort=sort, offset=i, limit=1, with_facets=False))
        for i in range(full.total)
    ]
    # then
    assert full.total >= 1
    assert [p.hits[0].product_id for p in paged] == [h.product_id for h in full.hits]
    assert [p.hits[0].explanation for p in paged] == [h.explanation for h in full.hits]

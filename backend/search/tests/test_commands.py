from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from backend.search.interface import SearchQuery, search_products
from backend.search.models import SearchDocument
from backend.search.tests.conftest import Catalogue


def test_search_reindex_rebuilds_every_document(catalogue: Catalogue) -> None:
    # given an index that lost its rows
    SearchDocument.objects.all().delete()
    out, err = StringIO(), StringIO()
    # when
    call_command("search_reindex", batch_size=2, stdout=out, stderr=err)
    # then
    assert "5 documents from 5 products." in out.getvalue()
    assert "5/5" in err.getvalue()
    assert search_products(SearchQuery(text="hetao")).total == 1


def test_search_reindex_cluster_keeps_every_document_findable(catalogue: Catalogue) -> None:
    # given
    before = search_products(SearchQuery(text="党参"))
    # when the rows are rewritten in category and name order
    call_command("search_reindex", cluster=True, stdout=StringIO(), stderr=StringIO())
    # then the same hits in the same order
    after = search_products(SearchQuery(text="党参"))
    assert [h.product_id for h in after.hits] == [h.product_id for h in before.hits]
    assert after.facets == before.facets

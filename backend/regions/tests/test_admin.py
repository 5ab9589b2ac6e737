from __future__ import annotations

import time
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from backend.regions.models import Region

pytestmark = pytest.mark.django_db

AUTOCOMPLETE = reverse("admin:autocomplete")
REGIONS = reverse("admin:regions_region_changelist")


def _autocomplete(client: Any, term: str) -> Any:
    return client.get(
        AUTOCOMPLETE,
        {"app_label": "producers", "model_name": "producer", "field_name": "region", "term": term},
    )


def test_region_autocomplete_finds_a_county_by_name_quickly(admin_client):
    # given
    assert Region.objects.count() > 3000
    _autocomplete(admin_client, "渭源")  # warm the session
    started = time.perf_counter()
    # when
    with CaptureQueriesContext(connection) as queries:
        response = _autocomplete(admin_client, "渭源")
    # then
    elapsed = time.perf_counter() - started
    texts = [result["text"] for result in response.json()["results"]]
    assert any("渭源县" in text for text in texts)
    assert len(queries) <= 6, "\n".join(q["sql"] for q in queries)
    assert elapsed < 1.0


def test_region_autocomplete_by_code_prefix_and_by_several_words(admin_client):
    # given
    weiyuan = Region.objects.get(code="621123")
    # when
    by_code = _autocomplete(admin_client, "621123").json()["results"]
    by_words = _autocomplete(admin_client, "定西 渭源").json()["results"]
    # then
    assert [r["id"] for r in by_code] == [str(weiyuan.pk)]
    assert str(weiyuan.pk) in {r["id"] for r in by_words}


def test_region_changelist_filters_by_level_and_province(admin_client):
    # given
    weiyuan = Region.objects.get(code="621123")
    # when
    response = admin_client.get(
        REGIONS, {"level__exact": "3", "province": weiyuan.province_code, "q": "渭源"}
    )
    # then
    assert [region.code for region in response.context["cl"].result_list] == ["621123"]

"""`batch(code)`: the public batch page as data — origin, certificates, sales by province —
never personal data; offline and unknown codes are null; a fixed number of queries."""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.producers.tests.factories import make_certificate
from backend.sellers.tests.scenarios import build_people
from backend.traceability.allocation import assign_batches_oldest_first
from backend.traceability.batches import withdraw_batch
from backend.traceability.certificates import add_batch_certificate
from backend.traceability.tests.scenarios import PDF_BYTES, new_batch, paid_order

pytestmark = pytest.mark.django_db

BATCH = """
query($code: String!) {
  batch(code: $code) {
    code url productName productSlug variantName dateKind madeOn grade quantity notes
    origin { name } originPath
    producer { name slug }
    qualityDocuments { kind kindLabel issuedBy url }
    salesByProvince { province orders units }
    unitsSold
  }
}
"""


@pytest.fixture(autouse=True)
def trace_settings(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TRACE_CERTIFICATE_ROOT = tmp_path / "certificates"
    settings.TRACE_PUBLIC_BASE_URL = "https://sunshine.example"


def _sold_batch(channel, buyers: int):  # type: ignore[no-untyped-def]
    people = build_people()
    shop = people.shop
    shop.disability_certificate_number = make_certificate(9)
    shop.save(update_fields=["disability_certificate_number"])
    variant = listed_variant(channel, producer=shop, stock=100)
    batch = new_batch(shop, variant, quantity=30)
    courier = make_courier()
    for index in range(buyers):
        user = UserFactory.create(name=f"秘密买家{index}")
        county = ("110105", "440305")[index % 2]
        order = paid_order(channel, courier, [(variant, 1)], county_code=county, user=user)
        assign_batches_oldest_first(order.sub_orders.get(), actor=None)
    add_batch_certificate(
        batch,
        upload=SimpleUploadedFile("r.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="test_report",
        issued_by="县检测站",
        no_personal_data_confirmed=True,
        actor=None,
    )
    return people, batch


def test_batch_query_returns_the_public_page_as_data(gql, channel) -> None:
    # given
    people, batch = _sold_batch(channel, buyers=3)
    # when
    response = gql(BATCH, {"code": batch.code.lower()})
    # then
    assert response.errors is None, response
    found = response.data["batch"]
    assert found["code"] == batch.code
    assert found["url"] == f"https://sunshine.example/trace/{batch.code}/"
    assert found["originPath"] == ["本庙村", "会川镇", "渭源县", "定西市", "甘肃省"]
    assert found["origin"] == {"name": "本庙村"}
    assert found["producer"]["slug"] == people.shop.slug
    assert found["dateKind"] == "HARVEST"
    assert found["madeOn"] == "2026-09-01"
    assert found["qualityDocuments"][0]["kind"] == "test_report"
    assert found["qualityDocuments"][0]["issuedBy"] == "县检测站"
    assert found["qualityDocuments"][0]["url"].startswith(
        f"https://sunshine.example/trace/{batch.code}/certificates/"
    )
    assert found["salesByProvince"] == [
        {"province": "北京市", "orders": 2, "units": 2},
        {"province": "广东省", "orders": 1, "units": 1},
    ]
    assert found["unitsSold"] == 3
    body = json.dumps(response.body, ensure_ascii=False)
    for secret in (
        "秘密买家",
        "张小花",
        "139 1234 5678",
        "幸福路",
        people.shop.disability_certificate_number,
    ):
        assert secret not in body


def test_batch_query_offline_or_unknown_is_null(gql, channel) -> None:
    people, batch = _sold_batch(channel, buyers=1)
    withdraw_batch(people.shop, batch.pk, actor=people.user("owner"))
    for code in (batch.code, "NOSUCHCODE"):
        response = gql(BATCH, {"code": code})
        assert response.errors is None, response
        assert response.data["batch"] is None


@pytest.mark.parametrize("buyers", [1, 4])
def test_batch_query_costs_the_same_queries_for_1_and_n_provinces(
    gql, channel, count_queries, buyers
) -> None:
    # given
    _people, batch = _sold_batch(channel, buyers=buyers)
    # when / then: batch, certificates, sales, origin region, producer
    with count_queries(5):
        response = gql(BATCH, {"code": batch.code})
    assert response.errors is None, response

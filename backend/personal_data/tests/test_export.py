from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.audit.models import AuditEvent, AuditEventType
from backend.personal_data.errors import NotYourData
from backend.personal_data.export import collect_personal_data, export_personal_data
from backend.personal_data.tests.scenarios import (
    Marketplace,
    finish_order,
    place_order,
)
from backend.producers.identity import mask_identity
from backend.sellers.models import HelperGrant, HelperKind, HelperScope

pytestmark = pytest.mark.django_db


def _queries(user) -> int:  # type: ignore[no-untyped-def]
    with CaptureQueriesContext(connection) as captured:
        collect_personal_data(user)
    return len(captured.captured_queries)


def test_export_personal_data_buyer_file_holds_account_orders_lines_and_reviews(
    market: Marketplace,
) -> None:
    # when
    exported = export_personal_data(market.buyer, actor=market.buyer)

    # then
    assert exported.filename.startswith("sunshine-market-my-data-")
    data = json.loads(exported.content)
    sections = data["sections"]
    assert sections["account"]["email"] == "wang.buyer@example.test"
    assert sections["account"]["mobile"] == "13900002222"
    (order,) = sections["orders"]
    assert order["number"] == market.order.pk
    assert order["recipient"] == market.order.recipient_name
    assert order["lines"][0]["quantity"] == 2
    assert order["lines"][0]["shop"] == "小李的党参店"
    assert order["payments"][0]["state"] == "charged"
    assert sections["reviews"][0]["text"] == "党参很好"


def test_export_personal_data_shop_owner_sees_masked_numbers_and_evidence_list(
    market: Marketplace,
) -> None:
    # given
    number = market.shop.disability_certificate_number

    # when
    data = json.loads(export_personal_data(market.seller, actor=market.seller).content)

    # then
    (shop,) = data["sections"]["shops"]
    assert shop["disability_certificate_number_masked"] == mask_identity(number)
    assert number not in json.dumps(data, ensure_ascii=False)
    (application,) = shop["verification_applications"]
    assert application["evidence"][0]["document"] == "disability_certificate"
    assert "file" not in application["evidence"][0]
    actions = data["sections"]["your_actions"]
    assert {a["event_type"] for a in actions} >= {2001, 2002}  # started, evidence added


def test_export_personal_data_lists_helper_grants(market: Marketplace) -> None:
    # given
    HelperGrant.objects.create(
        seller=market.shop, helper=market.buyer, kind=HelperKind.FAMILY_MEMBER, scope="orders"
    )

    # when
    data = collect_personal_data(market.buyer)

    # then
    assert data["sections"]["helping_shops"][0]["shop"] == "小李的党参店"
    assert data["sections"]["helping_shops"][0]["may_work_on"] == HelperScope.ORDERS


def test_export_personal_data_is_audited_without_the_data(market: Marketplace) -> None:
    # when
    export_personal_data(market.buyer, actor=market.buyer)

    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.PERSONAL_DATA_EXPORTED)
    assert (event.actor_id, event.subject_id) == (market.buyer.pk, str(market.buyer.pk))
    assert event.extra_data["rows"]["orders"] == 1
    assert "wang" not in json.dumps(event.extra_data)


def test_export_personal_data_of_someone_else_is_refused(market: Marketplace) -> None:
    with pytest.raises(NotYourData):
        export_personal_data(market.buyer, actor=market.seller)


def test_collect_personal_data_costs_the_same_queries_for_one_and_many_orders(
    market: Marketplace,
) -> None:
    # given
    one = _queries(market.buyer)
    for _ in range(3):
        finish_order(place_order(market.channel, market.courier, market.buyer, market.shop))
    HelperGrant.objects.create(
        seller=market.shop, helper=market.seller, kind=HelperKind.MENTOR, scope="all"
    )

    # when
    many = _queries(market.buyer)

    # then
    assert len(collect_personal_data(market.buyer)["sections"]["orders"]) == 4
    assert many == one

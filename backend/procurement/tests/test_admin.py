"""Operators add floor and market prices in the admin through the services (audit rows); no one
edits or deletes them, and contracts are read-only there."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.audit.models import AuditEvent
from backend.checkout.tests.scenarios import new_user
from backend.procurement.events import ProcurementEventType
from backend.procurement.models import FloorPrice
from backend.procurement.tests.scenarios import contracted_variant, draft

pytestmark = pytest.mark.django_db


def test_operator_adds_floor_price_in_admin_with_audit_row(client, channel, seller):
    # given
    operator = new_user(email="operator@platform.test", is_staff=True, is_superuser=True)
    variant = contracted_variant(channel, seller[0])
    client.force_login(operator)

    # when
    response = client.post(
        "/admin/procurement/floorprice/add/",
        {
            "product": variant.product_id,
            "grade": "一级",
            "region": "",
            "valid_from": "2026-01-01",
            "valid_until": "2026-12-31",
            "amount_per_kg": "10.00",
            "reason": "县保护价通知",
        },
    )

    # then
    assert response.status_code == 302
    floor = FloorPrice.objects.get()
    assert (floor.amount_per_kg, floor.set_by) == (Decimal("10.00"), operator)
    row = AuditEvent.objects.get(event_type=ProcurementEventType.FLOOR_PRICE_SET)
    assert row.actor == operator
    assert row.extra_data["new"]["amount_per_kg"] == "10.00"
    assert client.get(f"/admin/procurement/floorprice/{floor.pk}/delete/").status_code == 403


def test_contract_admin_is_read_only(client, channel, side, seller):
    # given
    operator = new_user(email="operator2@platform.test", is_staff=True, is_superuser=True)
    contract = draft(side, seller[0], contracted_variant(channel, seller[0]))
    client.force_login(operator)

    # when
    page = client.get(f"/admin/procurement/contract/{contract.pk}/change/")
    add = client.get("/admin/procurement/contract/add/")

    # then
    assert page.status_code == 200
    assert contract.number in page.content.decode()
    assert add.status_code == 403

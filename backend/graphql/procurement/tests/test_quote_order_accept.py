"""`procurementOrderAccept` on a quote order (a delivery with no contract): the payload returns
the checked order with its amount due (and `contract: null`); the enterprise roles and tenant
scoping are those of contract deliveries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from graphql_relay import to_global_id

from backend.audit.models import AuditEvent
from backend.procurement.models import ProcurementOrder
from backend.procurement.tests.scenarios import ship
from enterprise_portal.tests.quote_scenarios import Offer, QuoteOrder, answered_request

pytestmark = pytest.mark.django_db

ACCEPT = """
mutation($id: ID!, $lines: [ProcurementOrderAcceptLineInput!]) {
  procurementOrderAccept(id: $id, lines: $lines) {
    contract { id }
    procurementOrder {
      id number status total { amount } amountDue { amount fractionalAmount currency }
      lines { id quantity quantityAccepted rejectionReason unitPrice { amount } }
    }
    errors { field code }
  }
}"""


@pytest.fixture
def ordered(channel, side, django_capture_on_commit_callbacks) -> QuoteOrder:  # type: ignore[no-untyped-def]
    _request, (order,) = answered_request(
        channel, side, [Offer()], on_commit=django_capture_on_commit_callbacks
    )
    assert order.delivery is not None
    return order


def variables(order: QuoteOrder, accepted: int | None = None, reason: str = "") -> dict:  # type: ignore[type-arg]
    assert order.delivery is not None
    lines = []
    if accepted is not None:
        line = order.delivery.lines.get()
        lines.append(
            {
                "line": to_global_id("ProcurementOrderLine", line.pk),
                "quantityAccepted": accepted,
                "rejectionReason": reason,
            }
        )
    return {"id": to_global_id("ProcurementOrder", order.delivery.pk), "lines": lines}


def test_procurement_order_accept_quote_order_returns_the_checked_order(gql, client, side, ordered):
    # given the producer shipped the 80 bags quoted at 6.00
    ship(ordered.delivery, ordered.supplier.owner)
    client.force_login(side.buyer)

    # when the buyer keeps 75
    result = gql(ACCEPT, variables(ordered, 75, "五袋破损")).data["procurementOrderAccept"]

    # then
    assert result["errors"] == []
    assert result["contract"] is None
    order = result["procurementOrder"]
    assert order["id"] == to_global_id("ProcurementOrder", ordered.delivery.pk)
    assert (order["number"], order["status"]) == (ordered.delivery.number, "partially_accepted")
    assert order["total"]["amount"] == 480.0
    assert order["amountDue"] == {"amount": 450.0, "fractionalAmount": 45000, "currency": "CNY"}
    assert [
        (line["quantity"], line["quantityAccepted"], line["rejectionReason"])
        for line in order["lines"]
    ] == [(80, 75, "五袋破损")]
    delivery = ProcurementOrder.objects.get(pk=ordered.delivery.pk)
    assert delivery.accepted_amount == Decimal("450.00")


def test_procurement_order_accept_quote_order_not_shipped_is_an_error(gql, client, side, ordered):
    # given nothing shipped yet
    client.force_login(side.buyer)

    # when
    result = gql(ACCEPT, variables(ordered)).data["procurementOrderAccept"]

    # then
    assert [e["code"] for e in result["errors"]] == ["NOT_SHIPPED"]
    assert result["procurementOrder"] is None
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"


@pytest.mark.parametrize(
    ("who", "code"),
    [
        ("other admin", "NOT_FOUND"),
        ("other buyer", "NOT_FOUND"),
        ("approver", "NOT_ALLOWED"),
        ("finance", "NOT_ALLOWED"),
        ("producer owner", "NOT_ALLOWED"),
    ],
)
def test_procurement_order_accept_quote_order_by_wrong_party_changes_nothing(
    gql, client, side, other_side, ordered, who, code
):
    # given
    ship(ordered.delivery, ordered.supplier.owner)
    user = {
        "other admin": other_side.admin,
        "other buyer": other_side.buyer,
        "approver": side.approver,
        "finance": side.finance,
        "producer owner": ordered.supplier.owner,
    }[who]
    client.force_login(user)
    audit_rows = AuditEvent.objects.count()

    # when
    result = gql(ACCEPT, variables(ordered)).data["procurementOrderAccept"]

    # then
    assert [e["code"] for e in result["errors"]] == [code]
    assert result["procurementOrder"] is None
    assert AuditEvent.objects.count() == audit_rows
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"


def test_procurement_order_accept_missing_id_is_not_found(gql, client, side, ordered):
    # given
    client.force_login(side.buyer)
    missing = {"id": to_global_id("ProcurementOrder", ordered.delivery.pk + 1000), "lines": []}

    # when
    result = gql(ACCEPT, missing).data["procurementOrderAccept"]

    # then
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]


def test_procurement_order_accept_quote_order_signed_out_is_refused(gql, ordered):
    # given / when
    result = gql(ACCEPT, variables(ordered))

    # then
    assert result.data["procurementOrderAccept"] is None
    assert "authenticated" in result.errors[0]["message"]
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"

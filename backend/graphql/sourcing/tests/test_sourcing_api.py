"""GraphQL requests and quotes: a request posted, answered by three producers and accepted from
two (errors as data with codes); tenant scope — another enterprise and uninvited producers get
null / NOT_FOUND like a missing id, a producer sees only its own quotes; the list costs the
same queries for 1 and N requests."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from backend.enterprises.models import EnterpriseStatus
from backend.graphql.core.ids import to_global_id
from backend.sourcing.models import PurchaseRequest
from backend.sourcing.quotes import submit_quote
from backend.sourcing.tests.scenarios import floor, posted_request, quote_draft, supplier

pytestmark = pytest.mark.django_db

CREATE = """
mutation($input: PurchaseRequestCreateInput!) {
  purchaseRequestCreate(input: $input) {
    purchaseRequest { id productName quantity unit status }
    errors { field code message }
  }
}"""
QUOTE = """
mutation($input: QuoteCreateInput!) {
  quoteCreate(input: $input) {
    quote { id units fillQuantity unitPrice { amount } status }
    errors { field code message floorPerKg }
  }
}"""
ACCEPT = """
mutation($id: ID!, $units: Int) {
  quoteAccept(id: $id, units: $units) {
    quote { status unitsAccepted }
    purchaseRequest { status acceptedQuantity }
    errors { field code remaining }
  }
}"""
REQUEST = """
query($id: ID!) { purchaseRequest(id: $id) { id productName quotes { producerName units } } }
"""
LIST = "{ purchaseRequests(first: 50) { id quotes { id producerName unitPrice { amount } } } }"


def _gid(kind: str, pk: int) -> str:
    return to_global_id(kind, pk)


def _quote_input(request, s, units: int, price: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    return {
        "request": _gid("PurchaseRequest", request.pk),
        "producer": _gid("Producer", s.producer.pk),
        "variant": _gid("ProductVariant", s.variant.pk),
        "units": units,
        "unitPrice": price,
        "availableOn": (timezone.localdate() + datetime.timedelta(days=10)).isoformat(),
    }


def test_request_three_quotes_accepted_from_two(
    client, gql, channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given three producers in 甘肃 with a floor of 10.00/kg
    suppliers = [supplier(channel, t) for t in ("a", "b", "c")]
    for s in suppliers:
        floor(s.variant)
    client.force_login(side.buyer)
    # when the buyer posts 90 kg
    with django_capture_on_commit_callbacks(execute=True):
        created = gql(
            CREATE,
            {
                "input": {
                    "enterprise": _gid("Enterprise", side.enterprise.pk),
                    "productName": "党参",
                    "quantity": "90",
                    "unit": "kg",
                    "regionCode": "62",
                    "deadline": (timezone.localdate() + datetime.timedelta(days=5)).isoformat(),
                    "deliverySite": _gid("DeliverySite", side.site.pk),
                }
            },
        ).data["purchaseRequestCreate"]
    request = PurchaseRequest.objects.get()
    quote_ids = []
    for s, (units, price) in zip(
        suppliers, [(80, "6.00"), (120, "6.50"), (100, "7.00")], strict=True
    ):
        client.force_login(s.owner)
        payload = gql(QUOTE, {"input": _quote_input(request, s, units, price)}).data["quoteCreate"]
        quote_ids.append(payload["quote"]["id"])
    client.force_login(side.approver)
    first = gql(ACCEPT, {"id": quote_ids[0]}).data["quoteAccept"]
    too_many = gql(ACCEPT, {"id": quote_ids[1]}).data["quoteAccept"]
    second = gql(ACCEPT, {"id": quote_ids[1], "units": 100}).data["quoteAccept"]
    # then
    assert created["errors"] == []
    assert created["purchaseRequest"]["quantity"] == "90"
    assert first["errors"] == []
    assert too_many["errors"] == [{"field": "units", "code": "OVER_REQUESTED", "remaining": "50"}]
    assert second["quote"] == {"status": "accepted", "unitsAccepted": 100}
    assert second["purchaseRequest"] == {"status": "filled", "acceptedQuantity": "90"}


def test_quote_create_below_floor_error_with_floor(
    client, gql, channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given
    s = supplier(channel, "a")
    floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    client.force_login(s.owner)
    # when
    payload = gql(QUOTE, {"input": _quote_input(request, s, 10, "4.99")}).data["quoteCreate"]
    # then
    assert payload["quote"] is None
    assert payload["errors"][0]["code"] == "BELOW_FLOOR"
    assert payload["errors"][0]["field"] == "unitPrice"
    assert payload["errors"][0]["floorPerKg"] == "10.00"


def test_purchase_request_create_unverified_enterprise_not_verified(client, gql, side):  # type: ignore[no-untyped-def]
    # given
    side.enterprise.status = EnterpriseStatus.PENDING
    side.enterprise.save(update_fields=["status"])
    client.force_login(side.buyer)
    # when
    payload = gql(
        CREATE,
        {
            "input": {
                "enterprise": _gid("Enterprise", side.enterprise.pk),
                "productName": "小米",
                "quantity": "10",
                "unit": "kg",
                "deadline": timezone.localdate().isoformat(),
                "deliverySite": _gid("DeliverySite", side.site.pk),
            }
        },
    ).data["purchaseRequestCreate"]
    # then
    assert payload["errors"][0]["code"] == "NOT_VERIFIED"
    assert not PurchaseRequest.objects.exists()


def test_other_enterprise_and_missing_same_not_found(
    client, gql, channel, side, other_side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given A's request with a quote
    s = supplier(channel, "a")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    quote = submit_quote(request, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    client.force_login(other_side.admin)
    # when / then: B sees nothing of A's, exactly like missing ids
    for pk in (request.pk, 999999):
        assert gql(REQUEST, {"id": _gid("PurchaseRequest", pk)}).data["purchaseRequest"] is None
    assert gql(LIST).data["purchaseRequests"] == []
    for pk in (quote.pk, 999999):
        errors = gql(ACCEPT, {"id": _gid("Quote", pk)}).data["quoteAccept"]["errors"]
        assert errors == [{"field": "id", "code": "NOT_FOUND", "remaining": None}]
    created = gql(
        CREATE,
        {
            "input": {
                "enterprise": _gid("Enterprise", side.enterprise.pk),
                "productName": "x",
                "quantity": "1",
                "unit": "kg",
                "deadline": timezone.localdate().isoformat(),
                "deliverySite": _gid("DeliverySite", side.site.pk),
            }
        },
    ).data["purchaseRequestCreate"]
    assert created["errors"][0]["code"] == "NOT_FOUND"
    assert created["errors"][0]["field"] == "enterprise"


def test_producer_sees_only_own_quotes(
    client, gql, channel, side, django_capture_on_commit_callbacks
):  # type: ignore[no-untyped-def]
    # given two producers quoting on one request
    a, b = supplier(channel, "a"), supplier(channel, "b")
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    submit_quote(request, a.producer, quote_draft(a.variant, 10, "9.00"), actor=a.owner)
    submit_quote(request, b.producer, quote_draft(b.variant, 20, "8.50"), actor=b.owner)
    # when
    client.force_login(a.owner)
    as_producer = gql(REQUEST, {"id": _gid("PurchaseRequest", request.pk)}).data
    client.force_login(side.buyer)
    as_enterprise = gql(REQUEST, {"id": _gid("PurchaseRequest", request.pk)}).data
    # then
    assert [q["producerName"] for q in as_producer["purchaseRequest"]["quotes"]] == [
        a.producer.name
    ]
    assert len(as_enterprise["purchaseRequest"]["quotes"]) == 2


def test_purchase_requests_same_queries_one_and_many(
    client, gql, channel, side, django_capture_on_commit_callbacks, count_queries
):  # type: ignore[no-untyped-def]
    # given one request with quotes
    s = supplier(channel, "a")
    with django_capture_on_commit_callbacks(execute=True):
        first = posted_request(side)
    submit_quote(first, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    client.force_login(side.buyer)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert len(gql(LIST).data["purchaseRequests"]) == 1
    # when there are four, each with a quote
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            more = posted_request(side, quantity=Decimal("5"))
        submit_quote(more, s.producer, quote_draft(s.variant, 10, "9.00"), actor=s.owner)
    # then
    with count_queries(len(one)):
        assert len(gql(LIST).data["purchaseRequests"]) == 4

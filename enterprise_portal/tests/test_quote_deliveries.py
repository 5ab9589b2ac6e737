"""Quote orders in the enterprise portal: the purchase request page links each accepted quote to
its delivery (or says there is no order yet when the producer is short of stock); the delivery
page shows its lines and status and takes the quality check once shipped, through the same form
and service as a contract delivery. Another enterprise, a missing id and a contract delivery
answer 404 alike; roles that may not check deliveries see the page without the form."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from backend.audit.models import AuditEvent
from backend.procurement.deliveries import schedule_delivery
from backend.procurement.models import ProcurementOrder, ProcurementOrderStatus
from backend.procurement.tests.scenarios import (
    DAY,
    active_contract,
    contracted_variant,
    prices,
    producer_with_owner,
    ship,
)
from backend.sourcing.models import PurchaseRequest
from enterprise_portal.tests.quote_scenarios import Offer, QuoteOrder, answered_request

pytestmark = pytest.mark.django_db

NOT_YET = "Accepted, no order yet (the producer is short of stock)"


@pytest.fixture
def answer(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    def build(*offers: Offer) -> tuple[PurchaseRequest, list[QuoteOrder]]:
        return answered_request(
            channel, side, list(offers), on_commit=django_capture_on_commit_callbacks
        )

    return build


@pytest.fixture
def ordered(answer) -> QuoteOrder:  # type: ignore[no-untyped-def]
    _request, (order,) = answer(Offer())
    return order


def page_url(order: QuoteOrder, lang: str = "/en") -> str:
    assert order.delivery is not None
    return f"{lang}/enterprise/{order.delivery.enterprise_id}/quote-deliveries/{order.delivery.pk}/"


def request_url(side, purchase) -> str:  # type: ignore[no-untyped-def]
    return f"/en/enterprise/{side.enterprise.pk}/requests/{purchase.pk}/"


def check_post(order: QuoteOrder, accepted: int, reason: str = "") -> dict[str, str]:
    assert order.delivery is not None
    line = order.delivery.lines.get()
    return {f"accepted_{line.pk}": str(accepted), f"reason_{line.pk}": reason, "notes": ""}


# ---- the purchase request page ---------------------------------------------------------


def test_request_page_accepted_quotes_link_delivery_or_say_no_order_yet(client, side, answer):
    # given one accepted quote that became an order and one whose producer is short of stock
    request_posted, (ordered, short) = answer(
        Offer("a", units=40), Offer("b", units=40, in_stock=False)
    )
    assert ordered.delivery is not None
    assert short.delivery is None
    assert short.quote.status == "accepted"
    client.force_login(side.finance)

    # when
    response = client.get(request_url(side, request_posted))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="{page_url(ordered)}"' in html
    assert f"Delivery {ordered.delivery.number}</a>" in html
    assert html.count(NOT_YET) == 1
    row = html[html.index(f'id="quote-{short.quote.pk}"') :]
    assert row.index(NOT_YET) < row.index("</tr>")


def test_request_page_query_count_is_the_same_for_one_and_three_quote_orders(client, side, answer):
    # given a request with one quote order and another request with three
    client.force_login(side.buyer)
    one_request, _ = answer(Offer("a", units=20))
    three_request, _ = answer(*(Offer(tag, units=20) for tag in ("b", "c", "d")))
    client.get(request_url(side, one_request))
    with CaptureQueriesContext(connection) as one:
        assert client.get(request_url(side, one_request)).status_code == 200

    # when
    with CaptureQueriesContext(connection) as three:
        html = client.get(request_url(side, three_request)).content.decode()

    # then
    assert html.count("/quote-deliveries/") == 3
    assert len(three) == len(one)


# ---- the quote order page --------------------------------------------------------------


def test_quote_delivery_page_before_shipping_shows_lines_and_no_check(client, side, ordered):
    # given
    client.force_login(side.buyer)

    # when
    response = client.get(page_url(ordered))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Delivery {ordered.delivery.number}" in html
    assert "scheduled, stock set aside" in html
    assert "Waiting for the producer to ship" in html
    assert "The producer has not shipped everything yet" in html
    assert "480.00" in html  # 80 units × 6.00
    assert "Record the quality check" not in html
    assert f"/requests/{ordered.quote.request_id}/" in html


def test_quote_delivery_partial_rejection_settles_at_the_quoted_price(client, side, ordered):
    # given the producer shipped everything
    ship(ordered.delivery, ordered.supplier.owner)
    client.force_login(side.buyer)
    audit_rows = AuditEvent.objects.count()

    # when the buyer keeps 75 of the 80 bags
    response = client.post(page_url(ordered), check_post(ordered, 75, "五袋破损"))

    # then
    assert response.status_code == 302
    assert response["Location"] == page_url(ordered)
    delivery = ProcurementOrder.objects.get(pk=ordered.delivery.pk)
    assert delivery.status == ProcurementOrderStatus.PARTIALLY_ACCEPTED
    assert delivery.accepted_amount == Decimal("450.00")
    assert delivery.lines.get().rejection_reason == "五袋破损"
    assert AuditEvent.objects.count() > audit_rows
    html = client.get(page_url(ordered)).content.decode()
    assert "Amount due: 450.00 yuan." in html
    assert "Record the quality check" not in html


def test_quote_delivery_rejection_without_reason_is_an_error_keeping_the_input(
    client, side, ordered
):
    # given
    ship(ordered.delivery, ordered.supplier.owner)
    client.force_login(side.buyer)

    # when
    response = client.post(page_url(ordered), check_post(ordered, 75))

    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert "Say why units were rejected" in html
    assert 'value="75"' in html
    assert "<title>Error: Delivery " in html
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"


def test_quote_delivery_accepted_whole_by_admin(client, side, ordered):
    # given
    ship(ordered.delivery, ordered.supplier.owner)
    client.force_login(side.admin)

    # when
    client.post(page_url(ordered), check_post(ordered, 80))

    # then
    delivery = ProcurementOrder.objects.get(pk=ordered.delivery.pk)
    assert (delivery.status, delivery.accepted_amount) == ("accepted", Decimal("480.00"))


# ---- authorization matrix ---------------------------------------------------------------


@pytest.mark.parametrize("who", ["other admin", "other buyer", "producer owner"])
def test_quote_delivery_stranger_gets_404_and_changes_nothing(
    client, side, other_side, ordered, who
):
    # given
    ship(ordered.delivery, ordered.supplier.owner)
    user = {
        "other admin": other_side.admin,
        "other buyer": other_side.buyer,
        "producer owner": ordered.supplier.owner,
    }[who]
    client.force_login(user)
    own_url = f"/en/enterprise/{other_side.enterprise.pk}/quote-deliveries/{ordered.delivery.pk}/"

    # when
    responses = [
        client.get(page_url(ordered)),
        client.post(page_url(ordered), check_post(ordered, 80)),
        client.get(own_url),
    ]

    # then
    assert [r.status_code for r in responses] == [404, 404, 404]
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"


def test_quote_delivery_missing_id_and_contract_delivery_are_404_alike(
    client, channel, side, ordered
):
    # given a contract delivery of the same enterprise
    producer, owner = producer_with_owner("k")
    variant = contracted_variant(channel, producer)
    prices(variant)
    contract = active_contract(side, producer, owner, variant)
    line = contract.lines.get()
    contract_delivery = schedule_delivery(
        contract, actor=owner, delivery_date=DAY, quantities={line.pk: 1}
    )
    client.force_login(side.admin)
    base = f"/en/enterprise/{side.enterprise.pk}/quote-deliveries/"
    missing = ProcurementOrder.objects.order_by("-pk").values_list("pk", flat=True)[0] + 1000

    # when
    responses = [client.get(f"{base}{missing}/"), client.get(f"{base}{contract_delivery.pk}/")]

    # then
    assert [r.status_code for r in responses] == [404, 404]


@pytest.mark.parametrize("role", ["approver", "finance"])
def test_quote_delivery_role_without_check_sees_page_but_cannot_check(client, side, ordered, role):
    # given
    ship(ordered.delivery, ordered.supplier.owner)
    client.force_login(getattr(side, role))

    # when
    page = client.get(page_url(ordered))
    posted = client.post(page_url(ordered), check_post(ordered, 80))

    # then
    assert page.status_code == 200
    assert "Record the quality check" not in page.content.decode()
    assert posted.status_code == 200
    assert "This delivery cannot be checked by you now." in posted.content.decode()
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"


def test_quote_delivery_signed_out_goes_to_sign_in(client, ordered):
    # given / when
    responses = [client.get(page_url(ordered)), client.post(page_url(ordered), {})]

    # then
    assert [r.status_code for r in responses] == [302, 302]
    assert all("/enterprise/login/" in r["Location"] for r in responses)
    assert ProcurementOrder.objects.get(pk=ordered.delivery.pk).status == "scheduled"

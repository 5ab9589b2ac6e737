"""A request answered by three producers and accepted from two becomes two procurement orders,
which flow like any delivery: the producers ship them from their orders, the enterprise checks
quality, they settle at the quoted price and count toward the pledge and the benefit-link
register; the seller portal's orders and the enterprise's request page show them."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from backend.enterprises.benefit_links import buys_from_links
from backend.enterprises.models import PledgeKind
from backend.enterprises.pledges import declare_pledge, pledge_progress, pledges_progress
from backend.procurement.deliveries import accept_delivery
from backend.procurement.models import ProcurementOrder, ProcurementOrderStatus
from backend.procurement.tests.scenarios import ship
from backend.sourcing.models import QuoteStatus, RequestStatus
from backend.sourcing.quotes import accept_quote, submit_quote
from backend.sourcing.tests.scenarios import floor, posted_request, quote_draft, supplier
from backend.warehouse.models import Stock

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def answered(channel, side, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """90 kg wanted; three producers quote 40 kg at 6.00, 60 kg at 6.50 and 50 kg at 7.00 a
    500 g bag (floor 10.00/kg); the enterprise takes all of the first and 100 bags of the
    second, which fills the request."""
    suppliers = [supplier(channel, tag) for tag in ("a", "b", "c")]
    for s in suppliers:
        floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    offers = [(80, "6.00"), (120, "6.50"), (100, "7.00")]
    quotes = [
        submit_quote(request, s.producer, quote_draft(s.variant, units, price), actor=s.owner)
        for s, (units, price) in zip(suppliers, offers, strict=True)
    ]
    accept_quote(quotes[0], actor=side.buyer)
    accept_quote(quotes[1], actor=side.approver, units=100)
    for quote in quotes:
        quote.refresh_from_db()
    request.refresh_from_db()
    return suppliers, request, quotes


def test_three_quotes_accepted_from_two_become_two_procurement_orders(side, answered):  # type: ignore[no-untyped-def]
    # given / when
    suppliers, request, quotes = answered
    # then the two accepted quotes are two scheduled deliveries with exact amounts
    assert request.status == RequestStatus.FILLED
    assert [q.status for q in quotes] == [
        QuoteStatus.ACCEPTED,
        QuoteStatus.ACCEPTED,
        QuoteStatus.DECLINED,
    ]
    assert quotes[2].procurement_order_id is None
    orders = list(ProcurementOrder.objects.order_by("pk"))
    assert [o.pk for o in orders] == [
        quotes[0].procurement_order_id,
        quotes[1].procurement_order_id,
    ]
    assert [(o.producer_id, o.total_amount) for o in orders] == [
        (suppliers[0].producer.pk, Decimal("480.00")),
        (suppliers[1].producer.pk, Decimal("650.00")),
    ]
    assert [o.lines.get().quantity for o in orders] == [80, 100]
    assert [o.order.sub_orders.get().producer_id for o in orders] == [
        suppliers[0].producer.pk,
        suppliers[1].producer.pk,
    ]
    stock = [Stock.objects.get(product_variant=s.variant).quantity_allocated for s in suppliers]
    assert stock == [80, 100, 0]


def test_quote_orders_ship_settle_and_count_for_pledge_and_benefit_links(side, answered):  # type: ignore[no-untyped-def]
    # given an amount pledge, and both producers ship their delivery
    suppliers, _request, quotes = answered
    pledge = declare_pledge(
        side.enterprise,
        year=YEAR,
        kind=PledgeKind.AMOUNT,
        amount=Decimal("2000"),
        actor=side.finance,
    )
    first, second = (ProcurementOrder.objects.get(pk=q.procurement_order_id) for q in quotes[:2])
    ship(first, suppliers[0].owner)
    ship(second, suppliers[1].owner)
    assert pledge_progress(pledge).procurement_amount == Decimal("0.00")  # not checked yet
    # when the enterprise keeps 75 of the first 80 bags and all of the second delivery
    line = first.lines.get()
    accept_delivery(first, actor=side.buyer, accepted={line.pk: 75}, reasons={line.pk: "破袋"})
    accept_delivery(second, actor=side.buyer, accepted={})
    # then they settle at the quoted price: 75 × 6.00 and 100 × 6.50
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, first.accepted_amount) == (
        ProcurementOrderStatus.PARTIALLY_ACCEPTED,
        Decimal("450.00"),
    )
    assert (second.status, second.accepted_amount) == (
        ProcurementOrderStatus.ACCEPTED,
        Decimal("650.00"),
    )
    # and count toward the pledge, alone and in bulk alike
    progress = pledge_progress(pledge)
    assert progress.procurement_amount == Decimal("1100.00")
    assert progress.total_amount == Decimal("1100.00")
    assert progress.percent == Decimal("55.0")
    (bulk,) = pledges_progress([pledge])
    assert (bulk.procurement_amount, bulk.staff_amount) == (Decimal("1100.00"), Decimal("0.00"))
    # and the register says the enterprise buys from both producers' households
    links = {row.producer_id: row for row in buys_from_links(side.enterprise, YEAR)}
    assert {pk: row.procurement_amount for pk, row in links.items()} == {
        suppliers[1].producer.pk: Decimal("650.00"),
        suppliers[0].producer.pk: Decimal("450.00"),
    }
    assert all(row.line_count == 1 for row in links.values())


def test_seller_portal_orders_list_shows_quote_order(client, answered):  # type: ignore[no-untyped-def]
    # given
    suppliers, _request, quotes = answered
    delivery = ProcurementOrder.objects.get(pk=quotes[0].procurement_order_id)
    sub_order = delivery.order.sub_orders.get()
    client.force_login(suppliers[0].owner)
    # when the producer opens its orders to ship
    html = client.get(f"/en/seller/shop/{suppliers[0].producer.pk}/orders/").content.decode()
    # then the delivery is there, 80 bags for ¥480.00, and opens like any order
    assert f"/en/seller/shop/{suppliers[0].producer.pk}/orders/{sub_order.pk}/" in html
    assert "× 80" in html
    assert "¥480.00" in html
    detail = client.get(f"/en/seller/shop/{suppliers[0].producer.pk}/orders/{sub_order.pk}/")
    assert detail.status_code == 200
    # and another producer's shop does not list it
    other = client.get(f"/en/seller/shop/{suppliers[1].producer.pk}/orders/{sub_order.pk}/")
    assert other.status_code == 404


def test_enterprise_request_page_shows_accepted_quotes(client, side, answered):  # type: ignore[no-untyped-def]
    # given
    _suppliers, request, _quotes = answered
    client.force_login(side.buyer)
    # when
    page = client.get(f"/en/enterprise/{side.enterprise.pk}/requests/{request.pk}/")
    # then both accepted quotes with their units and amounts
    html = page.content.decode()
    assert page.status_code == 200
    assert "80 units, ¥480.00" in html
    assert "100 units, ¥650.00" in html

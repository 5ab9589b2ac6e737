"""The seller portal's quotes pages: an invited shop sends a quote through the form, a price
below the floor is refused on the price field with the typed values kept, a quote is withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from backend.procurement.tests.scenarios import enterprise_side
from backend.sourcing.models import Quote, QuoteStatus
from backend.sourcing.tests.scenarios import floor, posted_request, supplier

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(channel, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    side = enterprise_side()
    s = supplier(channel, "a")
    floor(s.variant)
    with django_capture_on_commit_callbacks(execute=True):
        request = posted_request(side)
    client = Client()
    client.force_login(s.owner)
    url = f"/en/seller/shop/{s.producer.pk}/quotes/requests/{request.pk}/"
    return s, request, client, url


def _form(s, price: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {"variant": s.variant.pk, "units": "40", "unit_price": price, "available_on": day}


def test_quote_form_sends_quote(invited):  # type: ignore[no-untyped-def]
    # given
    s, _request, client, url = invited
    # when
    response = client.post(url, _form(s, "6.00"))
    # then
    assert response.status_code == 302
    quote = Quote.objects.get()
    assert (quote.units, quote.fill_quantity, quote.status) == (40, 20, QuoteStatus.SUBMITTED)
    listing = client.get(f"/en/seller/shop/{s.producer.pk}/quotes/").content.decode()
    assert "渭源党参" in listing
    assert "¥6.00" in listing


def test_quote_form_below_floor_error_on_price(invited):  # type: ignore[no-untyped-def]
    # given a floor of 10.00/kg (5.00 per 500 g bag)
    s, _request, client, url = invited
    # when
    response = client.post(url, _form(s, "4.50"))
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "protected floor price of 10.00 yuan per kg" in html
    assert 'id="id_unit_price-error"' in html
    assert 'value="4.50"' in html
    assert not Quote.objects.exists()


def test_quote_withdraw(invited):  # type: ignore[no-untyped-def]
    # given
    s, _request, client, url = invited
    client.post(url, _form(s, "6.00"))
    quote = Quote.objects.get()
    # when
    client.post(f"/en/seller/shop/{s.producer.pk}/quotes/{quote.pk}/withdraw/")
    # then
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.WITHDRAWN

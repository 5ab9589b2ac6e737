"""Two people accepting quotes of one request at the same moment, in real threads with their
own connections: the accepted quantity never exceeds the request, exactly one wins when both
cannot fit, both win when they fit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.db import transaction

from backend.orders.tests.test_concurrency import errors_of, run_in_threads
from backend.procurement.tests.scenarios import enterprise_side
from backend.sourcing.errors import SourcingError, SourcingErrorCode
from backend.sourcing.matching import invite_producers
from backend.sourcing.models import QuoteStatus
from backend.sourcing.quotes import accept_quote, submit_quote
from backend.sourcing.tests.scenarios import posted_request, quote_draft, supplier

# Every app but the regions (loaded once per session, kept by the flush after this test).
AVAILABLE_APPS = [app for app in settings.INSTALLED_APPS if app != "backend.regions"]


@pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
@pytest.mark.parametrize(("quantity", "winners"), [("90", 1), ("120", 2)])
def test_two_accepts_racing_never_exceed_the_request(channel, quantity, winners):  # type: ignore[no-untyped-def]
    # given a request and two quotes of 60 kg each (120 bags of 500 g)
    side = enterprise_side(tag=f"race{quantity}")
    a, b = supplier(channel, f"a{quantity}"), supplier(channel, f"b{quantity}")
    request = posted_request(side, quantity=Decimal(quantity))
    invite_producers(request.pk)
    quotes = [
        submit_quote(request, s.producer, quote_draft(s.variant, 120, "9.00"), actor=s.owner)
        for s in (a, b)
    ]
    assert not transaction.get_connection().in_atomic_block
    # when the buyer and the approver accept one each at the same moment
    results = run_in_threads(
        [
            lambda: accept_quote(quotes[0], actor=side.buyer),
            lambda: accept_quote(quotes[1], actor=side.approver),
        ]
    )
    # then
    errors = errors_of(results)
    assert len(errors) == 2 - winners, results
    assert all(
        isinstance(e, SourcingError) and e.code == SourcingErrorCode.OVER_REQUESTED for e in errors
    )
    accepted = request.quotes.filter(status=QuoteStatus.ACCEPTED)
    assert accepted.count() == winners
    assert sum(q.fill_accepted for q in accepted) <= Decimal(quantity)

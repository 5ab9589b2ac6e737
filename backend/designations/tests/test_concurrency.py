"""Two operators confirming the same candidate at the same moment, in real threads with their
own connections: one designation, one audit row, the other refused as already confirmed."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings

from backend.audit.models import AuditEvent, AuditEventType
from backend.designations.confirmation import ConfirmationDraft, confirm_designation
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.models import Designation
from backend.designations.tests.ledger_rows import moment, shop_sale
from backend.orders.tests.test_concurrency import errors_of, run_in_threads
from backend.producers.tests.factories import DisabledSellerFactory
from backend.regions.loading import load_official_regions
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory

# Every app but the regions (loaded once per session, kept by the flush after this test).
AVAILABLE_APPS = [app for app in settings.INSTALLED_APPS if app != "backend.regions"]
KIND = "county_demonstration_household"


@pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
def test_two_confirmations_racing_make_one_designation() -> None:
    # given an eligible seller and two operators of its county (regions reloaded if a
    # transactional test before this one flushed them)
    if not Region.objects.filter(code="621123").exists():
        load_official_regions()  # not the command: the regions app is not "available" here
    county = Region.objects.get(code="621123")
    seller = DisabledSellerFactory.create(region=county)
    shop_sale(seller, "100000.00", when=moment(2025))
    first, second = (OperatorScopeFactory.create(region=county).user for _ in range(2))
    draft = ConfirmationDraft("county", datetime.date(2026, 3, 1), Decimal("10000"))
    # when
    results = run_in_threads(
        [
            lambda: confirm_designation(2025, KIND, "producer", seller.pk, draft, actor=first),
            lambda: confirm_designation(2025, KIND, "producer", seller.pk, draft, actor=second),
        ]
    )
    # then
    errors = errors_of(results)
    assert len(errors) == 1, results
    assert isinstance(errors[0], DesignationError)
    assert errors[0].code == DesignationErrorCode.ALREADY_CONFIRMED
    assert Designation.objects.count() == 1
    assert AuditEvent.objects.filter(event_type=AuditEventType.DESIGNATION_CONFIRMED).count() == 1

"""The designation demo: after `load_demo()`, loaded twice without duplicates; one confirmed
county demonstration household and eligible candidates still to confirm."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.accounts.models import User
from backend.demo.loading import load_demo
from backend.demo.loading.progdesig import OPERATOR_EMAIL, load_demo_progdesig
from backend.designations.eligibility import eligibility_list
from backend.designations.models import Designation, DesignationKind, DesignationThreshold
from backend.orders.models import Order
from backend.payments.models import ProducerLedgerEntry
from backend.regions.models import Region

pytestmark = pytest.mark.django_db


def test_load_demo_progdesig_twice_one_designation_and_open_candidates(tmp_path, settings):  # type: ignore[no-untyped-def]
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()  # runs this loader once
    # when it runs twice more
    first = load_demo_progdesig()
    counts = (
        Order.objects.count(),
        ProducerLedgerEntry.objects.count(),
        Designation.objects.count(),
        DesignationThreshold.objects.count(),
    )
    second = load_demo_progdesig()
    # then
    assert first.orders_created == 0
    assert second.orders_created == 0
    assert counts == (
        Order.objects.count(),
        ProducerLedgerEntry.objects.count(),
        Designation.objects.count(),
        DesignationThreshold.objects.count(),
    )
    assert first.confirmed is not None
    assert second.confirmed == first.confirmed
    assert first.confirmed.award_amount == Decimal("10000.00")
    operator = User.objects.get(email=OPERATOR_EMAIL)
    found = eligibility_list(first.year, actor=operator, region=Region.objects.get(code="621123"))
    by_kind = {(c.kind, c.row.name): c for c in found}
    county = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
    confirmed = by_kind[(county, "马玉兰手工粉条")]
    assert confirmed.designation == first.confirmed
    assert confirmed.row.figures.sales_amount == Decimal("126400.00")
    waiting = by_kind[(county, "何建国土蜂蜜")]
    assert waiting.eligible
    assert waiting.designation is None
    base = by_kind[(DesignationKind.CITY_DEMONSTRATION_BASE, "会川众兴中药材合作社")]
    assert base.eligible
    assert base.row.figures.disabled_households == 12
    assert base.row.figures.sales_amount == Decimal("564000.00")
    assert by_kind[(DesignationKind.LEADER, "会川众兴中药材合作社")].thresholds.min_households == 8
    assert by_kind[(DesignationKind.EMPLOYMENT_BASE, "渭源阳光就业基地")].eligible
    sale_entries = ProducerLedgerEntry.objects.filter(producer__slug="demo-mayulan-fentiao")
    assert sum(entry.gross_amount for entry in sale_entries) == Decimal("126400.00")

"""The demo's enterprises and contracts: loaded after `load_demo()`, twice without duplicates,
with a partial rejection, a delivery waiting to ship and a contract waiting for the seller."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.auth import authenticate
from django.test import override_settings

from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading import load_demo
from backend.demo.loading.procurement import load_demo_procurement
from backend.procurement.models import (
    Contract,
    ContractStatus,
    ProcurementOrder,
    ProcurementOrderStatus,
)
from backend.procurement.progress import contract_progress

pytestmark = pytest.mark.django_db


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"])
def test_load_demo_procurement_twice_contracts_deliveries_and_logins(tmp_path, settings):
    # given
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.VERIFICATION_EVIDENCE_ROOT = str(tmp_path / "evidence")
    load_demo()

    # when
    first = load_demo_procurement()
    counts = (Contract.objects.count(), ProcurementOrder.objects.count())
    second = load_demo_procurement()

    # then: idempotent
    assert [c.pk for c in first] == [c.pk for c in second]
    assert (Contract.objects.count(), ProcurementOrder.objects.count()) == counts
    canteen, agri, waiting = (Contract.objects.get(pk=c.pk) for c in first)
    assert canteen.enterprise.kind == "canteen"
    assert agri.enterprise.kind == "leading_agricultural"
    assert (canteen.status, agri.status) == (ContractStatus.ACTIVE, ContractStatus.ACTIVE)
    assert waiting.status == ContractStatus.PROPOSED
    assert waiting.enterprise_signed_at is not None
    assert waiting.producer_signed_at is None
    statuses = sorted(canteen.deliveries.values_list("status", flat=True))
    assert statuses == [ProcurementOrderStatus.PARTIALLY_ACCEPTED, ProcurementOrderStatus.SCHEDULED]
    progress = contract_progress([canteen.pk, agri.pk])
    # 一级党参 1 kg: max(62.50 market, 60.00 floor) = 62.50 × 8 accepted
    assert progress[canteen.pk].amount_due == Decimal("500.00")
    assert progress[canteen.pk].rejected == 2
    # 白条党参 1 kg: 118.00 × 1.05 = 123.90 (above the 120.00 floor), every unit accepted
    agri_progress = progress[agri.pk]
    assert agri_progress.accepted > 0
    assert agri_progress.rejected == 0
    assert agri_progress.amount_due == Decimal("123.90") * agri_progress.accepted
    for login in (
        "canteen-buyer@demo.sunshine.test",
        "canteen-approver@demo.sunshine.test",
        "agri-admin@demo.sunshine.test",
    ):
        assert authenticate(username=login, password=DEMO_PASSWORD) is not None

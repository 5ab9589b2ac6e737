from __future__ import annotations

import pytest

from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory, StaffFactory


@pytest.fixture
def county_operator(db):  # type: ignore[no-untyped-def]
    """A county federation worker for 621123."""
    scope = OperatorScopeFactory(region=Region.objects.get(code="621123"))
    return scope.user


@pytest.fixture
def other_county_operator(db):  # type: ignore[no-untyped-def]
    """A county federation worker for 621221 (another county)."""
    scope = OperatorScopeFactory(region=Region.objects.get(code="621221"))
    return scope.user


@pytest.fixture
def platform_operator(db):  # type: ignore[no-untyped-def]
    scope = OperatorScopeFactory(region=None)
    return scope.user


@pytest.fixture
def staff_without_scope(db):  # type: ignore[no-untyped-def]
    return StaffFactory()


@pytest.fixture(autouse=True)
def evidence_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    """Certificates and receipts go to a private folder of the test's own."""
    root = tmp_path / "private-evidence"
    settings.VERIFICATION_EVIDENCE_ROOT = root
    return root

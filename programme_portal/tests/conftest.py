from __future__ import annotations

import pytest

from backend.accounts.tests.factories import UserFactory
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory, StaffFactory
from backend.statistics.tests.scenarios import Fixture, build_sales


@pytest.fixture
def sales(db) -> Fixture:  # type: ignore[no-untyped-def]
    return build_sales()


@pytest.fixture
def operators(db):  # type: ignore[no-untyped-def]
    """Readers of each scope, and people who are not readers."""

    def scoped(code: str | None):  # type: ignore[no-untyped-def]
        region = None if code is None else Region.objects.get(code=code)
        return OperatorScopeFactory.create(region=region).user

    return {
        "county": scoped("621123"),
        "other_county": scoped("621221"),
        "city": scoped("6211"),
        "platform": scoped(None),
        "staff_without_region": StaffFactory.create(),
        "customer": UserFactory.create(),
    }

from __future__ import annotations

import pytest

from backend.accounts.models import User
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory, StaffFactory


@pytest.fixture
def county_operator(db) -> User:  # type: ignore[no-untyped-def]
    """A county federation worker for 621123."""
    scope = OperatorScopeFactory(region=Region.objects.get(code="621123"))
    return scope.user  # type: ignore[no-any-return]


@pytest.fixture
def other_county_operator(db) -> User:  # type: ignore[no-untyped-def]
    """A county federation worker for 621221 (another county)."""
    scope = OperatorScopeFactory(region=Region.objects.get(code="621221"))
    return scope.user  # type: ignore[no-any-return]


@pytest.fixture
def platform_operator(db) -> User:  # type: ignore[no-untyped-def]
    scope = OperatorScopeFactory(region=None)
    return scope.user  # type: ignore[no-any-return]


@pytest.fixture
def staff_without_scope(db) -> User:  # type: ignore[no-untyped-def]
    return StaffFactory()  # type: ignore[no-any-return]

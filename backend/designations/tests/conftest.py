from __future__ import annotations

import pytest

from backend.accounts.models import User
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory


def region(code: str) -> Region:
    return Region.objects.get(code=code)


@pytest.fixture
def province_operator(db: None) -> User:
    """A federation operator of the province (甘肃 62): covers both test counties."""
    return OperatorScopeFactory.create(region=region("62")).user


@pytest.fixture
def county_operator(db: None) -> User:
    """An operator of 渭源县 (621123) only."""
    return OperatorScopeFactory.create(region=region("621123")).user


@pytest.fixture
def other_county_operator(db: None) -> User:
    """An operator of 成县 (621221) only."""
    return OperatorScopeFactory.create(region=region("621221")).user

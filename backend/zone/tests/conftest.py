from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import make_courier
from backend.zone.tests.scenarios import FestivalShop, make_festival_shop


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()


@pytest.fixture
def festival(channel) -> FestivalShop:  # type: ignore[no-untyped-def]
    return make_festival_shop(channel)

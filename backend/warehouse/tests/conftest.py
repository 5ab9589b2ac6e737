from __future__ import annotations

import pytest

from backend.checkout.tests.scenarios import make_courier


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()

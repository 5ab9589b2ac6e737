from __future__ import annotations

import pytest

from backend.procurement.tests.scenarios import enterprise_side


@pytest.fixture
def side(db):  # type: ignore[no-untyped-def]
    return enterprise_side()


@pytest.fixture
def other_side(db):  # type: ignore[no-untyped-def]
    return enterprise_side("绿源农业产业化龙头企业", tag="b")

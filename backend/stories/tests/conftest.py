from __future__ import annotations

import pytest

from backend.sellers.tests.scenarios import People, build_people


@pytest.fixture
def people(db) -> People:  # type: ignore[no-untyped-def]
    return build_people()

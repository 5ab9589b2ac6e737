from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from backend.checkout.tests.scenarios import make_courier


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()


@pytest.fixture
def buyer(db):  # type: ignore[no-untyped-def]
    from backend.accounts.tests.factories import UserFactory

    return UserFactory(email="review-buyer@example.test", name="评价的买家")


@pytest.fixture
def other_buyer(db):  # type: ignore[no-untyped-def]
    from backend.accounts.tests.factories import UserFactory

    return UserFactory(email="other-buyer@example.test", name="另一位买家")


@pytest.fixture(autouse=True)
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root

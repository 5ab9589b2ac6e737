"""Personal-data fixtures: private evidence and media folders per test, a shop with a sale."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.checkout.tests.scenarios import make_courier
from backend.personal_data.tests.scenarios import Marketplace, build_marketplace


@pytest.fixture(autouse=True)
def private_folders(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.VERIFICATION_EVIDENCE_ROOT = tmp_path / "private-evidence"
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()


@pytest.fixture
def market(db, channel, courier) -> Marketplace:  # type: ignore[no-untyped-def]
    return build_marketplace(channel, courier)

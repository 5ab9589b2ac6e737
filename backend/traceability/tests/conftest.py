"""Traceability fixtures: a private certificate folder per test, a courier, a listed product."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.sellers.tests.scenarios import People, build_people


@pytest.fixture(autouse=True)
def certificate_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    root = tmp_path / "private-certificates"
    settings.TRACE_CERTIFICATE_ROOT = root
    settings.TRACE_PUBLIC_BASE_URL = "https://sunshine.example"
    return root


@pytest.fixture
def courier(db):  # type: ignore[no-untyped-def]
    return make_courier()


@pytest.fixture
def people(db) -> People:  # type: ignore[no-untyped-def]
    return build_people()


@pytest.fixture
def variant(channel, people):  # type: ignore[no-untyped-def]
    return listed_variant(channel, producer=people.shop, stock=500)

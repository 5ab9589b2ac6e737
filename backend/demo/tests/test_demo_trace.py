"""The demo's batches and story (backend/demo/loading/trace.py): run after `load_demo()`,
twice, through the real services."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client

from backend.audit.models import AuditEvent, AuditEventType
from backend.demo.loading import DemoLoadResult
from backend.demo.loading.trace import STORY_SLUG, load_demo_trace
from backend.stories.lookups import published_stories_for_zone
from backend.stories.models import StoryConsent
from backend.traceability.models import Batch, BatchAllocation, BatchCertificate
from backend.traceability.tests.scenarios import decode_svgs


@pytest.fixture(autouse=True)
def certificate_root(settings, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    settings.TRACE_CERTIFICATE_ROOT = tmp_path / "certificates"
    settings.TRACE_PUBLIC_BASE_URL = "https://sunshine.example"
    return settings.TRACE_CERTIFICATE_ROOT


def _counts() -> tuple[int, ...]:
    return (
        Batch.objects.count(),
        BatchCertificate.objects.count(),
        BatchAllocation.objects.count(),
        StoryConsent.objects.count(),
        AuditEvent.objects.filter(event_type__gte=9000, event_type__lt=10000).count(),
    )


def test_load_demo_trace_twice_loads_once(demo: DemoLoadResult) -> None:
    # when
    first = load_demo_trace()
    counts = _counts()
    second = load_demo_trace()
    # then
    assert first == second
    assert counts == _counts()
    assert first.batches == 6
    assert first.certificates == 6
    assert first.allocations >= 3  # the paid demo orders' parcels name their batches
    assert first.story_online


def test_demo_batches_and_story_are_on_the_storefront(demo: DemoLoadResult) -> None:
    # given
    load_demo_trace()
    client = Client()
    sold = Batch.objects.filter(quantity_allocated__gt=0).order_by("pk").first()
    assert sold is not None
    # when
    batch_page = client.get(f"/en/trace/{sold.code}/")
    story_page = client.get(f"/en/stories/{STORY_SLUG}/")
    # then
    assert batch_page.status_code == 200
    html = batch_page.content.decode()
    assert "北京市" in html  # the demo customer's parcels go to Beijing
    assert decode_svgs(html) == [f"https://sunshine.example/trace/{sold.code}/"]
    assert story_page.status_code == 200
    assert [s.slug for s in published_stories_for_zone()] == [STORY_SLUG]
    assert AuditEvent.objects.filter(event_type=AuditEventType.STORY_CONSENT_GIVEN).exists()

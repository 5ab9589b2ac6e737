"""The privacy demo loads after `load_demo()` through the services; a second load adds nothing."""

from __future__ import annotations

import pytest

from backend.demo.loading.privacy import PRIVACY_BUYERS, load_demo_privacy
from backend.demo.tests.conftest import demo_media_root, loaded_demo  # noqa: F401 (fixtures)
from backend.orders.models import Order
from backend.personal_data.erasure import deletion_blockers

pytestmark = pytest.mark.usefixtures("loaded_demo")


def test_load_demo_privacy_twice_makes_one_ready_and_one_waiting_buyer(db):
    # when
    first = load_demo_privacy()
    second = load_demo_privacy()

    # then
    assert [u.pk for u in first] == [u.pk for u in second]
    ready, waiting = first
    assert [u.email for u in first] == [b.email for b in PRIVACY_BUYERS]
    assert Order.objects.filter(user__in=first).count() == 2
    assert deletion_blockers(ready) == []
    assert [b.code for b in deletion_blockers(waiting)] == ["order_in_progress"]

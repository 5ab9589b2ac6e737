from __future__ import annotations

import pytest
import redis
from django.test import Client, override_settings
from prometheus_client import REGISTRY

from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.errors import CheckoutNotReady
from backend.checkout.lines import LineInput, create_checkout
from backend.checkout.tests.scenarios import listed_variant
from backend.orders.complete_checkout import complete_checkout


def _outcome(outcome: str) -> float:
    return REGISTRY.get_sample_value("sunshine_checkout_outcomes_total", {"outcome": outcome}) or 0


def test_metrics_from_loopback_lists_request_and_checkout_metrics(client: Client) -> None:
    # given
    client.get("/health/live")

    # when
    response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    # then
    assert response.status_code == 200
    text = response.content.decode()
    assert "django_http_requests_total_by_method_total" in text
    assert "sunshine_checkout_outcomes_total" in text or "sunshine_checkout_outcomes" in text
    assert "sunshine_celery_queue_depth" in text


def test_metrics_from_outside_address_not_found(client: Client) -> None:
    # when
    response = client.get("/metrics", REMOTE_ADDR="203.0.113.9")

    # then
    assert response.status_code == 404


@pytest.mark.django_db
def test_complete_checkout_not_ready_counted_as_not_ready() -> None:
    # given: a checkout with no address or delivery method
    channel = ChannelFactory()
    variant = listed_variant(channel)
    checkout = create_checkout(
        channel=channel, actor=None, email="m@example.test", lines=[LineInput(variant.pk, 1)]
    )
    before = _outcome("not_ready")

    # when
    with pytest.raises(CheckoutNotReady):
        complete_checkout(checkout, actor=None, gateway="offline.bank_transfer")

    # then
    assert _outcome("not_ready") == before + 1


def test_metrics_celery_queue_depth_read_from_real_redis(client: Client, redis_url: str) -> None:
    # given: three messages waiting in the default queue
    broker = redis.Redis.from_url(redis_url)
    broker.rpush("celery", "a", "b", "c")
    broker.close()

    with override_settings(CELERY_BROKER_URL=redis_url):
        # when
        response = client.get("/metrics", REMOTE_ADDR="127.0.0.1")

    # then
    assert 'sunshine_celery_queue_depth{queue="celery"} 3.0' in response.content.decode()

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from tests.local_servers import free_port


def test_health_live_answers_without_database_work(client: Client) -> None:
    # when
    response = client.get("/health/live", HTTP_ACCEPT="application/json")

    # then
    assert response.status_code == 200
    assert response.json() == {}


@pytest.mark.django_db
def test_health_ready_database_and_search_up_answers_200(client: Client) -> None:
    # when
    response = client.get("/health/ready?format=json")

    # then
    assert response.status_code == 200
    checks = response.json()
    assert set(checks) == {"Database(alias='default')", "SearchBackend()"}
    assert all(status == "OK" for status in checks.values())


@pytest.mark.django_db
def test_health_ready_real_redis_up_answers_200(client: Client, redis_url: str) -> None:
    # given
    with override_settings(REDIS_URL=redis_url):
        # when
        response = client.get("/health/ready?format=json")

    # then
    assert response.status_code == 200
    assert "RedisPing()" in response.json()


@pytest.mark.django_db
def test_health_ready_redis_down_answers_500_without_its_address(client: Client) -> None:
    # given: nothing listens on this port
    url = f"redis://:secret-password@127.0.0.1:{free_port()}/0"

    with override_settings(REDIS_URL=url):
        # when
        response = client.get("/health/ready?format=json")

    # then
    assert response.status_code == 500
    body = response.content.decode()
    assert "Redis is not reachable" in body
    assert "secret-password" not in body
    assert "127.0.0.1" not in body

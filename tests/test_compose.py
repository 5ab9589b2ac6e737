"""docker-compose.yml describes the whole stack (no Docker engine runs here: we check the file)."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_names_every_service_of_the_stack():
    services = _compose()["services"]
    assert set(services) >= {"postgres", "redis", "elasticsearch", "web", "worker", "beat"}


def test_compose_data_services_have_health_checks_and_volumes():
    compose = _compose()
    for name in ("postgres", "redis", "elasticsearch", "web"):
        assert "healthcheck" in compose["services"][name], name
    for name in ("postgres", "redis", "elasticsearch"):
        assert compose["services"][name]["volumes"], name
    assert {"pgdata", "redisdata", "esdata", "media", "private"} <= set(compose["volumes"])


def test_compose_web_health_check_asks_the_readiness_endpoint():
    web = _compose()["services"]["web"]
    assert any("/health/ready" in part for part in web["healthcheck"]["test"])
    assert "private:/data/private" in web["volumes"]


def test_compose_app_services_wait_for_healthy_database_and_redis():
    services = _compose()["services"]
    for name in ("web", "worker", "beat"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
        assert services[name]["environment"]["DATABASE_URL"].startswith("postgres://")


def test_compose_holds_no_secret_values():
    text = (ROOT / "docker-compose.yml").read_text()
    assert "SECRET_KEY: ${SECRET_KEY:?" in text
    assert "POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:?" in text
    assert "IDENTITY_ENCRYPTION_KEYS: ${IDENTITY_ENCRYPTION_KEYS:?" in text
    assert "sk_live" not in text
    assert "sk_test" not in text

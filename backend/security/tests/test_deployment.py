"""The scaled-out deployment in docker-compose.yml and deploy/nginx.conf (no Docker engine or
nginx runs here: the files are read and their promises checked)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]


def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_nginx_is_the_only_door_so_web_scales():
    # given
    services = compose()["services"]
    # then: web publishes no host port (several replicas would clash); nginx does
    assert "ports" not in services["web"]
    assert services["web"]["expose"] == ["8000"]
    assert services["nginx"]["ports"] == ["${HTTP_PORT:-80}:80"]
    assert services["nginx"]["depends_on"]["web"]["condition"] == "service_healthy"


def test_compose_nginx_serves_public_media_but_never_private_evidence():
    # given
    services = compose()["services"]
    volumes = services["nginx"]["volumes"]
    # then
    assert "media:/data/media:ro" in volumes
    assert "./deploy/nginx.conf:/etc/nginx/nginx.conf:ro" in volumes
    assert not any(volume.startswith("private:") for volume in volumes)
    for name in ("web", "worker"):
        assert "media:/data/media" in services[name]["volumes"]


def test_compose_migrates_once_before_web_and_worker_start():
    # given
    services = compose()["services"]
    # then
    assert "migrate --noinput" in " ".join(services["migrate"]["command"])
    assert "migrate" not in services["web"]["command"]
    for name in ("web", "worker", "beat"):
        condition = services[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully"


def test_compose_beat_runs_exactly_once():
    # given / then
    assert compose()["services"]["beat"]["deploy"]["replicas"] == 1


def test_compose_app_counts_limits_per_client_behind_the_proxy():
    # given
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    environment = compose()["services"]["web"]["environment"]
    # then
    assert "proxy_set_header X-Real-IP $remote_addr;" in text
    assert environment["CLIENT_IP_HEADER"] == "HTTP_X_REAL_IP"
    assert environment["REQUEST_BODY_MAX_BYTES"] == str(32 * 1024 * 1024)


def test_nginx_media_location_adds_name_nosniff_and_sandbox():
    # given
    text = (ROOT / "deploy" / "nginx.conf").read_text()
    media = text[text.index("location /media/") :].split("}", 1)[0]
    # then
    assert "add_header Content-Disposition $media_disposition always;" in media
    assert "add_header X-Content-Type-Options nosniff always;" in media
    assert "sandbox" in media
    assert "/data/private" not in text

"""The production settings pass `manage.py check --deploy` with no warning."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings


def test_check_deploy_production_settings_clean() -> None:
    # given: production environment (HTTPS, a real secret, a real host; not the browser tests'
    # async switch, which only the test process sets)
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "0",
        "HTTPS": "1",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "market.example.cn",
        "SUNSHINE_DATA_DIR": str(settings.DATA_DIR),
    }

    # when
    done = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    # then
    assert done.returncode == 0, done.stdout + done.stderr
    assert "no issues" in done.stdout

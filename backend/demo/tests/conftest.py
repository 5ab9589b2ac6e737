"""The demo loaded once per test module, inside a transaction rolled back at the end.

Loading takes a few seconds, so the tests that only read the result share one load; each test
still runs in its own savepoint (pytest-django's `db`), so a test that changes data does not
leak into the next one. Pictures go to a throw-away MEDIA_ROOT, evidence to a throw-away
private root; passwords use a fast hasher.

The shared transaction is marked the way Django's TestCase marks its class-wide one, so the
services that open durable transactions (orders, verifications, helper grants) run inside it
as savepoints and the whole demo is loaded, then rolled back.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import transaction
from django.test import override_settings

from backend.demo.loading import DemoLoadResult, load_demo

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="module")
def demo_media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("demo-media")
    evidence = tmp_path_factory.mktemp("demo-evidence")
    with override_settings(
        MEDIA_ROOT=str(root),
        VERIFICATION_EVIDENCE_ROOT=str(evidence),
        PASSWORD_HASHERS=FAST_HASHERS,
    ):
        yield root


@pytest.fixture(scope="module")
def loaded_demo(
    django_db_setup: Any, django_db_blocker: Any, demo_media_root: Path
) -> Iterator[DemoLoadResult]:
    with django_db_blocker.unblock():
        shared = transaction.atomic()
        shared._from_testcase = True  # type: ignore[attr-defined]
        with shared:
            result = load_demo()
            yield result
            transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo: DemoLoadResult, db: None) -> DemoLoadResult:
    """The loaded demo, for one test (in its own savepoint)."""
    return loaded_demo

"""A real Celery worker on a real Redis, both started by the test, runs the expiry task against
the test database (the worker process reaches it through DATABASE_URL)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from celery import Celery
from django.conf import settings
from django.db import connection
from django.utils import timezone

from backend.checkout.tests.scenarios import listed_variant, make_courier, ready_checkout
from backend.config.celery import app as project_celery_app
from backend.orders.complete_checkout import complete_checkout
from backend.orders.models import OrderStatus
from backend.orders.tests.test_concurrency import AVAILABLE_APPS
from backend.payments.models import Payment
from backend.warehouse.models import Stock


@pytest.fixture
def celery_worker(redis_url: str, tmp_path: Path) -> Iterator[Celery]:
    """A worker process of the project's Celery app; yields a client app on the same broker."""
    db = connection.settings_dict
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": f"postgres://{db['USER']}@/{db['NAME']}?host={db['HOST']}",
        "CONN_MAX_AGE": "0",
    }
    log = (tmp_path / "worker.log").open("w")
    command = [sys.executable, "-m", "celery", "-A", "backend.config.celery:app", "worker"]
    options = ["--pool", "solo", "--loglevel", "INFO", "--without-gossip", "--without-mingle"]
    worker = subprocess.Popen(
        [*command, *options],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    # Not the current app: shared tasks called by later tests must keep using the project's
    # (eager) app, not this client's broker.
    client = Celery("test-client", broker=redis_url, backend=redis_url, set_as_current=False)
    try:
        yield client
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait(timeout=10)
        log.close()
        project_celery_app.set_current()


@pytest.mark.django_db(transaction=True, available_apps=AVAILABLE_APPS)
def test_expire_unpaid_orders_task_run_by_real_worker_frees_stock(channel, celery_worker):
    # given
    variant = listed_variant(channel, stock=3)
    order = complete_checkout(
        ready_checkout(channel, [(variant, 2)], method=make_courier()),
        actor=None,
        gateway="offline.bank_transfer",
    )
    Payment.objects.filter(order=order).update(expires_at=timezone.now() - timedelta(minutes=1))

    # when
    result = celery_worker.send_task("orders.expire_unpaid_orders")
    # (this test is a plain client of a separate worker process, never inside a task, whatever
    # eager tasks earlier tests ran in this process)
    expired = result.get(timeout=90, disable_sync_subtasks=False)

    # then
    assert expired == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 0

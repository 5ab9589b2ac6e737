"""Bad inputs at the storefront's doors that no other test tries: a stale CSRF token, unknown
and malformed ids in URLs, absurd page numbers and sort orders, and an over-long search.
Each gets a client error or a normal page — never a 500, never a traceback."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


def test_stale_csrf_token_after_rotation_is_refused_403():
    # given: a token read from a form, then the cookie rotated (as signing in does)
    client = Client(enforce_csrf_checks=True)
    client.get("/en/seller/login/")
    stale = client.cookies["csrftoken"].value
    client.cookies["csrftoken"] = "r" * 32
    # when
    response = client.post(
        "/en/seller/login/",
        {"login": "x@example.test", "password": "whatever", "csrfmiddlewaretoken": stale},
    )
    # then
    assert response.status_code == 403
    assert b"Traceback" not in response.content


@pytest.mark.parametrize(
    "path",
    [
        "/en/product/no-such-product/",
        "/en/product/%E2%80%AE%00/",
        "/en/shop/no-such-shop/",
        "/en/category/no-such-category/",
        f"/en/account/orders/{uuid.uuid4()}/",
        "/en/account/orders/not-a-uuid/",
        f"/en/checkout/pay/{uuid.uuid4()}/",
        "/en/trace/%27%20OR%201=1--/",
    ],
)
def test_unknown_or_malformed_ids_in_urls_answer_404(client: Client, path: str):
    # when
    response = client.get(path)
    # then
    assert response.status_code == 404
    assert b"Traceback" not in response.content


def test_unknown_evidence_id_anonymous_is_sent_to_sign_in_signed_in_404(
    client: Client, django_user_model
):
    # given
    path = f"/evidence/{uuid.uuid4()}/"
    # when
    anonymous = client.get(path)
    client.force_login(django_user_model.objects.create_user("nosy@example.test", "pw-123456"))
    signed_in = client.get(path)
    # then
    assert anonymous.status_code == 302
    assert signed_in.status_code == 404


@pytest.mark.parametrize(
    "query", ["page=999999999", "page=-1", "page=abc", "page=1e9", "sort=;DROP", "page=0"]
)
def test_absurd_page_and_sort_parameters_answer_a_page(client: Client, query: str):
    # when
    response = client.get(f"/en/search/?q=apple&{query}")
    # then
    assert response.status_code in {200, 404}


def test_over_long_search_query_answers_a_page(client: Client):
    # when
    response = client.get("/en/search/", {"q": "苹果" * 5000})
    # then
    assert response.status_code in {200, 400}
    assert b"Traceback" not in response.content

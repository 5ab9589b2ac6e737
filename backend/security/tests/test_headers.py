from __future__ import annotations

import pytest
from django.test import Client


def _directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.django_db
def test_storefront_answer_carries_csp_without_inline_script(client: Client) -> None:
    # when
    response = client.get("/")

    # then
    csp = _directives(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'", "https://js.stripe.com"]
    assert "'unsafe-inline'" not in csp["style-src"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_graphiql_page_alone_allows_its_inline_script(client: Client) -> None:
    # when
    response = client.get("/graphql/", HTTP_ACCEPT="text/html")

    # then
    csp = _directives(response["Content-Security-Policy"])
    assert "'unsafe-inline'" in csp["script-src"]
    assert "https://cdn.jsdelivr.net" in csp["script-src"]

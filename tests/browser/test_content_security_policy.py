"""Chromium enforces the Content-Security-Policy: no page the people use breaks it (a blocked
inline script or style shows as a console error)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PORTAL_PAGES = ("/seller/login/", "/seller/signup/", "/enterprise/login/", "/zone/", "/cart/")


def test_pages_break_no_csp_rule(live_server, page, shop_paths):  # type: ignore[no-untyped-def]
    # given
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(f"{page.url}: {message.text}")
            if "Content Security Policy" in message.text
            else None
        ),
    )
    paths = [*shop_paths.all().values(), *PORTAL_PAGES]

    # when
    for path in paths:
        for prefix in ("", "/en"):
            response = page.goto(f"{live_server.url}{prefix}{path}")
            assert response is not None
            assert response.headers.get("content-security-policy")
            page.wait_for_load_state("load")

    # then
    assert violations == []

from __future__ import annotations

from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import codes, gid, payload
from backend.graphql.checkout.tests.operations import EMAIL_UPDATE


def update(api, checkout_id, email):  # type: ignore[no-untyped-def]
    return payload(api(EMAIL_UPDATE, {"id": checkout_id, "email": email}), "checkoutEmailUpdate")


def test_checkout_email_update_sets_email(api, channel, variant):
    # given
    checkout_id = create(api, [(variant, 1)], email=None)["checkout"]["id"]

    # when
    result = update(api, checkout_id, " new-buyer@example.test ")

    # then
    assert result["errors"] == []
    assert result["checkout"]["email"] == "new-buyer@example.test"


def test_checkout_email_update_invalid_email_refused(api, channel, variant):
    # given
    checkout_id = create(api, [(variant, 1)])["checkout"]["id"]

    # when
    result = update(api, checkout_id, "buyer-at-example")

    # then
    assert codes(result) == [("email", "INVALID")]
    assert result["checkout"] is None


def test_checkout_email_update_unknown_checkout_not_found(api, channel):
    # when
    result = update(api, gid("Checkout", "00000000-0000-4000-8000-000000000000"), "a@b.test")

    # then
    assert codes(result) == [("id", "NOT_FOUND")]

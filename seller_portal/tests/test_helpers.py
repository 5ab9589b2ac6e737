"""Helpers (owners only) and the confirmations money-affecting actions wait for."""

from __future__ import annotations

import pytest
from django.test import Client

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.orders.models import OrderStatus
from backend.sellers.confirmations import request_seller_confirmation
from backend.sellers.models import ConfirmationStatus, HelperGrant, HelperKind, HelperScope
from backend.sellers.permissions import SellerAction
from backend.sellers.tests.factories import HelperGrantFactory

pytestmark = pytest.mark.django_db


def _base(shop) -> str:  # type: ignore[no-untyped-def]
    return f"/en/seller/shop/{shop.pk}/"


def _add(client, shop, login: str, scope: str = HelperScope.ORDERS):  # type: ignore[no-untyped-def]
    return client.post(
        f"{_base(shop)}helpers/new/",
        {"login": login, "kind": HelperKind.FEDERATION_WORKER, "scope": scope, "note": "每周二"},
    )


def test_helpers_add_by_mobile_number_lists_them_with_role_and_scope(client, seller, shop):
    # given
    helper = UserFactory(name="王专委", mobile="13712345678")
    client.force_login(seller)
    # when
    response = _add(client, shop, "137 1234 5678")
    html = client.get(f"{_base(shop)}helpers/").content.decode()
    # then
    assert response["Location"] == f"{_base(shop)}helpers/"
    grant = HelperGrant.objects.get(seller=shop)
    assert (grant.helper, grant.kind, grant.scope, grant.note) == (
        helper,
        HelperKind.FEDERATION_WORKER,
        HelperScope.ORDERS,
        "每周二",
    )
    assert "王专委" in html
    assert "disability federation worker" in html
    assert "orders" in html
    event = AuditEvent.objects.get(event_type=AuditEventType.HELPER_GRANTED)
    assert (event.actor, event.seller) == (seller, shop)


def test_helpers_add_by_email_address(client, seller, shop):
    helper = UserFactory(email="Helper@Example.test")
    client.force_login(seller)
    _add(client, shop, "helper@example.test")
    assert HelperGrant.objects.get(seller=shop).helper == helper


def test_helpers_add_unknown_account_says_so_plainly_and_keeps_answers(client, seller, shop):
    # given
    client.force_login(seller)
    # when
    response = _add(client, shop, "13600000000")
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "No account uses this mobile number or email address." in html
    assert 'href="#id_login"' in html
    assert 'value="13600000000"' in html
    assert 'value="federation_worker" id="id_kind_1" required checked' in html
    assert not HelperGrant.objects.exists()


def test_helpers_add_the_owner_themself_is_refused(client, seller, shop):
    client.force_login(seller)
    html = _add(client, shop, str(seller.mobile)).content.decode()
    assert "owners need no helper access" in html


def test_helpers_add_twice_is_refused(client, seller, shop):
    grant = HelperGrantFactory(seller=shop)
    client.force_login(seller)
    html = _add(client, shop, str(grant.helper.mobile)).content.decode()
    assert "This person already helps your shop." in html


def test_helpers_add_without_answers_lists_every_question(client, seller, shop):
    client.force_login(seller)
    html = client.post(f"{_base(shop)}helpers/new/", {}).content.decode()
    for anchor in ("id_login", "id_kind_0", "id_scope_0"):
        assert f'href="#{anchor}"' in html


def test_helpers_change_scope_and_revoke(client, seller, shop):
    # given
    grant = HelperGrantFactory(seller=shop, scope=HelperScope.PRODUCTS)
    client.force_login(seller)
    # when
    scope_page = client.get(f"{_base(shop)}helpers/{grant.pk}/scope/").content.decode()
    client.post(f"{_base(shop)}helpers/{grant.pk}/scope/", {"scope": HelperScope.ALL})
    question = client.get(f"{_base(shop)}helpers/{grant.pk}/revoke/").content.decode()
    revoked = client.post(f"{_base(shop)}helpers/{grant.pk}/revoke/", {"reason": "搬走了"})
    # then
    assert 'value="products" id="id_scope_0" required checked' in scope_page
    assert "They can no longer see or change anything in your shop." in question
    assert revoked.status_code == 302
    grant.refresh_from_db()
    assert grant.scope == HelperScope.ALL
    assert grant.revoked_at is not None
    html = client.get(f"{_base(shop)}helpers/").content.decode()
    assert "Helped before" in html
    assert client.get(f"{_base(shop)}helpers/{grant.pk}/scope/").status_code == 404
    event = AuditEvent.objects.get(event_type=AuditEventType.HELPER_REVOKED)
    assert event.extra_data["reason"] == "搬走了"


def test_helpers_of_another_shop_cannot_be_changed(client, seller, shop, other_producer):
    grant = HelperGrantFactory(seller=other_producer)
    client.force_login(seller)
    for path in ("scope/", "revoke/"):
        assert client.get(f"{_base(shop)}helpers/{grant.pk}/{path}").status_code == 404
        assert client.post(f"{_base(shop)}helpers/{grant.pk}/{path}", {}).status_code == 404
    grant.refresh_from_db()
    assert grant.revoked_at is None


def test_helpers_page_is_for_owners_only(client, shop):
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ALL).helper
    client.force_login(helper)
    assert client.get(f"{_base(shop)}helpers/").status_code == 404
    assert _add(client, shop, "13600000000").status_code == 404


@pytest.mark.parametrize("count", [1, 6])
def test_helpers_page_query_count_does_not_grow_with_helpers(
    client, seller, shop, django_assert_num_queries, count
):
    # given
    for _ in range(count):
        HelperGrantFactory(seller=shop)
    client.force_login(seller)
    # when / then: session, user, shop, grants with helpers
    with django_assert_num_queries(4):
        response = client.get(f"{_base(shop)}helpers/")
    assert response.content.decode().count("Take access away") == count


def _refund_request(shop, helper, sub_order, amount="10.00"):  # type: ignore[no-untyped-def]
    return request_seller_confirmation(
        shop,
        action=SellerAction.REFUND_ORDERS,
        actor=helper,
        summary=f"退款 {amount} 元：订单 {sub_order.order_id}",
        payload={"sub_order": sub_order.pk, "amount": amount},
    )


def test_confirmations_are_shown_on_home_and_confirming_refunds_the_buyer(
    client, seller, shop, place_paid_order
):
    # given
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    sub_order = place_paid_order().sub_orders.get(producer=shop)
    request = _refund_request(shop, helper, sub_order)
    client.force_login(seller)
    # when
    home = client.get("/en/seller/").content.decode()
    page = client.get(f"{_base(shop)}confirmations/").content.decode()
    response = client.post(
        f"{_base(shop)}confirmations/{request.pk}/", {"decision": "confirm"}, follow=True
    )
    # then
    assert f"{_base(shop)}confirmations/" in home
    assert "1 waiting for you" in home
    assert request.summary in page
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (ConfirmationStatus.CONFIRMED, seller)
    sub_order.refresh_from_db()
    assert str(sub_order.refunded_amount) == "10.00"
    assert "Confirmed:" in response.content.decode()


def test_confirmations_decline_does_nothing_else(client, seller, shop, place_paid_order):
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    sub_order = place_paid_order().sub_orders.get(producer=shop)
    request = _refund_request(shop, helper, sub_order)
    client.force_login(seller)
    client.post(f"{_base(shop)}confirmations/{request.pk}/", {"decision": "decline"})
    request.refresh_from_db()
    sub_order.refresh_from_db()
    assert request.status == ConfirmationStatus.DECLINED
    assert sub_order.refunded_amount == 0
    assert sub_order.status != OrderStatus.REFUNDED


def test_confirmations_answered_twice_says_so(client, seller, shop, place_paid_order):
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    request = _refund_request(shop, helper, place_paid_order().sub_orders.get(producer=shop))
    client.force_login(seller)
    client.post(f"{_base(shop)}confirmations/{request.pk}/", {"decision": "decline"})
    response = client.post(
        f"{_base(shop)}confirmations/{request.pk}/", {"decision": "confirm"}, follow=True
    )
    assert "This request was already answered." in response.content.decode()


def test_confirmations_are_for_owners_only_and_other_shops_are_404(
    client, seller, shop, other_producer, place_paid_order
):
    # given
    helper = HelperGrantFactory(seller=shop, scope=HelperScope.ALL).helper
    request = _refund_request(shop, helper, place_paid_order().sub_orders.get(producer=shop))
    # when / then: the helper who prepared it cannot confirm it
    client.force_login(helper)
    assert client.get(f"{_base(shop)}confirmations/").status_code == 404
    assert client.post(f"{_base(shop)}confirmations/{request.pk}/", {}).status_code == 404
    # and another shop's owner reaches nothing
    client.force_login(other_producer.owner or UserFactory())
    assert client.post(f"{_base(shop)}confirmations/{request.pk}/", {}).status_code == 404
    request.refresh_from_db()
    assert request.status == ConfirmationStatus.PENDING


def test_helper_and_confirmation_forms_refuse_posts_without_csrf(seller, shop):
    grant = HelperGrantFactory(seller=shop)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seller)
    for path in ("helpers/new/", f"helpers/{grant.pk}/scope/", f"helpers/{grant.pk}/revoke/",
                 "confirmations/1/"):  # fmt: skip
        assert strict.post(_base(shop) + path, {}).status_code == 403, path

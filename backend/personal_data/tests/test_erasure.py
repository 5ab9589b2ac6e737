from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth import authenticate
from django.utils import translation

from backend.audit.models import AuditEvent, AuditEventType
from backend.orders.models import Order
from backend.personal_data.encryption import lookup_hash
from backend.personal_data.erasure import delete_account, deletion_blockers
from backend.personal_data.errors import AccountAlreadyDeleted, AccountDeletionBlocked, NotYourData
from backend.personal_data.registry import ERASED_NAME
from backend.personal_data.tests.scenarios import (
    Marketplace,
    new_user,
    place_order,
    report_totals,
)
from backend.producers.models import Producer
from backend.reviews.lookups import public_author_name
from backend.reviews.models import ProductReview
from backend.sellers.models import HelperGrant, HelperKind, HelperScope, SellerMembership
from backend.verification.models import VerificationEvidence

pytestmark = pytest.mark.django_db


def test_delete_account_buyer_keeps_every_report_total(
    market: Marketplace, django_capture_on_commit_callbacks
) -> None:
    # given
    before = report_totals()

    # when
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(market.buyer, actor=market.buyer)

    # then
    assert report_totals() == before


def test_delete_account_shop_owner_keeps_every_report_total(
    market: Marketplace, django_capture_on_commit_callbacks
) -> None:
    # given
    before = report_totals()

    # when
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(market.seller, actor=market.seller)
        delete_account(market.buyer, actor=market.buyer)

    # then
    assert report_totals() == before


def test_delete_account_buyer_anonymises_account_orders_and_review(
    market: Marketplace, django_capture_on_commit_callbacks
) -> None:
    # given
    buyer_id = market.buyer.pk

    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = delete_account(market.buyer, actor=market.buyer)

    # then
    market.buyer.refresh_from_db()
    assert market.buyer.name == ERASED_NAME
    assert market.buyer.email == f"deleted-{buyer_id}@erased.invalid"
    assert market.buyer.mobile is None
    assert not market.buyer.is_active
    assert not market.buyer.has_usable_password()
    assert authenticate(username="wang.buyer@example.test", password="x") is None
    order = Order.objects.get(pk=market.order.pk)
    assert (order.recipient_name, order.mobile, order.email, order.address_detail) == (
        ERASED_NAME,
        "",
        "",
        "",
    )
    assert order.county_name  # the destination county stays for statistics
    review = ProductReview.objects.get(pk=market.review.pk)
    assert review.author_id is None
    with translation.override("en"):
        assert public_author_name(review.author) == "Deleted user"
    assert result.counts["orders"] == 1
    assert result.counts["reviews"] == 1


def test_delete_account_writes_one_audit_row_without_personal_data(market: Marketplace) -> None:
    # when
    delete_account(market.buyer, actor=market.buyer)

    # then
    event = AuditEvent.objects.get(event_type=AuditEventType.ACCOUNT_DELETED)
    assert event.actor_id == market.buyer.pk
    assert event.subject_type == "accounts.user"
    assert event.subject_id == str(market.buyer.pk)
    assert event.extra_data["erased"]["orders"] == 1
    assert "wang" not in str(event.extra_data)


def test_delete_account_sole_owner_closes_and_anonymises_the_shop(
    market: Marketplace, private_folders: Path, django_capture_on_commit_callbacks
) -> None:
    # given
    shop = market.shop
    number = shop.disability_certificate_number
    stored = Path(VerificationEvidence.objects.get(pk=market.evidence.pk).file.path)
    assert stored.exists()
    helper = new_user(name="志愿者")
    HelperGrant.objects.create(
        seller=shop, helper=helper, kind=HelperKind.VOLUNTEER, scope=HelperScope.ALL
    )

    # when
    with django_capture_on_commit_callbacks(execute=True):
        result = delete_account(market.seller, actor=market.seller)

    # then
    shop.refresh_from_db()
    assert not shop.is_active
    assert shop.owner_id is None
    assert shop.name == f"已关闭的店铺 {shop.pk}"
    assert (shop.contact_name, shop.address_detail, shop.story) == ("", "", "")
    assert shop.disability_certificate_number == ""
    assert shop.disability_certificate_number_hash == ""
    assert not Producer.objects.filter(disability_certificate_number_hash=lookup_hash(number))
    assert shop.disability_category == 4  # a statistics input, no longer linked to anyone
    evidence = VerificationEvidence.objects.get(pk=market.evidence.pk)
    assert (evidence.file.name, evidence.sha256, evidence.original_name) == ("", "", "")
    assert not stored.exists()
    assert not HelperGrant.objects.filter(seller=shop, revoked_at__isnull=True).exists()
    assert result.closed_shop_ids == [shop.pk]
    closed = AuditEvent.objects.get(event_type=AuditEventType.ACCOUNT_DELETED, seller=shop)
    assert closed.extra_data == {"shop": "closed"}


def test_delete_account_files_are_removed_only_after_commit(market: Marketplace) -> None:
    # given
    stored = Path(VerificationEvidence.objects.get(pk=market.evidence.pk).file.path)

    # when: the test's transaction never commits
    delete_account(market.seller, actor=market.seller)

    # then
    assert stored.exists()


def test_delete_account_owner_with_co_owner_hands_the_shop_over(market: Marketplace) -> None:
    # given
    heir = new_user(name="李家儿子")
    SellerMembership.objects.create(seller=market.shop, user=heir)

    # when
    delete_account(market.seller, actor=market.seller)

    # then
    market.shop.refresh_from_db()
    assert market.shop.is_active
    assert market.shop.owner_id == heir.pk
    assert market.shop.name == "小李的党参店"


def test_delete_account_with_undelivered_order_is_refused_and_changes_nothing(
    market: Marketplace,
) -> None:
    # given: a second order, not paid yet
    place_order(market.channel, market.courier, market.buyer, market.shop)

    # when
    with translation.override("en"), pytest.raises(AccountDeletionBlocked) as raised:
        delete_account(market.buyer, actor=market.buyer)

    # then
    assert [b.code for b in raised.value.blockers] == ["order_in_progress"]
    with translation.override("en"):
        assert "not finished" in str(raised.value.blockers[0].message)
    market.buyer.refresh_from_db()
    assert market.buyer.is_active
    assert not AuditEvent.objects.filter(event_type=AuditEventType.ACCOUNT_DELETED).exists()


def test_deletion_blockers_shop_with_unfinished_order_and_unpaid_balance(
    market: Marketplace,
) -> None:
    # given: another buyer's order, paid (so the shop is owed money) but not shipped
    from backend.payments.offline import confirm_offline_payment

    other = new_user(name="另一位买家")
    order = place_order(market.channel, market.courier, other, market.shop)
    confirm_offline_payment(order, actor=None)

    # when
    with translation.override("en"):
        blockers = deletion_blockers(market.seller)

    # then: the message names the amount the shop is still owed
    assert [b.code for b in blockers] == ["shop_orders_in_progress", "payout_open"]
    with translation.override("en"):
        assert "yuan" in str(blockers[1].message)


def test_delete_account_someone_else_is_refused(market: Marketplace) -> None:
    with pytest.raises(NotYourData):
        delete_account(market.buyer, actor=market.seller)


def test_delete_account_twice_is_refused(market: Marketplace) -> None:
    # given
    delete_account(market.buyer, actor=market.buyer)

    # then
    with pytest.raises(AccountAlreadyDeleted):
        delete_account(market.buyer, actor=market.buyer)


def test_delete_account_closed_shop_logo_and_its_renditions_are_removed(
    market: Marketplace, private_folders: Path, django_capture_on_commit_callbacks
) -> None:
    # given
    from backend.producers.shop_logo import set_shop_logo
    from backend.verification.tests.conftest import png_upload

    with django_capture_on_commit_callbacks(execute=True):
        set_shop_logo(market.shop, upload=png_upload("logo.png"), alt="党参", actor=market.seller)
    market.shop.refresh_from_db()
    folder = Path(market.shop.logo.path).parent
    assert any(folder.iterdir())

    # when
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(market.seller, actor=market.seller)

    # then
    market.shop.refresh_from_db()
    assert market.shop.logo.name == ""
    assert not [p for p in (private_folders / "media").rglob("*") if p.is_file()]


def test_delete_account_anonymises_a_shop_that_was_already_inactive(market: Marketplace) -> None:
    # given
    Producer.objects.filter(pk=market.shop.pk).update(is_active=False)

    # when
    delete_account(market.seller, actor=market.seller)

    # then
    market.shop.refresh_from_db()
    assert market.shop.disability_certificate_number == ""
    assert market.shop.owner_id is None


def test_delete_account_costs_the_same_queries_for_one_and_many_orders(
    market: Marketplace,
) -> None:
    # given: one buyer with one finished order and review, another with three
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from backend.personal_data.tests.scenarios import finish_order

    other = new_user(name="常客", email="regular@example.test")
    for _ in range(3):
        finish_order(place_order(market.channel, market.courier, other, market.shop))

    # when
    counts = []
    for person in (market.buyer, other):
        with CaptureQueriesContext(connection) as captured:
            delete_account(person, actor=person)
        counts.append(len(captured.captured_queries))

    # then
    assert counts[0] == counts[1]

"""Shop services: open a shop, change its profile, logo, links and identity numbers."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.errors import ShopError, ShopErrorCode
from backend.producers.models import ProducerKind
from backend.producers.shop_identity import CERTIFICATE, HOUSEHOLD, set_identity_number
from backend.producers.shop_logo import remove_shop_logo, set_shop_logo
from backend.producers.shop_profile import (
    ShopDraft,
    add_shop_link,
    open_shop,
    remove_shop_link,
    update_shop_profile,
)
from backend.producers.tests.factories import (
    PoorHouseholdFactory,
    ProducerFactory,
    make_certificate,
)
from backend.regions.models import Region
from backend.sellers.models import HelperScope
from backend.sellers.tests.factories import HelperGrantFactory
from backend.verification.applications import start_application
from tests.on_commit import without_search_indexing

pytestmark = pytest.mark.django_db


def _county(code: str = "621123") -> int:
    return Region.objects.get(code=code).pk


def _draft(**changes) -> ShopDraft:  # type: ignore[no-untyped-def]
    values = {"name": "小李的党参店", "kind": ProducerKind.COOPERATIVE, "county_id": _county()}
    values.update(changes)
    return ShopDraft(**values)


def _png() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (30, 30), (200, 30, 30)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def test_open_shop_creates_owner_region_slug_and_audit_row():
    # given
    owner = UserFactory(name="李店主")
    # when
    shop = open_shop(_draft(township="会川镇", story="  种党参。 "), owner=owner, actor=owner)
    # then
    assert (shop.owner, shop.region.code, shop.address_detail) == (owner, "621123", "会川镇")
    assert shop.story == "种党参。"
    assert shop.slug == "xiao-li-de-dang-shen-dian"
    event = AuditEvent.objects.get(seller=shop)
    assert (event.event_type, event.actor, event.on_behalf_of) == (
        AuditEventType.SHOP_PROFILE_UPDATED,
        owner,
        None,
    )
    assert event.extra_data["opened"] is True


def test_open_shop_same_name_twice_gets_another_slug():
    owner = UserFactory()
    first = open_shop(_draft(), owner=owner, actor=owner)
    second = open_shop(_draft(), owner=owner, actor=owner)
    assert first.slug != second.slug
    assert second.slug.startswith(first.slug)


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"name": " "}, "name", ShopErrorCode.REQUIRED),
        ({"name": "店" * 101}, "name", ShopErrorCode.TOO_LONG),
        ({"kind": "shop"}, "kind", ShopErrorCode.INVALID_KIND),
        ({"county_id": 0}, "county", ShopErrorCode.INVALID_REGION),
        ({"kind": ProducerKind.DISABLED_INDIVIDUAL}, CERTIFICATE, ShopErrorCode.REQUIRED),
        ({"kind": ProducerKind.POOR_HOUSEHOLD}, HOUSEHOLD, ShopErrorCode.REQUIRED),
        (
            {"kind": ProducerKind.DISABLED_INDIVIDUAL, "disability_certificate_number": "1"},
            CERTIFICATE,
            ShopErrorCode.INVALID_IDENTITY,
        ),
    ],
)
def test_open_shop_refuses_bad_answers_with_field_and_code(changes, field, code):
    owner = UserFactory()
    with pytest.raises(ShopError) as caught:
        open_shop(_draft(**changes), owner=owner, actor=owner)
    assert (caught.value.field, caught.value.code) == (field, code)


def test_open_shop_province_as_county_is_refused():
    owner = UserFactory()
    with pytest.raises(ShopError) as caught:
        open_shop(_draft(county_id=_county("62")), owner=owner, actor=owner)
    assert caught.value.code == ShopErrorCode.INVALID_REGION


def test_update_shop_profile_changes_only_what_is_given_and_records_old_and_new():
    # given
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner, name="旧名", story="旧故事")
    # when
    update_shop_profile(shop, actor=owner, name="新名")
    update_shop_profile(shop, actor=owner, name="新名")  # no change, no row
    # then
    shop.refresh_from_db()
    assert (shop.name, shop.story) == ("新名", "旧故事")
    event = AuditEvent.objects.get(seller=shop)
    assert (event.old, event.new) == ({"name": "旧名"}, {"name": "新名"})


def test_update_shop_profile_by_helper_records_for_the_owner_and_strangers_get_not_found():
    # given
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    orders_helper = HelperGrantFactory(seller=shop, scope=HelperScope.ORDERS).helper
    all_helper = HelperGrantFactory(seller=shop, scope=HelperScope.ALL).helper
    # when
    update_shop_profile(shop, actor=all_helper, story="帮忙写的")
    with pytest.raises(ShopError) as caught:
        update_shop_profile(shop, actor=orders_helper, story="不许")
    # then
    assert caught.value.code == ShopErrorCode.NOT_FOUND
    event = AuditEvent.objects.get(seller=shop)
    assert (event.actor, event.on_behalf_of) == (all_helper, owner)


def test_links_add_normalise_refuse_duplicates_and_remove():
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    link = add_shop_link(shop, platform=" 淘宝 ", url="shop.example.com/x", actor=owner)
    assert (link.platform, link.url) == ("淘宝", "https://shop.example.com/x")
    with pytest.raises(ShopError) as duplicate:
        add_shop_link(shop, platform="淘宝", url="https://shop.example.com/x", actor=owner)
    with pytest.raises(ShopError) as bad:
        add_shop_link(shop, platform="淘宝", url="javascript:alert(1)", actor=owner)
    remove_shop_link(shop, link.pk, actor=owner)
    with pytest.raises(ShopError) as gone:
        remove_shop_link(shop, link.pk, actor=owner)
    assert duplicate.value.code == ShopErrorCode.DUPLICATE_LINK
    assert bad.value.code == ShopErrorCode.INVALID_URL
    assert gone.value.code == ShopErrorCode.NOT_FOUND


def test_logo_set_and_remove_queue_renditions_and_deletion_after_commit(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    # given
    settings.MEDIA_ROOT = tmp_path
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    # when
    with django_capture_on_commit_callbacks() as added:
        set_shop_logo(shop, upload=_png(), alt="店标", actor=owner)
    shop.refresh_from_db()
    name = shop.logo.name
    with django_capture_on_commit_callbacks() as removed:
        remove_shop_logo(shop, actor=owner)
    # then
    assert name.startswith("producer-logos/")
    assert len(without_search_indexing(added)) == 1
    assert len(without_search_indexing(removed)) == 1
    shop.refresh_from_db()
    assert not shop.logo


def test_logo_bad_picture_and_missing_alt_are_refused():
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    fake = SimpleUploadedFile("logo.png", b"nope", content_type="image/png")
    with pytest.raises(ShopError) as bad:
        set_shop_logo(shop, upload=fake, alt="店标", actor=owner)
    with pytest.raises(ShopError) as no_alt:
        set_shop_logo(shop, upload=_png(), alt=" ", actor=owner)
    assert (bad.value.field, bad.value.code) == ("logo", ShopErrorCode.INVALID_IMAGE)
    assert (no_alt.value.field, no_alt.value.code) == ("alt", ShopErrorCode.REQUIRED)


def test_identity_number_set_masked_in_audit_and_locked_by_an_open_application():
    # given
    owner = UserFactory()
    shop = ProducerFactory.create(owner=owner)
    certificate = make_certificate(41, category=2, grade=1)
    # when
    set_identity_number(shop, field=CERTIFICATE, value=certificate, actor=owner)
    start_application(shop, kind="disabled", actor=owner)
    with pytest.raises(ShopError) as caught:
        set_identity_number(shop, field=CERTIFICATE, value=make_certificate(42), actor=owner)
    # then
    shop.refresh_from_db()
    assert (shop.disability_category, shop.disability_grade) == (2, 1)
    assert caught.value.code == ShopErrorCode.IDENTITY_IN_USE
    assert certificate not in str(AuditEvent.objects.filter(seller=shop).values_list("extra_data"))


def test_identity_household_number_is_checked():
    owner = UserFactory()
    shop = PoorHouseholdFactory.create(owner=owner)
    with pytest.raises(ShopError) as caught:
        set_identity_number(shop, field=HOUSEHOLD, value="短", actor=owner)
    assert caught.value.code == ShopErrorCode.INVALID_IDENTITY

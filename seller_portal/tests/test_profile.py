"""The shop profile: name, story, logo with alt text, other platforms, identity numbers."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from backend.audit.models import AuditEvent, AuditEventType
from backend.producers.models import ProducerShopLink
from backend.producers.tests.factories import DisabledSellerFactory, make_certificate
from backend.sellers.models import HelperScope
from backend.sellers.tests.factories import HelperGrantFactory
from backend.verification.applications import start_application

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def _png(name: str = "logo.png") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (60, 60), (20, 120, 60)).save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _base(shop) -> str:  # type: ignore[no-untyped-def]
    return f"/en/seller/shop/{shop.pk}/profile/"


def test_profile_summary_shows_what_buyers_read_and_masks_identity_numbers(client, seller):
    # given
    certificate = make_certificate(11)
    shop = DisabledSellerFactory.create(owner=seller, disability_certificate_number=certificate)
    ProducerShopLink.objects.create(producer=shop, platform="淘宝", url="https://example.com/t")
    client.force_login(seller)
    # when
    html = client.get(_base(shop)).content.decode()
    # then
    assert shop.name in html
    assert "淘宝" in html
    assert certificate not in html
    assert f"{certificate[:3]}" in html
    assert f"{_base(shop)}certificate/" in html


def test_profile_change_name_and_story_writes_audit_rows(client, seller, shop):
    # given
    client.force_login(seller)
    # when
    name = client.post(f"{_base(shop)}name/", {"name": "甲的党参店"})
    story = client.post(f"{_base(shop)}story/", {"story": "我从小在山里种党参。"})
    # then
    assert name["Location"] == _base(shop)
    assert story.status_code == 302
    shop.refresh_from_db()
    assert (shop.name, shop.story) == ("甲的党参店", "我从小在山里种党参。")
    rows = AuditEvent.objects.filter(seller=shop, event_type=AuditEventType.SHOP_PROFILE_UPDATED)
    assert [row.new for row in rows.order_by("pk")] == [
        {"name": "甲的党参店"},
        {"story": "我从小在山里种党参。"},
    ]
    assert rows.first().actor == seller  # type: ignore[union-attr]


def test_profile_empty_name_keeps_the_page_with_an_error(client, seller, shop):
    client.force_login(seller)
    html = client.post(f"{_base(shop)}name/", {"name": ""}).content.decode()
    assert "Enter the name of your shop" in html
    assert 'href="#id_name"' in html


def test_profile_logo_upload_with_alt_text_is_normalised_and_shown(client, seller, shop):
    # given
    client.force_login(seller)
    # when
    response = client.post(f"{_base(shop)}logo/", {"logo": _png(), "alt": "一棵党参"})
    # then
    assert response.status_code == 302
    shop.refresh_from_db()
    assert shop.logo.name.startswith("producer-logos/")
    assert shop.logo.name.endswith(".jpg")
    assert default_storage.exists(shop.logo.name)
    assert shop.logo_alt == "一棵党参"
    html = client.get(_base(shop)).content.decode()
    assert 'alt="一棵党参"' in html


def test_profile_logo_upload_error_keeps_the_alt_text(client, seller, shop):
    # given
    client.force_login(seller)
    fake = SimpleUploadedFile("logo.png", b"not a picture", content_type="image/png")
    # when
    response = client.post(f"{_base(shop)}logo/", {"logo": fake, "alt": "一棵党参"})
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_logo"' in html
    assert 'value="一棵党参"' in html
    shop.refresh_from_db()
    assert not shop.logo


def test_profile_logo_without_a_file_or_alt_asks_for_both(client, seller, shop):
    client.force_login(seller)
    html = client.post(f"{_base(shop)}logo/", {"alt": ""}).content.decode()
    assert 'href="#id_camera"' in html
    assert 'href="#id_alt"' in html
    assert 'capture="environment"' in html


def test_profile_logo_describe_and_remove(client, seller, shop):
    # given
    client.force_login(seller)
    client.post(f"{_base(shop)}logo/", {"logo": _png(), "alt": "一棵党参"})
    # when
    client.post(f"{_base(shop)}logo/describe/", {"alt": "店标：一棵党参"})
    shop.refresh_from_db()
    described = shop.logo_alt
    removed = client.post(f"{_base(shop)}logo/remove/")
    # then
    assert described == "店标：一棵党参"
    assert removed.status_code == 302
    shop.refresh_from_db()
    assert not shop.logo
    assert client.get(f"{_base(shop)}logo/describe/").status_code == 404


def test_profile_links_add_with_https_and_remove(client, seller, shop):
    # given
    client.force_login(seller)
    # when
    added = client.post(f"{_base(shop)}links/new/", {"platform": "京东", "url": "jd.example.com"})
    link = ProducerShopLink.objects.get(producer=shop)
    duplicate = client.post(
        f"{_base(shop)}links/new/", {"platform": "京东", "url": "https://jd.example.com"}
    )
    removed = client.post(f"{_base(shop)}links/{link.pk}/remove/")
    # then
    assert added.status_code == 302
    assert link.url == "https://jd.example.com"
    assert "This address is already in your list." in duplicate.content.decode()
    assert removed.status_code == 302
    assert not ProducerShopLink.objects.exists()


def test_profile_link_bad_address_keeps_the_platform(client, seller, shop):
    client.force_login(seller)
    html = client.post(
        f"{_base(shop)}links/new/", {"platform": "拼多多", "url": "not a web address"}
    ).content.decode()
    assert 'href="#id_url"' in html
    assert 'value="拼多多"' in html


def test_profile_link_of_another_shop_cannot_be_removed(client, seller, shop, other_producer):
    link = ProducerShopLink.objects.create(
        producer=other_producer, platform="淘宝", url="https://example.com/other"
    )
    client.force_login(seller)
    assert client.post(f"{_base(shop)}links/{link.pk}/remove/").status_code == 404
    assert ProducerShopLink.objects.filter(pk=link.pk).exists()


def test_profile_certificate_number_is_checked_stored_and_never_shown_in_full(client, seller, shop):
    # given
    client.force_login(seller)
    certificate = make_certificate(21, category=1, grade=3)
    # when
    bad = client.post(f"{_base(shop)}certificate/", {"disability_certificate_number": "123"})
    good = client.post(f"{_base(shop)}certificate/", {"disability_certificate_number": certificate})
    page = client.get(f"{_base(shop)}certificate/").content.decode()
    # then
    assert "A disability certificate number has 20 characters" in bad.content.decode()
    assert good.status_code == 302
    shop.refresh_from_db()
    assert (shop.disability_certificate_number, shop.disability_category) == (certificate, 1)
    assert certificate not in page
    event = AuditEvent.objects.get(seller=shop)
    assert certificate not in str(event.extra_data)


def test_profile_certificate_number_cannot_change_while_a_verification_rests_on_it(client, seller):
    # given
    shop = DisabledSellerFactory.create(owner=seller)
    start_application(shop, kind="disabled", actor=seller)
    client.force_login(seller)
    # when
    response = client.post(
        f"{_base(shop)}certificate/", {"disability_certificate_number": make_certificate(33)}
    )
    # then
    assert "cannot be changed here" in response.content.decode()


def test_profile_change_by_helper_is_recorded_for_the_seller(client, seller, shop):
    # given
    grant = HelperGrantFactory(seller=shop, scope=HelperScope.ALL)
    client.force_login(grant.helper)
    # when
    client.post(f"{_base(shop)}story/", {"story": "志愿者帮我写的故事。"})
    # then
    event = AuditEvent.objects.get(seller=shop)
    assert (event.actor, event.on_behalf_of) == (grant.helper, seller)
    assert event.extra_data["helper"]["scope"] == HelperScope.ALL


def test_profile_logo_description_empty_says_what_to_do(client, seller, shop):
    client.force_login(seller)
    client.post(f"{_base(shop)}logo/", {"logo": _png(), "alt": "一棵党参"})
    html = client.post(f"{_base(shop)}logo/describe/", {"alt": ""}).content.decode()
    assert "Say what the logo shows" in html
    assert 'href="#id_alt"' in html


def test_profile_household_number_is_checked_and_saved(client, seller, shop):
    client.force_login(seller)
    url = f"{_base(shop)}household-number/"
    bad = client.post(url, {"poor_household_number": "12-ab"}).content.decode()
    client.post(url, {"poor_household_number": "621123000123"})
    shop.refresh_from_db()
    assert "6 to 30 letters or digits" in bad
    assert shop.poor_household_number == "621123000123"


def test_profile_unknown_question_is_404(client, seller, shop):
    client.force_login(seller)
    assert client.get(f"{_base(shop)}nothing/").status_code == 404


def test_profile_forms_refuse_posts_without_csrf(seller, shop):
    link = ProducerShopLink.objects.create(producer=shop, platform="淘宝", url="https://e.test/")
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seller)
    for path, data in [
        ("name/", {"name": "店"}),
        ("story/", {"story": "x"}),
        ("certificate/", {"disability_certificate_number": "x"}),
        ("household-number/", {"poor_household_number": "x"}),
        ("logo/", {"alt": "x"}),
        ("logo/describe/", {"alt": "x"}),
        ("logo/remove/", {}),
        ("links/new/", {"platform": "淘宝", "url": "https://example.com"}),
        (f"links/{link.pk}/remove/", {}),
    ]:
        assert strict.post(_base(shop) + path, data).status_code == 403, path

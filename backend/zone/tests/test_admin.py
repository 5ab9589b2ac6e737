"""Operators curate the zone in the admin: pavilions with photos through the picture pipeline,
campaign prices refused below the producer's consent with the service's code, consents
recorded through the service."""

from __future__ import annotations

from decimal import Decimal
from io import BytesIO
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from backend.audit.models import AuditEvent, AuditEventType
from backend.regions.models import Region
from backend.zone.models import CampaignPrice, CampaignPriceConsent, Pavilion

pytestmark = pytest.mark.django_db


def error_codes(response: Any) -> dict[str, list[str | None]]:
    errors = response.context["adminform"].form.errors.as_data()
    return {field: [e.code for e in field_errors] for field, field_errors in errors.items()}


def photo(fmt: str = "PNG", size: tuple[int, int] = (120, 80)) -> SimpleUploadedFile:
    buffer = BytesIO()
    Image.new("RGB", size, (40, 120, 60)).save(buffer, fmt)
    return SimpleUploadedFile("梯田.png", buffer.getvalue(), content_type="image/png")


def test_admin_campaign_price_below_consent_is_refused_on_the_form(client, festival):
    # given
    client.force_login(festival.operator)

    # when
    response = client.post(
        reverse("admin:zone_campaignprice_add"),
        {"campaign": festival.campaign.pk, "variant": festival.millet.pk, "amount": "39.00"},
    )

    # then
    assert response.status_code == 200
    assert error_codes(response) == {"amount": ["below_consent"]}
    assert CampaignPrice.objects.get(variant=festival.millet).amount == Decimal("45.00")


def test_admin_campaign_price_within_consent_is_saved_through_the_service(client, festival):
    # given
    client.force_login(festival.operator)

    # when: the same campaign and variant again: the service changes the price
    response = client.post(
        reverse("admin:zone_campaignprice_add"),
        {"campaign": festival.campaign.pk, "variant": festival.millet.pk, "amount": "42.50"},
    )

    # then
    assert response.status_code == 302
    assert CampaignPrice.objects.get(variant=festival.millet).amount == Decimal("42.50")
    event = AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_SET).latest("pk")
    assert (event.extra_data["old"], event.extra_data["new"]) == ("45.00", "42.50")
    assert event.actor == festival.operator


def test_admin_consent_is_recorded_through_the_service(client, festival):
    # given
    client.force_login(festival.operator)

    # when
    response = client.post(
        reverse("admin:zone_campaignpriceconsent_add"),
        {
            "campaign": festival.campaign.pk,
            "variant": festival.beans.pk,
            "minimum_amount": "18.00",
            "how_agreed": "合作社理事会签字",
            "agreed_on": "2026-11-20",
        },
    )

    # then
    assert response.status_code == 302
    consent = CampaignPriceConsent.objects.get(variant=festival.beans)
    assert consent.minimum_amount == Decimal("18.00")
    assert consent.recorded_by == festival.operator
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.CAMPAIGN_PRICE_CONSENT_RECORDED, seller=festival.cooperative
    ).exists()


def test_admin_pavilion_with_a_photo_stores_the_normalised_picture(
    admin_client, settings, tmp_path
):
    # given
    settings.MEDIA_ROOT = str(tmp_path)
    county = Region.objects.get(code="621123")

    # when
    response = admin_client.post(
        reverse("admin:zone_pavilion_add"),
        {
            "county": county.pk,
            "name": "渭源党参馆",
            "slug": "weiyuan",
            "signature": "党参",
            "summary": "中国党参之乡",
            "story": "渭河源头的药材。",
            "is_published": "on",
            "sort_order": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-image": photo(),
            "photos-0-alt": "山坡上的党参地",
            "photos-0-sort_order": "0",
        },
    )

    # then: a JPEG under zone-photos with a random name and its size
    assert response.status_code == 302
    stored = Pavilion.objects.get(slug="weiyuan").photos.get()
    assert stored.image.name.startswith("zone-photos/")
    assert stored.image.name.endswith(".jpg")
    assert "梯田" not in stored.image.name
    assert (stored.width, stored.height) == (120, 80)


def test_admin_pavilion_photo_that_is_not_a_picture_is_refused(admin_client):
    # given
    county = Region.objects.get(code="621221")
    fake = SimpleUploadedFile("photo.png", b"not a picture", content_type="image/png")

    # when
    response = admin_client.post(
        reverse("admin:zone_pavilion_add"),
        {
            "county": county.pk,
            "name": "成县核桃馆",
            "slug": "chengxian",
            "signature": "核桃",
            "sort_order": "0",
            "photos-TOTAL_FORMS": "1",
            "photos-INITIAL_FORMS": "0",
            "photos-MIN_NUM_FORMS": "0",
            "photos-MAX_NUM_FORMS": "1000",
            "photos-0-image": fake,
            "photos-0-alt": "核桃",
            "photos-0-sort_order": "0",
        },
    )

    # then
    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.errors[0]["image"][0]
    assert not Pavilion.objects.exists()


@pytest.mark.parametrize(
    "model",
    [
        "pavilion",
        "regionalbrand",
        "campaign",
        "campaignpriceconsent",
        "campaignprice",
        "campaignorderline",
    ],
)
def test_admin_zone_pages_open(admin_client, festival, model):
    # when
    listing = admin_client.get(reverse(f"admin:zone_{model}_changelist"))
    adding = admin_client.get(reverse(f"admin:zone_{model}_add"))

    # then: order lines from campaigns are written by order creation only
    assert listing.status_code == 200
    assert adding.status_code == (403 if model == "campaignorderline" else 200)


def test_admin_campaign_list_links_each_report(admin_client, festival):
    # when
    html = admin_client.get(reverse("admin:zone_campaign_changelist")).content.decode()

    # then
    assert reverse("admin:zone_campaign_report", args=[festival.campaign.pk]) in html

"""Campaign prices within the producer's consent: refused below it or without it, audited."""

from __future__ import annotations

from decimal import Decimal

import pytest

from backend.audit.models import AuditEvent, AuditEventType
from backend.checkout.tests.scenarios import listed_variant
from backend.zone.campaign_prices import (
    record_price_consent,
    remove_campaign_price,
    set_campaign_price,
)
from backend.zone.errors import ZoneError, ZoneErrorCode
from backend.zone.models import CampaignPrice

pytestmark = pytest.mark.django_db


def test_set_campaign_price_at_or_above_consent_is_saved_and_audited(festival):
    # when
    price = set_campaign_price(
        festival.campaign, festival.millet.pk, amount="40.00", actor=festival.operator
    )

    # then
    assert price.amount == Decimal("40.00")
    event = AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_SET).latest("pk")
    assert event.actor == festival.operator
    assert event.seller_id == festival.household.pk
    assert event.subject_id == str(festival.campaign.pk)
    assert event.extra_data["old"] == "45.00"
    assert event.extra_data["new"] == "40.00"


def test_set_campaign_price_below_consent_is_refused_with_a_clear_error(festival):
    # when
    with pytest.raises(ZoneError) as refused:
        set_campaign_price(
            festival.campaign, festival.millet.pk, amount="39.99", actor=festival.operator
        )

    # then
    assert refused.value.code == ZoneErrorCode.BELOW_CONSENT
    assert refused.value.field == "amount"
    assert "40.00" in refused.value.message
    assert "39.99" in refused.value.message
    assert CampaignPrice.objects.get(variant=festival.millet).amount == Decimal("45.00")


def test_set_campaign_price_without_consent_is_refused(festival):
    # when
    with pytest.raises(ZoneError) as refused:
        set_campaign_price(
            festival.campaign, festival.beans.pk, amount="18.00", actor=festival.operator
        )

    # then
    assert refused.value.code == ZoneErrorCode.NO_CONSENT
    assert not CampaignPrice.objects.filter(variant=festival.beans).exists()


def test_set_campaign_price_of_a_product_not_featured_is_refused(channel, festival):
    # given
    stranger = listed_variant(channel, price="10.00")

    # when
    with pytest.raises(ZoneError) as refused:
        record_price_consent(
            festival.campaign,
            stranger.pk,
            minimum_amount="5.00",
            how_agreed="电话",
            actor=festival.operator,
        )

    # then
    assert refused.value.code == ZoneErrorCode.NOT_FEATURED


@pytest.mark.parametrize("amount", ["0", "-1", "12.345", "abc", "NaN", "Infinity"])
def test_set_campaign_price_invalid_amount_is_refused(festival, amount):
    # when
    with pytest.raises(ZoneError) as refused:
        set_campaign_price(
            festival.campaign, festival.millet.pk, amount=amount, actor=festival.operator
        )

    # then
    assert refused.value.code == ZoneErrorCode.INVALID_PRICE


def test_record_price_consent_above_existing_price_removes_that_price(festival):
    # when: the producer now wants at least 46.00, more than the 45.00 set
    record_price_consent(
        festival.campaign,
        festival.millet.pk,
        minimum_amount="46.00",
        how_agreed="电话",
        actor=festival.operator,
    )

    # then
    assert not CampaignPrice.objects.filter(variant=festival.millet).exists()
    removed = AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_REMOVED).get()
    assert removed.extra_data["old"] == "45.00"
    assert removed.extra_data["reason"] == "below_consent"


def test_remove_campaign_price_deletes_and_audits(festival):
    # when
    remove_campaign_price(festival.campaign, festival.millet.pk, actor=festival.operator)

    # then
    assert not CampaignPrice.objects.exists()
    assert AuditEvent.objects.filter(event_type=AuditEventType.CAMPAIGN_PRICE_REMOVED).count() == 1

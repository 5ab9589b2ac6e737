"""Campaign prices within the producer's consent.

A producer agrees, for one campaign and one variant, to a lowest price (`CampaignPriceConsent`);
an operator may then set a campaign price at or above it (`CampaignPrice`). A price below the
consent, or without one, is refused with `below_consent` / `no_consent`. Checkout pricing reads
the price only together with a consent it still satisfies (`backend.catalog.pricing`).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.catalog.models import ProductVariant
from backend.producers.models import IDENTITY_FIELDS
from backend.zone.errors import ZoneError, ZoneErrorCode
from backend.zone.events import record_campaign_event
from backend.zone.locks import lock_campaign
from backend.zone.models import Campaign, CampaignPrice, CampaignPriceConsent, CampaignProduct

CENT = Decimal("0.01")


def clean_amount(value: Decimal | str | int, *, field: str) -> Decimal:
    """A positive amount with at most two decimals, or `invalid_price`."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        amount = Decimal("NaN")
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise ZoneError(
            ZoneErrorCode.INVALID_PRICE,
            _("Enter a price above zero, in yuan with at most two decimals, such as 39.90."),
            field=field,
        )
    return amount.quantize(CENT)


def _featured_variant(campaign: Campaign, variant_id: int) -> ProductVariant:
    variant = (
        ProductVariant.objects.select_related("product__producer")
        .defer(*(f"product__producer__{name}" for name in IDENTITY_FIELDS))
        .filter(pk=variant_id)
        .first()
    )
    featured = (
        variant is not None
        and CampaignProduct.objects.filter(
            campaign_id=campaign.pk, product_id=variant.product_id
        ).exists()
    )
    if variant is None or not featured:
        raise ZoneError(
            ZoneErrorCode.NOT_FEATURED,
            _("This product is not featured in the campaign: feature it first."),
            field="variant",
        )
    return variant


def record_price_consent(
    campaign: Campaign,
    variant_id: int,
    *,
    minimum_amount: Decimal | str,
    how_agreed: str,
    agreed_on: date | None = None,
    actor: User | None,
) -> CampaignPriceConsent:
    """Record (or change) what the producer agreed to. Raising the minimum above a campaign
    price already set removes that price (audited): it is no longer within the consent."""
    minimum = clean_amount(minimum_amount, field="minimum_amount")
    with transaction.atomic(durable=True):
        campaign = lock_campaign(campaign.pk)
        variant = _featured_variant(campaign, variant_id)
        consent = CampaignPriceConsent.objects.filter(
            campaign_id=campaign.pk, variant_id=variant.pk
        ).first()
        old = str(consent.minimum_amount) if consent else None
        if consent is None:
            consent = CampaignPriceConsent(campaign=campaign, variant=variant)
        consent.minimum_amount = minimum
        consent.how_agreed = how_agreed.strip()
        consent.agreed_on = agreed_on or timezone.localdate()
        consent.recorded_by = actor
        consent.save()
        producer = variant.product.producer
        record_campaign_event(
            AuditEventType.CAMPAIGN_PRICE_CONSENT_RECORDED,
            campaign,
            actor=actor,
            seller=producer,
            old=old,
            new=str(minimum),
            extra={"variant_id": variant.pk, "how_agreed": consent.how_agreed},
        )
        stale = CampaignPrice.objects.filter(
            campaign_id=campaign.pk, variant_id=variant.pk, amount__lt=minimum
        ).first()
        if stale is not None:
            stale.delete()
            record_campaign_event(
                AuditEventType.CAMPAIGN_PRICE_REMOVED,
                campaign,
                actor=actor,
                seller=producer,
                old=str(stale.amount),
                new=None,
                extra={"variant_id": variant.pk, "reason": "below_consent"},
            )
    return consent


def check_within_consent(consent: CampaignPriceConsent | None, amount: Decimal) -> None:
    """The rule itself: a consent exists and the amount is not below it."""
    if consent is None:
        raise ZoneError(
            ZoneErrorCode.NO_CONSENT,
            _(
                "The producer has not agreed to a campaign price for this item. Record their "
                "consent first."
            ),
            field="amount",
        )
    if amount < consent.minimum_amount:
        raise ZoneError(
            ZoneErrorCode.BELOW_CONSENT,
            _(
                "The producer agreed to no less than %(minimum)s yuan for this item; "
                "%(amount)s yuan is below that."
            ),
            field="amount",
            params={"minimum": consent.minimum_amount, "amount": amount},
        )


def set_campaign_price(
    campaign: Campaign, variant_id: int, *, amount: Decimal | str, actor: User | None
) -> CampaignPrice:
    """Set the campaign price of a featured variant; refused below the producer's consent."""
    value = clean_amount(amount, field="amount")
    with transaction.atomic(durable=True):
        campaign = lock_campaign(campaign.pk)
        variant = _featured_variant(campaign, variant_id)
        consent = CampaignPriceConsent.objects.filter(
            campaign_id=campaign.pk, variant_id=variant.pk
        ).first()
        check_within_consent(consent, value)
        price = CampaignPrice.objects.filter(campaign_id=campaign.pk, variant_id=variant.pk).first()
        old = str(price.amount) if price else None
        if price is None:
            price = CampaignPrice(campaign=campaign, variant=variant)
        price.amount = value
        price.save()
        record_campaign_event(
            AuditEventType.CAMPAIGN_PRICE_SET,
            campaign,
            actor=actor,
            seller=variant.product.producer,
            old=old,
            new=str(value),
            extra={"variant_id": variant.pk},
        )
    return price


def remove_campaign_price(campaign: Campaign, variant_id: int, *, actor: User | None) -> None:
    with transaction.atomic(durable=True):
        campaign = lock_campaign(campaign.pk)
        price = (
            CampaignPrice.objects.select_related("variant__product__producer")
            .defer(*(f"variant__product__producer__{name}" for name in IDENTITY_FIELDS))
            .filter(campaign_id=campaign.pk, variant_id=variant_id)
            .first()
        )
        if price is None:
            return
        price.delete()
        record_campaign_event(
            AuditEventType.CAMPAIGN_PRICE_REMOVED,
            campaign,
            actor=actor,
            seller=price.variant.product.producer,
            old=str(price.amount),
            new=None,
            extra={"variant_id": variant_id},
        )

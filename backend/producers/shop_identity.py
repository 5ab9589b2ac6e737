"""The shop's identity numbers: a disabled seller's certificate number, a poor household's
registration number.

They are sensitive personal information (PIPL): checked by `backend.producers.identity`, never
written in full to the audit log, and never changed by the seller while a verification rests on
them — an open application or a live approval of that kind — so a verified number cannot be
swapped for another one afterwards (the federation corrects it instead).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.producers.errors import ShopError, ShopErrorCode, not_found
from backend.producers.identity import (
    certificate_category_and_grade,
    mask_identity,
    validate_disability_certificate,
    validate_poor_household_number,
)
from backend.producers.models import Producer, ProducerKind
from backend.sellers.events import record_seller_action
from backend.sellers.locks import lock_seller
from backend.sellers.permissions import SellerAction, seller_policy

CERTIFICATE = "disability_certificate_number"
HOUSEHOLD = "poor_household_number"


def _invalid(field: str, error: ValidationError) -> ShopError:
    return ShopError(ShopErrorCode.INVALID_IDENTITY, error.messages[0], field=field)


def clean_certificate(value: str) -> str:
    try:
        return validate_disability_certificate(value)
    except ValidationError as error:
        raise _invalid(CERTIFICATE, error) from None


def clean_household_number(value: str) -> str:
    try:
        return validate_poor_household_number(value)
    except ValidationError as error:
        raise _invalid(HOUSEHOLD, error) from None


def needs_certificate(kind: str) -> bool:
    return kind == ProducerKind.DISABLED_INDIVIDUAL


def needs_household_number(kind: str) -> bool:
    return kind == ProducerKind.POOR_HOUSEHOLD


def checked_identity(kind: str, *, certificate: str = "", household: str = "") -> dict[str, Any]:
    """The identity fields to store for a new shop of `kind` (required ones must be given)."""
    fields: dict[str, Any] = {}
    if certificate.strip() or needs_certificate(kind):
        if not certificate.strip():
            raise ShopError(
                ShopErrorCode.REQUIRED,
                _("Enter the number on your disability certificate."),
                field=CERTIFICATE,
            )
        number = clean_certificate(certificate)
        category, grade = certificate_category_and_grade(number)
        fields.update(
            {CERTIFICATE: number, "disability_category": category, "disability_grade": grade}
        )
    if household.strip() or needs_household_number(kind):
        if not household.strip():
            raise ShopError(
                ShopErrorCode.REQUIRED,
                _("Enter your household's poverty registration number."),
                field=HOUSEHOLD,
            )
        fields[HOUSEHOLD] = clean_household_number(household)
    return fields


def _verification_kind(field: str) -> str:
    from backend.verification.models import VerificationKind

    return VerificationKind.DISABLED if field == CERTIFICATE else VerificationKind.POOR_HOUSEHOLD


def number_in_use(shop: Producer, field: str) -> bool:
    """True while an open application or a live approval rests on the stored number."""
    from backend.verification.models import OPEN_STATUSES
    from backend.verification.tags import live_verifications

    kind = _verification_kind(field)
    applications = shop.verification_applications.filter(kind=kind)
    return (
        applications.filter(status__in=OPEN_STATUSES).exists()
        or live_verifications().filter(seller_id=shop.pk, kind=kind).exists()
    )


def set_identity_number(shop: Producer, *, field: str, value: str, actor: User) -> Producer:
    """Store a new certificate or household number (EDIT_SHOP), unless a verification rests on
    the stored one."""
    if field not in (CERTIFICATE, HOUSEHOLD):
        raise ValueError(f"not an identity field: {field}")
    if not (value or "").strip():
        raise ShopError(
            ShopErrorCode.REQUIRED,
            _("Enter the number on your disability certificate.")
            if field == CERTIFICATE
            else _("Enter your household's poverty registration number."),
            field=field,
        )
    number = clean_certificate(value) if field == CERTIFICATE else clean_household_number(value)
    with transaction.atomic(durable=True):
        if not seller_policy.user_has_permission_for_instance(actor, SellerAction.EDIT_SHOP, shop):
            raise not_found()
        locked = lock_seller(shop.pk)
        old = getattr(locked, field)
        if old == number:
            return locked
        if old and number_in_use(locked, field):
            raise ShopError(
                ShopErrorCode.IDENTITY_IN_USE,
                _(
                    "Your verification uses the number you gave before, so it cannot be changed "
                    "here. Ask your disability federation or the platform to correct it."
                ),
                field=field,
            )
        updates: dict[str, Any] = {field: number}
        if field == CERTIFICATE:
            category, grade = certificate_category_and_grade(number)
            updates.update({"disability_category": category, "disability_grade": grade})
        for name, new_value in updates.items():
            setattr(locked, name, new_value)
        locked.save(update_fields=[*updates, "updated_at"])
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={field: mask_identity(old)} if old else None,
            new={field: mask_identity(number)},
        )
    return locked

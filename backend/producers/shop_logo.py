"""Services: the shop's logo and what it shows (its alt text), through `backend.images`.

The upload gets every check product photos get (size, extension, real format, pixels, a full
decode); it is stored as a normalised JPEG without metadata under a random name in
`producer-logos/`, and its renditions are made after commit. A replaced or removed logo's files
go after commit too, unless another shop still shows the same file.
"""

from __future__ import annotations

import uuid
from functools import partial

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.audit.models import AuditEventType
from backend.images.processing import normalise_image
from backend.images.tasks import delete_image_files_task, make_renditions_task
from backend.images.validation import (
    ImageValidationError,
    UploadLike,
    ValidatedImage,
    validate_image_upload,
)
from backend.producers.errors import ShopError, ShopErrorCode, not_found
from backend.producers.models import Producer
from backend.sellers.events import record_seller_action
from backend.sellers.locks import lock_seller
from backend.sellers.permissions import SellerAction, seller_policy

LOGO_DIR = "producer-logos"
ALT_MAX_LENGTH = Producer._meta.get_field("logo_alt").max_length or 250


def clean_logo_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if not alt:
        raise ShopError(
            ShopErrorCode.REQUIRED,
            _("Say in a few words what the logo shows, for people who cannot see it."),
            field="alt",
        )
    if len(alt) > ALT_MAX_LENGTH:
        raise ShopError(
            ShopErrorCode.TOO_LONG,
            _("Keep the description under %(limit)d characters; this one has %(count)d."),
            field="alt",
            params={"limit": ALT_MAX_LENGTH, "count": len(alt)},
        )
    return alt


def _validated(upload: UploadLike) -> ValidatedImage:
    validated = getattr(upload, "validated_image", None)
    if isinstance(validated, ValidatedImage):
        return validated
    try:
        return validate_image_upload(upload)
    except ImageValidationError as exc:
        raise ShopError(ShopErrorCode(exc.error_code.value), exc.messages[0], field="logo") from exc


def _ensure_may_edit(actor: User, shop: Producer) -> None:
    if not seller_policy.user_has_permission_for_instance(actor, SellerAction.EDIT_SHOP, shop):
        raise not_found()


def _release(name: str) -> None:
    if name and not Producer.objects.filter(logo=name).exists():
        transaction.on_commit(partial(delete_image_files_task.delay, name))


def set_shop_logo(shop: Producer, *, upload: UploadLike, alt: str, actor: User) -> Producer:
    """Replace the logo (or add the first one). Raises ShopError."""
    alt = clean_logo_alt(alt)
    normalised = normalise_image(_validated(upload).image)
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        name = default_storage.save(
            f"{LOGO_DIR}/{uuid.uuid4().hex}.{normalised.extension}",
            ContentFile(normalised.content),
        )
        old_name, old_alt = locked.logo.name or "", locked.logo_alt
        locked.logo = name
        locked.logo_alt = alt
        locked.save(update_fields=["logo", "logo_alt", "updated_at"])
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={"logo": old_name, "logo_alt": old_alt} if old_name else None,
            new={"logo": name, "logo_alt": alt},
        )
        transaction.on_commit(partial(make_renditions_task.delay, name))
        _release(old_name)
    return locked


def describe_shop_logo(shop: Producer, *, alt: str, actor: User) -> Producer:
    alt = clean_logo_alt(alt)
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        if not locked.logo:
            raise not_found("logo")
        if locked.logo_alt == alt:
            return locked
        old = locked.logo_alt
        locked.logo_alt = alt
        locked.save(update_fields=["logo_alt", "updated_at"])
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={"logo_alt": old},
            new={"logo_alt": alt},
        )
    return locked


def remove_shop_logo(shop: Producer, *, actor: User) -> Producer:
    with transaction.atomic(durable=True):
        _ensure_may_edit(actor, shop)
        locked = lock_seller(shop.pk)
        old_name = locked.logo.name or ""
        if not old_name:
            return locked
        old_alt = locked.logo_alt
        locked.logo = ""
        locked.logo_alt = ""
        locked.save(update_fields=["logo", "logo_alt", "updated_at"])
        record_seller_action(
            locked,
            AuditEventType.SHOP_PROFILE_UPDATED,
            actor=actor,
            subject=locked,
            old={"logo": old_name, "logo_alt": old_alt},
            new={"logo": ""},
        )
        _release(old_name)
    return locked

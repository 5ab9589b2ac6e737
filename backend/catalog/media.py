"""Product photos: add, reorder and delete, through the picture pipeline of `backend.images`.

Every stored photo is a normalised original (orientation applied, no metadata, JPEG) under a
random name in `products/`; its renditions are made after commit by a Celery task (run in
process when there is no broker) and otherwise on the first request for one.

Services take the product the caller already resolved through a tenant-scoped lookup; media
ids are looked up within that product, so another product's photo is simply "not found".
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from backend.audit.models import AuditEventType
from backend.catalog.events import record_product_event
from backend.catalog.models import Product, ProductMedia, ProductMediaType
from backend.images.processing import NormalisedImage, normalise_image
from backend.images.tasks import delete_image_files_task, make_renditions_task
from backend.images.validation import (
    ImageValidationError,
    UploadLike,
    ValidatedImage,
    validate_image_upload,
)

if TYPE_CHECKING:
    from backend.accounts.models import User

ALT_MAX_LENGTH = ProductMedia._meta.get_field("alt").max_length or 250
PRODUCT_MEDIA_DIR = "products"


class ProductMediaErrorCode(enum.StrEnum):
    # the picture itself (same values as backend.images.validation.ImageErrorCode)
    FILE_TOO_LARGE = "file_too_large"
    INVALID_EXTENSION = "invalid_extension"
    INVALID_IMAGE = "invalid_image"
    FORMAT_MISMATCH = "format_mismatch"
    TOO_MANY_PIXELS = "too_many_pixels"
    # what is said about it, and where it goes
    ALT_REQUIRED = "alt_required"
    ALT_TOO_LONG = "alt_too_long"
    NOT_FOUND = "not_found"
    INVALID_ORDER = "invalid_order"


class ProductMediaError(Exception):
    """A refused request about product photos, with a code for programs and a message for
    people; `field` names the input the message is about."""

    def __init__(
        self,
        code: ProductMediaErrorCode,
        message: Any,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        self.message = str(message % self.params if self.params else message)
        super().__init__(self.message)


def add_product_media(
    product: Product, *, upload: UploadLike, alt: str, actor: User | None
) -> ProductMedia:
    """Check, normalise and store an uploaded photo as the product's last photo.

    An upload cleaned by `ImageUploadField` carries its decoded picture and is not decoded
    again. Raises `ProductMediaError`.
    """
    alt = _clean_alt(alt)
    validated = getattr(upload, "validated_image", None)
    if not isinstance(validated, ValidatedImage):
        validated = _validate(upload, field="image")
    normalised = normalise_image(validated.image)
    with transaction.atomic(durable=True):
        media = _save_media(product, normalised, alt=alt)
        record_product_event(
            AuditEventType.PRODUCT_MEDIA_CHANGED,
            product,
            actor=actor,
            new={"added": media.pk, "alt": alt},
        )
        return media


def update_product_media_alt(
    product: Product, media_id: int | str, *, alt: str, actor: User | None
) -> ProductMedia:
    """Change what a photo is said to show (its alt text)."""
    pk = _as_id(media_id)
    alt = _clean_alt(alt)
    with transaction.atomic(durable=True):
        media = ProductMedia.objects.filter(product=product, pk=pk).first()
        if media is None:
            raise ProductMediaError(
                ProductMediaErrorCode.NOT_FOUND,
                _("This photo does not exist or does not belong to this product."),
                field="media_id",
            )
        if media.alt != alt:
            old = media.alt
            media.alt = alt
            media.save(update_fields=["alt"])
            record_product_event(
                AuditEventType.PRODUCT_MEDIA_CHANGED,
                product,
                actor=actor,
                old={"media": pk, "alt": old},
                new={"media": pk, "alt": alt},
            )
        return media


def store_product_image(
    product: Product, image_bytes: bytes, *, alt: str, filename: str
) -> ProductMedia:
    """Store picture bytes (drawn by the demo loader, say) exactly as an upload is stored.

    Runs the same checks, normalisation and renditions as `add_product_media`; it may run
    inside the caller's transaction (renditions then follow that transaction's commit).
    """
    alt = _clean_alt(alt)
    validated = _validate(ContentFile(image_bytes, name=filename), field="image_bytes")
    normalised = normalise_image(validated.image)
    with transaction.atomic():
        return _save_media(product, normalised, alt=alt)


def reorder_product_media(
    product: Product, media_ids: Sequence[int | str], *, actor: User | None
) -> list[ProductMedia]:
    """Put the product's photos in the given order; every photo must be listed exactly once."""
    ids = [_as_id(value) for value in media_ids]
    with transaction.atomic(durable=True):
        media = {m.pk: m for m in ProductMedia.objects.filter(product=product)}
        unknown = [pk for pk in ids if pk not in media]
        if unknown:
            raise ProductMediaError(
                ProductMediaErrorCode.NOT_FOUND,
                _("Some of these photos do not belong to this product."),
                field="media_ids",
            )
        if len(set(ids)) != len(ids) or set(ids) != set(media):
            raise ProductMediaError(
                ProductMediaErrorCode.INVALID_ORDER,
                _("List every photo of the product exactly once, in the order you want."),
                field="media_ids",
            )
        ordered = [media[pk] for pk in ids]
        old_order = [m.pk for m in sorted(media.values(), key=lambda m: (m.sort_order, m.pk))]
        for index, item in enumerate(ordered):
            item.sort_order = index
        ProductMedia.objects.bulk_update(ordered, ["sort_order"])
        record_product_event(
            AuditEventType.PRODUCT_MEDIA_CHANGED,
            product,
            actor=actor,
            old={"order": old_order},
            new={"order": ids},
        )
    return ordered


def delete_product_media(product: Product, media_id: int | str, *, actor: User | None) -> None:
    """Delete one of the product's photos; its file and renditions go after commit."""
    pk = _as_id(media_id)
    with transaction.atomic(durable=True):
        media = ProductMedia.objects.filter(product=product, pk=pk).first()
        if media is None:
            raise ProductMediaError(
                ProductMediaErrorCode.NOT_FOUND,
                _("This photo does not exist or does not belong to this product."),
                field="media_id",
            )
        source_name = media.image.name
        media.delete()
        record_product_event(
            AuditEventType.PRODUCT_MEDIA_CHANGED,
            product,
            actor=actor,
            old={"deleted": pk, "alt": media.alt},
        )
        release_media_file(source_name)


def release_media_file(source_name: str) -> None:
    """After a photo row is deleted: remove its file and renditions once the transaction
    commits, unless another row still shows the same file (synthetic benchmark data shares
    one picture between many products)."""
    if not source_name or ProductMedia.objects.filter(image=source_name).exists():
        return
    transaction.on_commit(partial(delete_image_files_task.delay, source_name))


def _validate(upload: UploadLike, *, field: str) -> ValidatedImage:
    try:
        return validate_image_upload(upload)
    except ImageValidationError as exc:
        raise ProductMediaError(
            ProductMediaErrorCode(exc.error_code.value), exc.messages[0], field=field
        ) from exc


def _clean_alt(alt: str) -> str:
    alt = " ".join((alt or "").split())
    if not alt:
        raise ProductMediaError(
            ProductMediaErrorCode.ALT_REQUIRED,
            _("Say in a few words what the photo shows, for people who cannot see it."),
            field="alt",
        )
    if len(alt) > ALT_MAX_LENGTH:
        raise ProductMediaError(
            ProductMediaErrorCode.ALT_TOO_LONG,
            _("Keep the description under %(limit)d characters; this one has %(count)d."),
            field="alt",
            params={"limit": ALT_MAX_LENGTH, "count": len(alt)},
        )
    return alt


def _as_id(value: int | str) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ProductMediaError(
            ProductMediaErrorCode.NOT_FOUND, _("This photo does not exist."), field="media_id"
        ) from None


def _save_media(product: Product, normalised: NormalisedImage, *, alt: str) -> ProductMedia:
    """Write the original and the row; queue the renditions for after commit.

    If the surrounding transaction rolls back, the written original stays behind as an
    unreferenced file (harmless; a clean-up job can sweep them).
    """
    last = ProductMedia.objects.filter(product=product).aggregate(last=Max("sort_order"))["last"]
    media = ProductMedia(
        product=product,
        type=ProductMediaType.IMAGE,
        alt=alt,
        width=normalised.width,
        height=normalised.height,
        sort_order=0 if last is None else last + 1,
    )
    name = f"{uuid.uuid4().hex}.{normalised.extension}"
    media.image.save(name, ContentFile(normalised.content), save=False)
    media.save()
    transaction.on_commit(partial(make_renditions_task.delay, media.image.name))
    return media

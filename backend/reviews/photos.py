"""Review photos: the same checks as product photos (`backend.images.validation`), the same
normalisation (orientation applied, metadata and the original name dropped) and renditions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from backend.images.processing import NormalisedImage, normalise_image
from backend.images.tasks import make_renditions_task
from backend.images.validation import (
    ImageValidationError,
    UploadLike,
    ValidatedImage,
    validate_image_upload,
)
from backend.reviews.errors import ReviewError, ReviewErrorCode
from backend.reviews.models import MAX_REVIEW_PHOTOS, ProductReview, ReviewPhoto

ALT_MAX_LENGTH = 250


@dataclass(frozen=True)
class PhotoInput:
    upload: UploadLike
    alt: str = ""


def photo_field(index: int) -> str:
    return f"photos.{index}"


def check_photos(photos: Sequence[PhotoInput]) -> list[tuple[NormalisedImage, str]]:
    """Validate and normalise every photo before anything is written; raises `ReviewError`
    naming the photo (`photos.<index>`)."""
    if len(photos) > MAX_REVIEW_PHOTOS:
        raise ReviewError(
            ReviewErrorCode.TOO_MANY_PHOTOS,
            _("Add at most %(limit)d photos."),
            field="photos",
            params={"limit": MAX_REVIEW_PHOTOS},
        )
    ready = []
    for index, photo in enumerate(photos):
        validated = getattr(photo.upload, "validated_image", None)
        if not isinstance(validated, ValidatedImage):
            try:
                validated = validate_image_upload(photo.upload)
            except ImageValidationError as exc:
                raise ReviewError(
                    ReviewErrorCode(exc.error_code.value), exc.messages[0], field=photo_field(index)
                ) from exc
        alt = " ".join((photo.alt or "").split())
        if len(alt) > ALT_MAX_LENGTH:
            raise ReviewError(
                ReviewErrorCode.TOO_LONG,
                _("Keep the description under %(limit)d characters."),
                field=photo_field(index),
                params={"limit": ALT_MAX_LENGTH},
            )
        ready.append((normalise_image(validated.image), alt))
    return ready


def save_photos(
    review: ProductReview, photos: list[tuple[NormalisedImage, str]], *, default_alt: str
) -> list[ReviewPhoto]:
    """Store the normalised photos of a new review (inside the creating transaction);
    renditions are made after commit."""
    saved = []
    for index, (normalised, alt) in enumerate(photos):
        photo = ReviewPhoto(
            review=review,
            alt=alt or default_alt,
            width=normalised.width,
            height=normalised.height,
            sort_order=index,
        )
        photo.image.save(
            f"{uuid.uuid4().hex}.{normalised.extension}",
            ContentFile(normalised.content),
            save=False,
        )
        photo.save()
        transaction.on_commit(partial(make_renditions_task.delay, photo.image.name))
        saved.append(photo)
    return saved

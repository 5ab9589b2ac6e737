"""Pictures uploaded through the admin go through the same checks and normalisation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image

from backend.catalog.models import ProductMedia
from backend.catalog.tests.factories import ProductFactory
from backend.images.admin import picture_preview
from backend.images.renditions import FORMATS, SIZES, rendition_name, rendition_url
from backend.images.tests.conftest import image_bytes

pytestmark = pytest.mark.django_db

ADD_MEDIA = reverse("admin:catalog_productmedia_add")


def _photo_with_gps() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 8.0, 30.0)
    return image_bytes("JPEG", (60, 30), exif=exif)


def _post(client: Any, name: str, data: bytes, content_type: str = "image/jpeg") -> Any:
    product = ProductFactory.create()
    return client.post(
        ADD_MEDIA,
        {
            "product": product.pk,
            "alt": "晒场上的小米",
            "sort_order": "0",
            "image": SimpleUploadedFile(name, data, content_type=content_type),
        },
    )


def test_admin_photo_upload_is_stored_normalised_with_renditions(
    admin_client, media_root: Path, django_capture_on_commit_callbacks
):
    # given
    data = _photo_with_gps()
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(admin_client, "王家小院 的照片.jpg", data)
    # then
    assert response.status_code == 302
    media = ProductMedia.objects.get()
    assert media.image.name.startswith("products/")
    assert "王家" not in media.image.name
    assert (media.width, media.height) == (30, 60)
    with Image.open(media_root / media.image.name) as stored:
        assert stored.size == (30, 60)
        assert not stored.getexif()
    assert all(
        (media_root / rendition_name(media.image.name, s, f)).exists()
        for s in SIZES
        for f in FORMATS
    )


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("photo.jpg", b"a text file pretending to be a photo\n" * 10, "invalid_image"),
        ("photo.jpg", image_bytes("PNG", (8, 8)), "format_mismatch"),
        ("photo.tiff", image_bytes("TIFF", (8, 8)), "invalid_extension"),
    ],
)
def test_admin_photo_upload_bad_file_shows_the_coded_error(
    admin_client, media_root: Path, name, data, code
):
    # given: a file that must not be stored
    # when
    response = _post(admin_client, name, data)
    # then
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors.as_data()
    assert [error.code for error in errors["image"]] == [code]
    assert not ProductMedia.objects.exists()


def test_picture_preview_points_at_the_thumbnail_rendition():
    # given
    media = ProductMedia(image="products/abc.jpg", alt='小米 "特级"')
    # when
    html = str(picture_preview(media.image, media.alt))
    # then
    assert rendition_url("products/abc.jpg", "thumbnail", "jpeg") in html
    assert 'alt="小米 &quot;特级&quot;"' in html


def test_picture_preview_without_picture_is_a_dash():
    # given
    media = ProductMedia(image="")
    # when
    html = picture_preview(media.image)
    # then
    assert html == "—"


def test_picture_preview_outside_public_folders_shows_no_image():
    # given
    media = ProductMedia(image="private/certificate.jpg")
    # when
    html = str(picture_preview(media.image))
    # then
    assert "<img" not in html


def test_admin_photo_delete_removes_file_and_renditions(
    admin_client, media_root: Path, django_capture_on_commit_callbacks
):
    # given
    with django_capture_on_commit_callbacks(execute=True):
        _post(admin_client, "photo.jpg", _photo_with_gps())
    media = ProductMedia.objects.get()
    source = media.image.name
    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:catalog_productmedia_delete", args=[media.pk]), {"post": "yes"}
        )
    # then
    assert response.status_code == 302
    assert not (media_root / source).exists()
    assert not any(
        (media_root / rendition_name(source, s, f)).exists() for s in SIZES for f in FORMATS
    )

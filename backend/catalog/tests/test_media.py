from __future__ import annotations

from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import ExifTags, Image

from backend.catalog.media import (
    ProductMediaError,
    ProductMediaErrorCode,
    add_product_media,
    delete_product_media,
    reorder_product_media,
    store_product_image,
)
from backend.catalog.models import Product, ProductMedia
from backend.catalog.tests.factories import ProductFactory
from backend.images.renditions import FORMATS, SIZES, rendition_name
from tests.on_commit import without_search_indexing

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings: Any, tmp_path: Path) -> Path:
    root = tmp_path / "media"
    root.mkdir()
    settings.MEDIA_ROOT = str(root)
    return root


def _jpeg(size: tuple[int, int] = (640, 480), **save_kwargs: Any) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, (120, 80, 40)).save(buffer, "JPEG", **save_kwargs)
    return buffer.getvalue()


def _upload(data: bytes, name: str = "IMG_0001.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="image/jpeg")


def _product() -> Product:
    return ProductFactory.create()


def _renditions_exist(root: Path, source: str) -> list[bool]:
    return [(root / rendition_name(source, s, f)).exists() for s in SIZES for f in FORMATS]


def test_add_product_media_stores_clean_original_and_renditions_after_commit(
    media_root, django_capture_on_commit_callbacks
):
    # given
    product = _product()
    exif = Image.Exif()
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    exif[ExifTags.Base.Orientation] = 6
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        media = add_product_media(
            product, upload=_upload(_jpeg(exif=exif)), alt="晒干的党参", actor=None
        )
    # then
    media.refresh_from_db()
    assert media.image.name.startswith("products/")
    assert media.image.name.endswith(".jpg")
    assert "IMG_0001" not in media.image.name
    assert (media.width, media.height, media.alt) == (480, 640, "晒干的党参")
    with Image.open(media_root / media.image.name) as stored:
        assert not stored.getexif()
        assert stored.size == (480, 640)
    assert len(without_search_indexing(callbacks)) == 1
    assert all(_renditions_exist(media_root, media.image.name))


def test_add_product_media_renditions_wait_for_commit(
    media_root, django_capture_on_commit_callbacks
):
    # given
    product = _product()
    # when
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        media = add_product_media(product, upload=_upload(_jpeg()), alt="核桃", actor=None)
    # then
    assert len(without_search_indexing(callbacks)) == 1
    assert not any(_renditions_exist(media_root, media.image.name))


def test_add_product_media_appends_after_existing_photos(media_root):
    # given
    product = _product()
    first = add_product_media(product, upload=_upload(_jpeg()), alt="正面", actor=None)
    # when
    second = add_product_media(product, upload=_upload(_jpeg()), alt="背面", actor=None)
    # then
    assert (first.sort_order, second.sort_order) == (0, 1)


def test_add_product_media_text_file_renamed_jpg_is_refused(media_root):
    # given
    product = _product()
    fake = _upload(b"definitely not a photo " * 30, "photo.jpg")
    # when
    with pytest.raises(ProductMediaError) as exc:
        add_product_media(product, upload=fake, alt="核桃", actor=None)
    # then
    assert exc.value.code == ProductMediaErrorCode.INVALID_IMAGE
    assert exc.value.field == "image"
    assert not ProductMedia.objects.filter(product=product).exists()
    assert not list(media_root.rglob("*.jpg"))


@override_settings(IMAGE_MAX_UPLOAD_BYTES=200)
def test_add_product_media_oversized_file_is_refused(media_root):
    # given
    product = _product()
    # when
    with pytest.raises(ProductMediaError) as exc:
        add_product_media(product, upload=_upload(_jpeg()), alt="核桃", actor=None)
    # then
    assert exc.value.code == ProductMediaErrorCode.FILE_TOO_LARGE


@pytest.mark.parametrize(
    ("alt", "code"),
    [("  ", ProductMediaErrorCode.ALT_REQUIRED), ("字" * 251, ProductMediaErrorCode.ALT_TOO_LONG)],
)
def test_add_product_media_bad_alt_text_is_refused(media_root, alt, code):
    # given
    product = _product()
    # when
    with pytest.raises(ProductMediaError) as exc:
        add_product_media(product, upload=_upload(_jpeg()), alt=alt, actor=None)
    # then
    assert (exc.value.code, exc.value.field) == (code, "alt")


def test_store_product_image_matches_the_upload_pipeline(
    media_root, django_capture_on_commit_callbacks
):
    # given
    product = _product()
    drawn = BytesIO()
    Image.new("RGBA", (300, 200), (10, 120, 10, 255)).save(drawn, "PNG")
    # when
    with django_capture_on_commit_callbacks(execute=True):
        media = store_product_image(product, drawn.getvalue(), alt="绿色的茶叶", filename="tea.png")
    # then
    assert media.image.name.endswith(".jpg")
    assert (media.width, media.height) == (300, 200)
    with Image.open(media_root / media.image.name) as stored:
        assert (stored.format, stored.mode) == ("JPEG", "RGB")
    assert all(_renditions_exist(media_root, media.image.name))


def test_store_product_image_bad_bytes_are_refused(media_root):
    # given
    product = _product()
    # when
    with pytest.raises(ProductMediaError) as exc:
        store_product_image(product, b"<svg/>", alt="图", filename="drawing.svg")
    # then
    assert exc.value.code == ProductMediaErrorCode.INVALID_EXTENSION


def test_reorder_product_media_sets_the_given_order(media_root):
    # given
    product = _product()
    a, b, c = (
        add_product_media(product, upload=_upload(_jpeg()), alt=name, actor=None)
        for name in ("甲", "乙", "丙")
    )
    # when
    reorder_product_media(product, [c.pk, a.pk, str(b.pk)], actor=None)
    # then
    assert list(product.media.values_list("alt", flat=True)) == ["丙", "甲", "乙"]


def test_reorder_product_media_other_products_photo_is_not_found(media_root):
    # given
    product, other = _product(), _product()
    mine = add_product_media(product, upload=_upload(_jpeg()), alt="甲", actor=None)
    theirs = add_product_media(other, upload=_upload(_jpeg()), alt="乙", actor=None)
    # when
    with pytest.raises(ProductMediaError) as exc:
        reorder_product_media(product, [theirs.pk, mine.pk], actor=None)
    # then
    assert exc.value.code == ProductMediaErrorCode.NOT_FOUND
    theirs.refresh_from_db()
    assert theirs.sort_order == 0


@pytest.mark.parametrize("order", ["missing", "duplicated"])
def test_reorder_product_media_incomplete_or_repeated_list_is_refused(media_root, order):
    # given
    product = _product()
    a, b = (
        add_product_media(product, upload=_upload(_jpeg()), alt=name, actor=None)
        for name in ("甲", "乙")
    )
    ids = [b.pk] if order == "missing" else [b.pk, a.pk, b.pk]
    # when
    with pytest.raises(ProductMediaError) as exc:
        reorder_product_media(product, ids, actor=None)
    # then
    assert exc.value.code == ProductMediaErrorCode.INVALID_ORDER


def test_delete_product_media_removes_row_file_and_renditions(
    media_root, django_capture_on_commit_callbacks
):
    # given
    product = _product()
    with django_capture_on_commit_callbacks(execute=True):
        media = add_product_media(product, upload=_upload(_jpeg()), alt="甲", actor=None)
    source = media.image.name
    assert all(_renditions_exist(media_root, source))
    # when
    with django_capture_on_commit_callbacks(execute=True):
        delete_product_media(product, media.pk, actor=None)
    # then
    assert not ProductMedia.objects.filter(pk=media.pk).exists()
    assert not (media_root / source).exists()
    assert not any(_renditions_exist(media_root, source))


def test_delete_product_media_other_products_photo_is_not_found(media_root):
    # given
    product, other = _product(), _product()
    theirs = add_product_media(other, upload=_upload(_jpeg()), alt="乙", actor=None)
    # when
    with pytest.raises(ProductMediaError) as exc:
        delete_product_media(product, theirs.pk, actor=None)
    # then
    assert exc.value.code == ProductMediaErrorCode.NOT_FOUND
    assert ProductMedia.objects.filter(pk=theirs.pk).exists()


def test_delete_product_media_keeps_a_file_another_product_still_shows(
    media_root, django_capture_on_commit_callbacks
):
    # given: synthetic data shares one stored picture between products
    product, other = _product(), _product()
    with django_capture_on_commit_callbacks(execute=True):
        media = store_product_image(product, _jpeg(), alt="共用的图", filename="shared.jpg")
    ProductMedia.objects.create(product=other, image=media.image.name, alt=media.alt)
    # when
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        delete_product_media(product, media.pk, actor=None)
    # then
    assert without_search_indexing(callbacks) == []
    assert (media_root / media.image.name).exists()
    assert all(_renditions_exist(media_root, media.image.name))

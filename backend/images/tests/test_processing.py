from __future__ import annotations

import os
from io import BytesIO
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.test import override_settings
from PIL import ExifTags, Image, ImageCms

from backend.images.processing import delete_renditions, make_renditions, normalise_image
from backend.images.renditions import FORMATS, SIZES, rendition_name
from backend.images.tests.conftest import image_bytes, upload
from backend.images.validation import validate_image_upload


def _jpeg_with_gps_and_xmp() -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ShanCamera"
    exif[ExifTags.Base.Model] = "Model 7"
    exif[ExifTags.Base.DateTime] = "2024:05:01 10:00:00"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (35.0, 8.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (104.0, 12.0, 15.0)
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF>secret-place</rdf:RDF></x:xmpmeta>'
    return image_bytes("JPEG", (64, 48), exif=exif, xmp=xmp, comment=b"taken at home")


def _normalise(data: bytes, name: str = "photo.jpg") -> Image.Image:
    normalised = normalise_image(validate_image_upload(upload(name, data)).image)
    return Image.open(BytesIO(normalised.content))


def test_normalise_image_removes_gps_exif_xmp_and_comments():
    # given
    data = _jpeg_with_gps_and_xmp()
    source = Image.open(BytesIO(data))
    assert source.getexif().get_ifd(ExifTags.IFD.GPSInfo)  # the test photo does carry GPS
    # when
    result = _normalise(data)
    # then
    assert result.format == "JPEG"
    assert not result.getexif()
    assert not result.getexif().get_ifd(ExifTags.IFD.GPSInfo)
    assert not {"exif", "xmp", "comment", "icc_profile", "photoshop"} & set(result.info)
    raw = normalise_image(validate_image_upload(upload("p.jpg", data)).image).content
    assert b"Exif" not in raw
    assert b"secret-place" not in raw
    assert b"taken at home" not in raw


def test_normalise_image_applies_exif_orientation():
    # given: stored 40 wide and 20 high, to be shown rotated a quarter turn (orientation 6)
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    data = image_bytes("JPEG", (40, 20), exif=exif)
    # when
    result = _normalise(data)
    # then
    assert result.size == (20, 40)
    assert ExifTags.Base.Orientation not in result.getexif()


def test_normalise_image_puts_transparency_on_white():
    # given
    data = image_bytes("PNG", (10, 10), mode="RGBA", colour=(255, 0, 0, 0))
    # when
    result = _normalise(data, "logo.png")
    # then
    assert result.mode == "RGB"
    red, green, blue = result.getpixel((5, 5))  # type: ignore[misc]
    assert min(red, green, blue) > 245


def test_normalise_image_palette_with_transparent_index_becomes_white():
    # given
    palette_image = Image.new("P", (10, 10), 0)
    palette_image.putpalette([0, 0, 0] * 256)
    buffer = BytesIO()
    palette_image.save(buffer, "GIF", transparency=0)
    # when
    result = _normalise(buffer.getvalue(), "icon.gif")
    # then
    assert result.mode == "RGB"
    assert min(result.getpixel((5, 5))) > 245  # type: ignore[arg-type]


def test_normalise_image_drops_an_srgb_profile():
    # given
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    data = image_bytes("JPEG", (16, 16), icc_profile=srgb)
    # when
    result = _normalise(data)
    # then
    assert "icc_profile" not in result.info


def test_normalise_image_converts_a_16_bit_greyscale_png():
    # given
    grey = Image.new("I;16", (8, 8), 40_000)
    buffer = BytesIO()
    grey.save(buffer, "PNG")
    # when
    result = _normalise(buffer.getvalue(), "scan.png")
    # then
    assert result.mode == "RGB"
    assert 140 < result.getpixel((4, 4))[0] < 170  # type: ignore[index]


@override_settings(IMAGE_ORIGINAL_MAX_SIDE=100)
def test_normalise_image_shrinks_a_very_large_original():
    # given
    data = image_bytes("JPEG", (300, 150))
    # when
    result = _normalise(data)
    # then
    assert result.size == (100, 50)


def _store_source(size: tuple[int, int], name: str = "products/abc.jpg") -> str:
    return default_storage.save(name, ContentFile(image_bytes("JPEG", size)))


def test_make_renditions_writes_every_size_in_webp_and_jpeg(media_root: Path):
    # given
    source = _store_source((1300, 650))
    # when
    written = make_renditions(source)
    # then
    assert len(written) == len(SIZES) * len(FORMATS)
    expected = {"thumbnail": (160, 80), "card": (480, 240), "large": (1200, 600)}
    for size, dimensions in expected.items():
        for fmt, pillow_format in (("webp", "WEBP"), ("jpeg", "JPEG")):
            with Image.open(media_root / rendition_name(source, size, fmt)) as image:
                assert (image.format, image.size) == (pillow_format, dimensions)


def test_make_renditions_never_upscales(media_root: Path):
    # given
    source = _store_source((100, 80))
    # when
    make_renditions(source)
    # then
    for size in SIZES:
        for fmt in FORMATS:
            with Image.open(media_root / rendition_name(source, size, fmt)) as image:
                assert image.size == (100, 80)


def test_make_renditions_second_call_reuses_files(media_root: Path):
    # given
    source = _store_source((500, 300))
    make_renditions(source)
    paths = [media_root / rendition_name(source, s, f) for s in SIZES for f in FORMATS]
    before = {path: os.stat(path).st_mtime_ns for path in paths}
    # when
    written = make_renditions(source)
    # then
    assert written == []
    assert {path: os.stat(path).st_mtime_ns for path in paths} == before


def test_make_renditions_only_fills_in_what_is_missing(media_root: Path):
    # given
    source = _store_source((500, 300))
    make_renditions(source)
    missing = media_root / rendition_name(source, "card", "webp")
    missing.unlink()
    # when
    written = make_renditions(source)
    # then
    assert written == [rendition_name(source, "card", "webp")]
    assert missing.exists()


def test_make_renditions_leaves_no_temporary_files(media_root: Path):
    # given
    source = _store_source((300, 300))
    # when
    make_renditions(source)
    # then
    assert not list(media_root.rglob(".tmp-*"))


def test_delete_renditions_removes_every_rendition(media_root: Path):
    # given
    source = _store_source((300, 300))
    make_renditions(source)
    # when
    delete_renditions(source)
    # then
    assert not (media_root / "renditions").exists() or not any(
        p.is_file() for p in (media_root / "renditions").rglob("*")
    )
    assert (media_root / source).exists()


@pytest.mark.parametrize("mode", ["RGBA", "LA", "P", "CMYK", "L", "1"])
def test_make_renditions_any_source_mode_gives_rgb(media_root: Path, mode: str):
    # given
    fmt = "JPEG" if mode in ("CMYK", "L") else "PNG"
    colour = 0 if mode in ("P", "1", "L") else None
    data = image_bytes(fmt, (30, 20), mode=mode, colour=colour)
    source = default_storage.save(f"products/mode.{fmt.lower()}", ContentFile(data))
    # when
    make_renditions(source)
    # then
    with Image.open(media_root / rendition_name(source, "card", "jpeg")) as image:
        assert (image.mode, image.size) == ("RGB", (30, 20))

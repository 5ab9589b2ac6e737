from __future__ import annotations

import time
import tracemalloc
from io import BytesIO

import pytest
from django.test import override_settings
from django.utils import translation

from backend.images.tests.conftest import (
    animated_gif,
    image_bytes,
    png_header_only,
    upload,
)
from backend.images.validation import (
    ImageErrorCode,
    ImageValidationError,
    validate_image_upload,
)


def _code(exc: pytest.ExceptionInfo[ImageValidationError]) -> str | None:
    return exc.value.code


def test_validate_image_upload_valid_jpeg_returns_decoded_image():
    # given
    photo = upload("党参.jpg", image_bytes("JPEG", (64, 48)), "image/jpeg")
    # when
    validated = validate_image_upload(photo)
    # then
    assert (validated.format, validated.width, validated.height) == ("JPEG", 64, 48)
    assert validated.frames == 1
    assert validated.image.getpixel((1, 1)) is not None


@override_settings(IMAGE_MAX_UPLOAD_BYTES=100)
def test_validate_image_upload_oversized_file_is_refused_before_decoding():
    # given: not even an image, so only a size check that runs first can give this code
    big = upload("photo.jpg", b"x" * 101, "image/jpeg")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(big)
    # then
    assert _code(exc) == ImageErrorCode.FILE_TOO_LARGE


@override_settings(IMAGE_MAX_UPLOAD_BYTES=10_000)
def test_validate_image_upload_file_at_limit_is_accepted():
    # given
    data = image_bytes("PNG", (8, 8))
    # when
    validated = validate_image_upload(upload("small.png", data, "image/png"))
    # then
    assert validated.format == "PNG"


@pytest.mark.parametrize("name", ["photo.bmp", "photo.svg", "photo", "photo.jpg.exe"])
def test_validate_image_upload_wrong_extension_is_refused(name):
    # given
    photo = upload(name, image_bytes("BMP", (8, 8)))
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(photo)
    # then
    assert _code(exc) == ImageErrorCode.INVALID_EXTENSION


def test_validate_image_upload_text_file_renamed_jpg_is_refused():
    # given
    text = upload("photo.jpg", "这不是图片，只是一段文字。\n".encode() * 20, "image/jpeg")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(text)
    # then
    assert _code(exc) == ImageErrorCode.INVALID_IMAGE


def test_validate_image_upload_truncated_jpeg_is_refused():
    # given
    data = image_bytes("JPEG", (200, 200))
    truncated = upload("photo.jpg", data[: len(data) // 2], "image/jpeg")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(truncated)
    # then
    assert _code(exc) == ImageErrorCode.INVALID_IMAGE


def test_validate_image_upload_png_bytes_named_jpg_is_a_format_mismatch():
    # given
    disguised = upload("photo.jpg", image_bytes("PNG", (8, 8)), "image/jpeg")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(disguised)
    # then
    assert _code(exc) == ImageErrorCode.FORMAT_MISMATCH


def test_validate_image_upload_declared_mime_contradicting_format_is_a_mismatch():
    # given
    photo = upload("photo.jpg", image_bytes("JPEG", (8, 8)), "image/png")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(photo)
    # then
    assert _code(exc) == ImageErrorCode.FORMAT_MISMATCH


def test_validate_image_upload_generic_mime_type_is_not_a_contradiction():
    # given
    photo = upload("photo.webp", image_bytes("WEBP", (8, 8)), "application/octet-stream")
    # when
    validated = validate_image_upload(photo)
    # then
    assert validated.format == "WEBP"


def test_validate_image_upload_png_header_claiming_huge_size_fails_fast_and_small():
    # given: 100,000 x 100,000 pixels claimed by a 60-byte file (30 GB if decoded)
    bomb = upload("bomb.png", png_header_only(100_000, 100_000), "image/png")
    tracemalloc.start()
    started = time.perf_counter()
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(bomb)
    # then
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert _code(exc) == ImageErrorCode.TOO_MANY_PIXELS
    assert elapsed < 1.0
    assert peak < 5 * 1024 * 1024


@override_settings(IMAGE_MAX_PIXELS=10**12)
def test_validate_image_upload_pillow_bomb_warning_becomes_an_error():
    # given: our own limit is out of the way; 10,000 x 10,000 trips Pillow's bomb warning
    bomb = upload("bomb.png", png_header_only(10_000, 10_000), "image/png")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(bomb)
    # then
    assert _code(exc) == ImageErrorCode.TOO_MANY_PIXELS


@override_settings(IMAGE_MAX_PIXELS=1_000)
def test_validate_image_upload_too_many_pixels_is_refused():
    # given
    photo = upload("photo.png", image_bytes("PNG", (40, 40)), "image/png")
    # when
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(photo)
    # then
    assert _code(exc) == ImageErrorCode.TOO_MANY_PIXELS
    assert exc.value.params is not None
    assert exc.value.params["pixels"] == "1,600"


@override_settings(IMAGE_MAX_PIXELS=1_000)
def test_validate_image_upload_pixels_of_every_frame_count():
    # given: each 20 x 20 frame is under the limit, three of them are not
    single = upload("one.gif", animated_gif(1, (20, 20)), "image/gif")
    animated = upload("three.gif", animated_gif(3, (20, 20)), "image/gif")
    # when
    accepted = validate_image_upload(single)
    with pytest.raises(ImageValidationError) as exc:
        validate_image_upload(animated)
    # then
    assert accepted.frames == 1
    assert _code(exc) == ImageErrorCode.TOO_MANY_PIXELS


def test_validate_image_upload_error_message_tells_what_to_do():
    # given
    text = upload("notes.txt", b"hello")
    # when
    with translation.override("en"), pytest.raises(ImageValidationError) as exc:
        validate_image_upload(text)
    # then
    with translation.override("en"):
        assert "Upload a photo saved as JPEG, PNG, WebP, GIF" in exc.value.messages[0]


def test_validate_image_upload_plain_file_object_without_size_is_measured():
    # given
    class Plain(BytesIO):
        name = "photo.gif"

    # when
    validated = validate_image_upload(Plain(animated_gif(2, (10, 10))))  # type: ignore[arg-type]
    # then
    assert (validated.format, validated.frames) == ("GIF", 2)

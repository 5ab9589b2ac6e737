from __future__ import annotations

from io import BytesIO

from django import forms
from django.test import override_settings
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from PIL import ExifTags, Image

from backend.images.fields import ImageUploadField, NormalisedImageFile, NormalisedImageUploadField
from backend.images.tests.conftest import image_bytes, upload


class PhotoForm(forms.Form):
    photo = ImageUploadField()


class NormalisedPhotoForm(forms.Form):
    photo = NormalisedImageUploadField()


def test_image_upload_field_valid_upload_carries_the_decoded_image():
    # given
    form = PhotoForm(
        files=MultiValueDict(
            {"photo": [upload("a.png", image_bytes("PNG", (12, 10)), "image/png")]}
        )
    )
    # when
    valid = form.is_valid()
    # then
    assert valid
    assert form.cleaned_data["photo"].validated_image.width == 12


@override_settings(IMAGE_MAX_UPLOAD_BYTES=50)
def test_image_upload_field_error_has_the_stable_code():
    # given
    form = PhotoForm(
        files=MultiValueDict(
            {"photo": [upload("a.png", image_bytes("PNG", (40, 40)), "image/png")]}
        )
    )
    # when
    valid = form.is_valid()
    # then
    assert not valid
    assert form.errors.as_data()["photo"][0].code == "file_too_large"


def test_image_upload_field_renamed_text_file_is_a_form_error():
    # given
    form = PhotoForm(
        files=MultiValueDict({"photo": [upload("a.jpg", b"just some words " * 10, "image/jpeg")]})
    )
    # when
    valid = form.is_valid()
    # then
    assert not valid
    assert form.errors.as_data()["photo"][0].code == "invalid_image"


def test_image_upload_field_widget_accepts_only_allowed_types():
    # given
    form = PhotoForm()
    # when
    html = str(form["photo"])
    # then
    assert 'accept="image/jpeg,image/png,image/webp,image/gif,.jpg,.jpeg,.png,.webp,.gif"' in html


def test_normalised_image_upload_field_cleans_to_a_jpeg_without_metadata():
    # given
    exif = Image.Exif()
    exif[ExifTags.Base.Orientation] = 6
    exif.get_ifd(ExifTags.IFD.GPSInfo)[ExifTags.GPS.GPSLatitudeRef] = "N"
    data = image_bytes("JPEG", (40, 20), exif=exif)
    form = NormalisedPhotoForm(
        files=MultiValueDict({"photo": [upload("李家院子.jpg", data, "image/jpeg")]})
    )
    # when
    valid = form.is_valid()
    # then
    assert valid
    cleaned = form.cleaned_data["photo"]
    assert isinstance(cleaned, NormalisedImageFile)
    assert cleaned.name
    assert cleaned.name.endswith(".jpg")
    assert "李" not in cleaned.name
    assert (cleaned.width, cleaned.height) == (20, 40)
    with Image.open(BytesIO(cleaned.read())) as image:
        assert not image.getexif()


def test_image_upload_field_help_text_follows_the_active_language():
    # given
    form = PhotoForm()
    # when
    with translation.override("en"):
        english = str(form.fields["photo"].help_text)
    # then
    assert english.startswith("JPEG, PNG, WebP, GIF, up to ")

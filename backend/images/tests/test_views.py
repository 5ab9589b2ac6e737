from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image

from backend.images.renditions import rendition_name, rendition_url
from backend.images.tests.conftest import image_bytes

pytestmark = [pytest.mark.urls("backend.images.tests.urls"), pytest.mark.django_db]


def _source(name: str = "products/walnut.jpg", size: tuple[int, int] = (600, 400)) -> str:
    return default_storage.save(name, ContentFile(image_bytes("JPEG", size)))


def _body(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def test_rendition_view_missing_rendition_is_made_and_served(client, media_root: Path):
    # given
    source = _source()
    target = media_root / rendition_name(source, "card", "webp")
    assert not target.exists()
    # when
    response = client.get(rendition_url(source, "card", "webp"))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "image/webp"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=31536000" in response["Cache-Control"]
    assert target.exists()
    assert _body(response) == target.read_bytes()
    with Image.open(target) as image:
        assert image.size == (480, 320)


def test_rendition_view_existing_rendition_is_served_unchanged(client, media_root: Path):
    # given
    source = _source()
    client.get(rendition_url(source, "thumbnail", "jpeg"))
    target = media_root / rendition_name(source, "thumbnail", "jpeg")
    mtime = target.stat().st_mtime_ns
    # when
    response = client.get(rendition_url(source, "thumbnail", "jpeg"))
    # then
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert target.stat().st_mtime_ns == mtime
    assert _body(response) == target.read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/media/renditions/huge/products/walnut.jpg.webp",
        "/media/renditions/card/products/walnut.jpg.png",
        "/media/renditions/card/products/../../secret.jpg.webp",
        "/media/renditions/card/products/%2e%2e/%2e%2e/secret.jpg.webp",
        "/media/renditions/card//etc/passwd.webp",
        "/media/renditions/card/products/.hidden.jpg.webp",
        "/media/renditions/card/renditions/card/products/walnut.jpg.webp",
        "/media/renditions/card/private/certificate.jpg.webp",
        "/media/renditions/card/products/missing.jpg.webp",
    ],
)
def test_rendition_view_unknown_or_unsafe_path_is_404(client, media_root: Path, path: str):
    # given
    _source()
    _source("private/certificate.jpg")
    (media_root.parent / "secret.jpg").write_bytes(image_bytes("JPEG", (10, 10)))
    # when
    response = client.get(path)
    # then
    assert response.status_code == 404
    assert not list((media_root.parent).glob("renditions"))
    assert not (media_root / "renditions" / "card" / "private").exists()


def test_rendition_view_broken_source_is_404(client, media_root: Path):
    # given
    source = default_storage.save("products/broken.jpg", ContentFile(b"not a picture"))
    # when
    response = client.get(rendition_url(source, "card", "jpeg"))
    # then
    assert response.status_code == 404


def test_rendition_view_post_is_refused(client, media_root: Path):
    # given
    source = _source()
    # when
    response = client.post(rendition_url(source, "card", "jpeg"))
    # then
    assert response.status_code == 405

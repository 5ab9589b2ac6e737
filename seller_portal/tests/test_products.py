from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from backend.accounts.tests.factories import UserFactory
from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.lookups import products_visible_in_channel
from backend.catalog.models import Product
from backend.catalog.tests.factories import CategoryFactory
from backend.checkout.tests.scenarios import new_producer

pytestmark = pytest.mark.django_db

ANSWERS = [
    ("name", {"name": "渭源白条党参"}),
    ("category", None),  # filled in by the test with a real category id
    ("size-and-price", {"variant_name": "500克", "price": "39.9", "weight_grams": "550"}),
    ("stock", {"stock": "20"}),
    ("description", {"description": "高山党参，晒干切段。"}),
]


def _jpeg(name: str = "photo.jpg") -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/jpeg")


def _add_product(client, shop, category) -> Product:  # type: ignore[no-untyped-def]
    base = f"/en/seller/shop/{shop.pk}/products/new/"
    for step, data in ANSWERS:
        answer = data if data is not None else {"category": str(category.pk)}
        response = client.post(f"{base}{step}/", answer)
        assert response.status_code == 302, (step, response.content.decode()[:2000])
    check = client.get(f"{base}check/")
    assert "渭源白条党参" in check.content.decode()
    response = client.post(f"{base}check/")
    assert response.status_code == 302
    return Product.objects.get(producer=shop)


def test_add_product_one_question_per_page_then_check_answers_creates_it(
    client, seller, shop, channel
):
    # given
    category = CategoryFactory(name="中药材")
    client.force_login(seller)
    # when
    product = _add_product(client, shop, category)
    # then
    assert product.category == category
    assert product.default_variant.channel_listings.get().price_amount == Decimal("39.90")
    assert not products_visible_in_channel(channel).filter(pk=product.pk).exists()
    assert AuditEvent.objects.filter(
        event_type=AuditEventType.PRODUCT_CREATED, actor=seller
    ).exists()


def test_add_product_check_page_redirects_to_the_first_unanswered_question(
    client, seller, shop, channel
):
    client.force_login(seller)
    response = client.get(f"/en/seller/shop/{shop.pk}/products/new/check/")
    assert response["Location"].endswith("/products/new/name/")


def test_add_product_bad_price_keeps_answers_and_says_what_to_do(client, seller, shop, channel):
    client.force_login(seller)
    url = f"/en/seller/shop/{shop.pk}/products/new/size-and-price/"
    response = client.post(url, {"variant_name": "1千克", "price": "12.345", "weight_grams": ""})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'href="#id_price"' in html
    assert 'value="1千克"' in html
    assert 'value="12.345"' in html
    assert "at most 2 digits after the point" in html


def test_single_question_page_uses_the_label_as_the_heading(client, seller, shop, channel):
    client.force_login(seller)
    html = client.get(f"/en/seller/shop/{shop.pk}/products/new/name/").content.decode()
    assert '<h1 class="label-heading"><label class="label" for="id_name">' in html


def test_publish_change_price_and_stock_from_the_product_page(client, seller, shop, channel):
    # given
    client.force_login(seller)
    product = _add_product(client, shop, CategoryFactory())
    variant = product.default_variant
    base = f"/en/seller/shop/{shop.pk}/products/{product.pk}/"
    # when
    client.post(f"{base}publish/", {"publish": "1"})
    client.post(f"{base}variants/{variant.pk}/price/", {"price": "45"})
    client.post(f"{base}variants/{variant.pk}/stock/", {"stock": "7"})
    client.post(f"{base}name/", {"name": "渭源党参（特级）"})
    # then
    assert products_visible_in_channel(channel).filter(pk=product.pk).exists()
    html = client.get(base).content.decode()
    assert "¥45.00" in html
    assert "渭源党参（特级）" in html
    types = set(AuditEvent.objects.values_list("event_type", flat=True))
    assert {
        AuditEventType.PRODUCT_PUBLISHED,
        AuditEventType.PRODUCT_PRICE_CHANGED,
        AuditEventType.PRODUCT_STOCK_CHANGED,
        AuditEventType.PRODUCT_UPDATED,
    } <= types


def test_add_photo_with_alt_text_then_move_and_delete(client, seller, shop, channel):
    # given
    client.force_login(seller)
    product = _add_product(client, shop, CategoryFactory())
    base = f"/en/seller/shop/{shop.pk}/products/{product.pk}/"
    # when
    for alt in ("第一张", "第二张"):
        response = client.post(f"{base}photos/new/", {"photo": _jpeg(), "alt": alt})
        assert response.status_code == 302
    first, second = product.media.order_by("sort_order")
    client.post(f"{base}photos/{second.pk}/move/", {"direction": "up"})
    # then
    assert list(product.media.order_by("sort_order").values_list("alt", flat=True)) == [
        "第二张",
        "第一张",
    ]
    client.post(f"{base}photos/{first.pk}/delete/")
    assert list(product.media.values_list("alt", flat=True)) == ["第二张"]


def test_add_photo_upload_error_keeps_the_alt_text(client, seller, shop, channel):
    client.force_login(seller)
    product = _add_product(client, shop, CategoryFactory())
    fake = SimpleUploadedFile("photo.jpg", b"not a picture", content_type="image/jpeg")
    url = f"/en/seller/shop/{shop.pk}/products/{product.pk}/photos/new/"
    response = client.post(url, {"photo": fake, "alt": "晒干的党参"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "data-error-summary" in html
    assert 'value="晒干的党参"' in html
    assert not product.media.exists()


def test_add_photo_without_any_file_asks_for_one(client, seller, shop, channel):
    client.force_login(seller)
    product = _add_product(client, shop, CategoryFactory())
    url = f"/en/seller/shop/{shop.pk}/products/{product.pk}/photos/new/"
    html = client.post(url, {"alt": "党参"}).content.decode()
    assert 'href="#id_camera"' in html
    assert 'capture="environment"' in html
    assert 'accept="image/*"' in html


@pytest.mark.parametrize("who", ["other_seller", "anonymous"])
def test_product_pages_of_another_shop_answer_like_a_missing_one(
    client, seller, shop, channel, who
):
    # given
    owner_client = Client()
    owner_client.force_login(seller)
    product = _add_product(owner_client, shop, CategoryFactory())
    if who == "other_seller":
        stranger = UserFactory()
        new_producer(owner=stranger)
        client.force_login(stranger)
    base = f"/en/seller/shop/{shop.pk}/products/"
    urls = [base, f"{base}new/name/", f"{base}{product.pk}/", f"{base}{product.pk}/name/"]
    # when / then
    for url in urls:
        response = client.get(url)
        expected = 302 if who == "anonymous" else 404
        assert response.status_code == expected, url
    client.post(f"{base}{product.pk}/publish/", {"publish": "1"})
    assert not products_visible_in_channel(channel).filter(pk=product.pk).exists()


def test_product_forms_refuse_posts_without_csrf(seller, shop, channel):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(seller)
    response = strict.post(f"/en/seller/shop/{shop.pk}/products/new/name/", {"name": "党参"})
    assert response.status_code == 403

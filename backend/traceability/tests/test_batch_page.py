"""The public batch page: origin, dates, certificates and where the batch sold — and never any
personal data; its QR code (decoded) is the page's address; constant queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from backend.accounts.tests.factories import UserFactory
from backend.checkout.tests.scenarios import listed_variant
from backend.producers.tests.factories import make_certificate, make_resident_id
from backend.traceability.allocation import assign_batches_oldest_first
from backend.traceability.batches import withdraw_batch
from backend.traceability.certificates import add_batch_certificate
from backend.traceability.qr import batch_url, qr_png
from backend.traceability.tests.scenarios import (
    PDF_BYTES,
    decode_png,
    decode_svgs,
    html_of,
    new_batch,
    paid_order,
)

pytestmark = pytest.mark.django_db

BUYER_NAME = "张小花"  # the recipient of shipping_address()
BUYER_MOBILE_DIGITS = "13912345678"


def _plant_personal_data(people):  # type: ignore[no-untyped-def]
    shop = people.shop
    shop.disability_certificate_number = make_certificate(7)
    shop.poor_household_number = "6211230000123"
    shop.contact_name = "李秘密"
    shop.address_detail = "本庙村三社 17 号"
    shop.save(
        update_fields=[
            "disability_certificate_number",
            "poor_household_number",
            "contact_name",
            "address_detail",
        ]
    )
    owner = people.user("owner")
    owner.mobile = "+8613800138000"
    owner.save(update_fields=["mobile"])
    return [
        shop.disability_certificate_number,
        shop.disability_certificate_number[:18],
        shop.poor_household_number,
        "李秘密",
        "本庙村三社",
        "13800138000",
        owner.email,
    ]


def _sold_batch(channel, courier, people, variant, buyers=1):  # type: ignore[no-untyped-def]
    batch = new_batch(people.shop, variant, quantity=50)
    orders = []
    for index in range(buyers):
        user = UserFactory.create(
            name=f"买家秘密{index}", email=f"secret-buyer{index}@example.test"
        )
        county = ("110105", "440305", "510104")[index % 3]
        order = paid_order(channel, courier, [(variant, 2)], county_code=county, user=user)
        assign_batches_oldest_first(order.sub_orders.get(), actor=None)
        orders.append(order)
    batch.refresh_from_db()
    return batch, orders


def test_batch_page_shows_origin_dates_certificates_and_sales_by_province(
    client: Client, channel, courier, people, variant
) -> None:
    # given a sold batch with a certificate
    batch, _orders = _sold_batch(channel, courier, people, variant, buyers=3)
    add_batch_certificate(
        batch,
        upload=SimpleUploadedFile("hgz.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="compliance",
        issued_by="会川镇农技站",
        no_personal_data_confirmed=True,
        actor=people.user("owner"),
    )
    # when
    response = client.get(f"/en/trace/{batch.code}/")
    # then
    html = html_of(response)
    assert response.status_code == 200
    assert "本庙村, 会川镇, 渭源县, 定西市, 甘肃省" in html
    assert "Harvested on" in html
    assert "特级" in html
    assert "高山种植" in html
    assert "会川镇农技站" in html
    assert "Certificate of compliance" in html
    assert "6 units sold, by the buyer" in html
    for province in ("北京市", "广东省", "四川省"):
        assert province in html
    assert people.shop.name in html


def test_batch_page_contains_no_personal_data(
    client: Client, channel, courier, people, variant
) -> None:
    # given identity numbers, contact and mobile on the seller, a buyer's name, mobile, e-mail
    # and address on the orders
    secrets = _plant_personal_data(people)
    batch, orders = _sold_batch(channel, courier, people, variant, buyers=2)
    order = orders[0]
    secrets += [
        BUYER_NAME,
        BUYER_MOBILE_DIGITS,
        "139 1234 5678",
        order.address_detail,
        "幸福路",
        "买家秘密0",
        "secret-buyer0@example.test",
        make_resident_id(7),
    ]
    # when
    pages = [client.get(f"/trace/{batch.code}/"), client.get(f"/en/trace/{batch.code}/")]
    # then
    for response in pages:
        html = html_of(response)
        assert response.status_code == 200
        for secret in secrets:
            assert secret not in html, secret


def test_batch_page_qr_code_decodes_to_the_batch_url(client: Client, people, variant) -> None:
    # given
    batch = new_batch(people.shop, variant)
    # when
    html = html_of(client.get(f"/en/trace/{batch.code}/"))
    # then the SVG on the page, drawn and read back, is the page's address (default language)
    assert decode_svgs(html) == [f"https://sunshine.example/trace/{batch.code}/"]
    assert decode_png(qr_png(batch_url(batch.code))) == [batch_url(batch.code)]


def test_batch_url_without_base_url_uses_the_request(settings, rf, people, variant) -> None:
    # given
    settings.TRACE_PUBLIC_BASE_URL = ""
    batch = new_batch(people.shop, variant)
    # when
    url = batch_url(batch.code, request=rf.get("/en/seller/", HTTP_HOST="testserver"))
    # then
    assert url == f"http://testserver/trace/{batch.code}/"


def test_batch_page_code_is_case_and_space_insensitive(client: Client, people, variant) -> None:
    batch = new_batch(people.shop, variant)
    response = client.get(f"/en/trace/{batch.code.lower()}/")
    assert response.status_code == 200


def test_batch_page_offline_or_unknown_is_not_found(client: Client, people, variant) -> None:
    # given
    batch = new_batch(people.shop, variant)
    withdraw_batch(people.shop, batch.pk, actor=people.user("owner"))
    # when / then
    assert client.get(f"/en/trace/{batch.code}/").status_code == 404
    assert client.get("/en/trace/ABCDEFGHJK/").status_code == 404


@pytest.mark.parametrize("buyers", [1, 3])
def test_batch_page_query_count_is_constant(
    client: Client, channel, courier, people, variant, buyers, django_assert_num_queries
) -> None:
    # given 1 or 3 orders from different provinces
    batch, _orders = _sold_batch(channel, courier, people, variant, buyers=buyers)
    # when / then: batch (with origin, product, shop), certificates, sales, stories, and the
    # site's category menu
    with django_assert_num_queries(5):
        response = client.get(f"/en/trace/{batch.code}/")
    assert response.status_code == 200


def test_product_batches_page_lists_public_batches(
    client: Client, channel, people, variant
) -> None:
    # given a public batch and one taken offline, and another product's batch
    shown = new_batch(people.shop, variant)
    hidden = new_batch(people.shop, variant)
    withdraw_batch(people.shop, hidden.pk, actor=people.user("owner"))
    other = new_batch(people.shop, listed_variant(channel, producer=people.shop))
    # when
    response = client.get(reverse("storefront:product_batches", args=[variant.product.slug]))
    # then
    html = html_of(response)
    assert shown.code in html
    assert hidden.code not in html
    assert other.code not in html

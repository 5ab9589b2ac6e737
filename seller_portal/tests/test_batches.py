"""Portal batch pages: the authorization matrix (every page and write × every role of
build_people()), recording a batch with form errors kept, certificates, labels (QR decoded),
the packing slip's QR codes and saying which batches a parcel holds."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from backend.catalog.tests.factories import ChannelFactory
from backend.checkout.tests.scenarios import listed_variant, make_courier
from backend.sellers.tests.scenarios import ROLES, build_people
from backend.stories.models import Story
from backend.traceability.models import Batch, BatchAllocation, BatchCertificate
from backend.traceability.tests.scenarios import (
    PDF_BYTES,
    decode_pdf,
    decode_svgs,
    new_batch,
    paid_order,
    village,
)

pytestmark = pytest.mark.django_db

OWNERS = {"owner", "co_owner"}
ALL = OWNERS | {"helper_all"}
PRODUCTS = ALL | {"helper_products"}
ORDERS = ALL | {"helper_orders"}
SIGN_IN = {"anonymous", "inactive_helper", "inactive_owner"}

PAGES = [
    ("batches", "batches/", PRODUCTS),
    ("record batch", "batches/new/", PRODUCTS),
    ("batch", "batches/{batch}/", PRODUCTS),
    ("add certificate", "batches/{batch}/certificates/new/", PRODUCTS),
    ("labels", "batches/{batch}/labels.pdf", PRODUCTS),
    ("parcel batches", "batches/orders/{sub_order}/", ORDERS),
    ("stories", "stories/", OWNERS),
    ("story", "stories/{story}/", OWNERS),
]
# (name, path template, data, roles allowed, status when allowed)
WRITES = [
    ("record batch with errors", "batches/new/", {"quantity": "0"}, PRODUCTS, 200),
    ("certificate with errors", "batches/{batch}/certificates/new/", {}, PRODUCTS, 200),
    ("parcel oldest first", "batches/orders/{sub_order}/", {"oldest_first": "1"}, ORDERS, 302),
    ("withdraw", "batches/{batch}/withdraw/", {}, PRODUCTS, 302),
    ("consent", "stories/{story}/", {"decision": "consent"}, OWNERS, 302),
]


@pytest.fixture(autouse=True)
def trace_settings(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.TRACE_CERTIFICATE_ROOT = tmp_path / "private-certificates"
    settings.TRACE_PUBLIC_BASE_URL = "https://sunshine.example"


@pytest.fixture
def world(db):  # type: ignore[no-untyped-def]
    people = build_people()
    channel = ChannelFactory.create()
    variant = listed_variant(channel, producer=people.shop, stock=100)
    batch = new_batch(people.shop, variant, quantity=20)
    order = paid_order(channel, make_courier(), [(variant, 2)])
    story = Story.objects.create(
        producer=people.shop, slug="li-dangshen", title="小李的党参", summary="摘要", body="正文"
    )
    other_variant = listed_variant(channel, producer=people.other_shop)
    other_batch = new_batch(people.other_shop, other_variant, actor=people.user("other_seller"))
    ids = {
        "batch": batch.pk,
        "sub_order": order.sub_orders.get().pk,
        "story": story.pk,
        "other_batch": other_batch.pk,
    }
    return people, ids, variant, channel


@pytest.mark.parametrize("role", ROLES)
def test_batch_pages_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, ids, _variant, _channel = world
    if role != "anonymous":
        client.force_login(people[role])
    base = f"/en/seller/shop/{people.shop.pk}/"
    # when
    answers = {
        name: client.get(base + template.format(**ids)).status_code
        for name, template, _allowed in PAGES
    }
    # then
    expected = {
        name: 302 if role in SIGN_IN else (200 if role in allowed else 404)
        for name, _template, allowed in PAGES
    }
    assert answers == expected


@pytest.mark.parametrize("role", ROLES)
def test_batch_writes_answer_each_role_as_the_policy_says(client, world, role):
    # given
    people, ids, _variant, _channel = world
    if role != "anonymous":
        client.force_login(people[role])
    base = f"/en/seller/shop/{people.shop.pk}/"
    # when
    answers = {
        name: client.post(base + template.format(**ids), data).status_code
        for name, template, data, _allowed, _ok in WRITES
    }
    # then
    expected = {
        name: 302 if role in SIGN_IN else (ok if role in allowed else 404)
        for name, _template, _data, allowed, ok in WRITES
    }
    assert answers == expected
    batch = Batch.objects.get(pk=ids["batch"])
    assert batch.is_public == (role in SIGN_IN or role not in PRODUCTS)


def test_batch_of_another_shop_looks_like_a_missing_one(client, world):
    # given
    people, ids, _variant, _channel = world
    client.force_login(people.user("owner"))
    base = f"/en/seller/shop/{people.shop.pk}/batches/"
    # when / then
    assert client.get(base + f"{ids['other_batch']}/").status_code == 404
    assert client.get(base + "999999/").status_code == 404
    assert client.post(base + f"{ids['other_batch']}/withdraw/").status_code == 404
    assert Batch.objects.get(pk=ids["other_batch"]).is_public


def test_record_batch_form_keeps_what_was_typed_on_errors(client, world):
    # given
    people, _ids, variant, _channel = world
    client.force_login(people.user("helper_products"))
    url = f"/en/seller/shop/{people.shop.pk}/batches/new/"
    # when
    response = client.post(
        url,
        {
            "variant": variant.pk,
            "date_kind": "harvest",
            "made_on": "2999-01-01",
            "origin": "",
            "grade": "一级",
            "quantity": "abc",
        },
    )
    # then
    html = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in html
    assert "The date must be today or in the past" in html
    assert "Choose the village" in html
    assert "Enter a whole number, for example 200" in html
    assert 'value="一级"' in html
    assert 'value="2999-01-01"' in html
    assert 'aria-describedby="id_quantity-error' in html or 'id="id_quantity-error"' in html


def test_record_batch_through_the_portal_opens_its_page(client, world):
    # given
    people, _ids, variant, _channel = world
    client.force_login(people.user("owner"))
    origin = village()
    # when
    response = client.post(
        f"/en/seller/shop/{people.shop.pk}/batches/new/",
        {
            "variant": variant.pk,
            "date_kind": "production",
            "made_on": "2026-10-01",
            "origin": origin.pk,
            "grade": "",
            "quantity": "40",
            "notes": "",
        },
    )
    # then
    batch = Batch.objects.filter(seller=people.shop).order_by("-pk").first()
    assert batch is not None
    assert response.status_code == 302
    assert response["Location"].endswith(f"/batches/{batch.pk}/")
    assert (batch.quantity, batch.made_on, batch.origin_id) == (40, date(2026, 10, 1), origin.pk)
    detail = client.get(response["Location"]).content.decode()
    assert decode_svgs(detail) == [f"https://sunshine.example/trace/{batch.code}/"]


def test_certificate_upload_through_the_portal(client, world):
    # given
    people, ids, _variant, _channel = world
    client.force_login(people.user("owner"))
    url = f"/en/seller/shop/{people.shop.pk}/batches/{ids['batch']}/certificates/new/"
    upload = SimpleUploadedFile("hgz.pdf", PDF_BYTES, content_type="application/pdf")
    # when the document shows personal data, then when it does not
    refused = client.post(url, {"kind": "compliance", "document": upload, "personal_data": "shown"})
    upload.seek(0)
    accepted = client.post(url, {"kind": "compliance", "document": upload, "personal_data": "none"})
    # then
    assert refused.status_code == 200
    assert "Cover the identity number, mobile number and address" in refused.content.decode()
    assert accepted.status_code == 302
    assert BatchCertificate.objects.filter(batch_id=ids["batch"]).count() == 1


def test_label_sheet_pdf_qr_codes_decode_to_the_batch_url(client, world):
    # given
    people, ids, _variant, _channel = world
    client.force_login(people.user("helper_products"))
    batch = Batch.objects.get(pk=ids["batch"])
    # when
    response = client.get(f"/en/seller/shop/{people.shop.pk}/batches/{batch.pk}/labels.pdf?count=3")
    # then
    assert response["Content-Type"] == "application/pdf"
    # (one image, drawn once per label)
    assert decode_pdf(response.content) == [f"https://sunshine.example/trace/{batch.code}/"]
    page = PdfReader(BytesIO(response.content)).pages[0]
    assert page.get_contents().get_data().count(b" Do") == 3  # type: ignore[union-attr]


def test_packing_slip_shows_the_qr_code_of_each_packed_batch(client, world):
    # given a parcel whose line spans two batches
    people, ids, variant, _channel = world
    client.force_login(people.user("helper_orders"))
    base = f"/en/seller/shop/{people.shop.pk}/"
    second = new_batch(people.shop, variant, quantity=5)
    line_id = (
        BatchAllocation._meta.get_field("order_line")
        .related_model.objects.get(sub_order_id=ids["sub_order"])
        .pk
    )
    response = client.post(
        base + f"batches/orders/{ids['sub_order']}/",
        {f"line-{line_id}-batch-{ids['batch']}": "1", f"line-{line_id}-batch-{second.pk}": "1"},
    )
    assert response.status_code == 302
    # when
    slip = client.get(base + f"orders/{ids['sub_order']}/packing-slip/").content.decode()
    # then
    first = Batch.objects.get(pk=ids["batch"])
    assert sorted(decode_svgs(slip)) == sorted(
        f"https://sunshine.example/trace/{b.code}/" for b in (first, second)
    )


def test_parcel_batches_more_than_ordered_is_an_error_on_the_page(client, world):
    # given
    people, ids, _variant, _channel = world
    client.force_login(people.user("owner"))
    url = f"/en/seller/shop/{people.shop.pk}/batches/orders/{ids['sub_order']}/"
    line_id = (
        BatchAllocation._meta.get_field("order_line")
        .related_model.objects.get(sub_order_id=ids["sub_order"])
        .pk
    )
    # when
    response = client.post(url, {f"line-{line_id}-batch-{ids['batch']}": "9"})
    # then
    assert response.status_code == 200
    assert "Enter at most 2, the number ordered" in response.content.decode()
    assert not BatchAllocation.objects.exists()


@pytest.mark.parametrize("extra", [0, 4])
def test_batch_list_costs_the_same_queries_for_1_and_n_batches(
    client, world, extra, django_assert_num_queries
):
    # given 1 or 5 batches
    people, _ids, variant, _channel = world
    for _ in range(extra):
        new_batch(people.shop, variant, quantity=5)
    client.force_login(people.user("owner"))
    url = f"/en/seller/shop/{people.shop.pk}/batches/"
    client.get(url)
    # when / then: session, user, shop (policy), count, page of batches with product and village
    with django_assert_num_queries(5):
        response = client.get(url)
    assert response.content.decode().count("/batches/") >= 1 + extra

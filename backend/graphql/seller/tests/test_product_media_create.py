from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from backend.audit.models import AuditEvent, AuditEventType
from backend.catalog.models import ProductMedia
from backend.graphql.core.ids import to_global_id
from backend.graphql.seller.tests.conftest import jpeg_upload
from backend.graphql.seller.tests.operations import PRODUCT_MEDIA_CREATE

pytestmark = pytest.mark.django_db


def test_product_media_create_multipart_upload_stores_photo_with_audit_row(
    gql_as, people, shop_product, media_root
):
    # given
    post = gql_as("helper_products")

    # when
    response = post(
        PRODUCT_MEDIA_CREATE,
        {"product": to_global_id("Product", shop_product.pk), "image": None, "alt": "一捆党参"},
        files={"variables.image": jpeg_upload()},
    )

    # then
    payload = response.data["productMediaCreate"]
    assert payload["errors"] == []
    media = ProductMedia.objects.get(product=shop_product)
    assert payload["media"] == {"id": to_global_id("ProductMedia", media.pk), "alt": "一捆党参"}
    assert (media_root / media.image.name).exists()
    event = AuditEvent.objects.get(event_type=AuditEventType.PRODUCT_MEDIA_CHANGED)
    assert event.new == {"added": media.pk, "alt": "一捆党参"}
    assert event.actor == people.user("helper_products")


def test_product_media_create_without_file_required(gql_as, shop_product, media_root):
    # given
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_MEDIA_CREATE,
        {"product": to_global_id("Product", shop_product.pk), "image": None, "alt": "党参"},
    )

    # then
    [error] = response.data["productMediaCreate"]["errors"]
    assert (error["field"], error["code"]) == ("image", "REQUIRED")
    assert not ProductMedia.objects.exists()


def test_product_media_create_without_alt_required(gql_as, shop_product, media_root):
    # given
    post = gql_as("owner")

    # when
    response = post(
        PRODUCT_MEDIA_CREATE,
        {"product": to_global_id("Product", shop_product.pk), "image": None, "alt": " "},
        files={"variables.image": jpeg_upload()},
    )

    # then
    [error] = response.data["productMediaCreate"]["errors"]
    assert (error["field"], error["code"]) == ("alt", "REQUIRED")
    assert not ProductMedia.objects.exists()


def test_product_media_create_not_a_picture_invalid(gql_as, shop_product, media_root):
    # given
    post = gql_as("owner")
    upload = SimpleUploadedFile("photo.jpg", b"not a picture", content_type="image/jpeg")

    # when
    response = post(
        PRODUCT_MEDIA_CREATE,
        {"product": to_global_id("Product", shop_product.pk), "image": None, "alt": "党参"},
        files={"variables.image": upload},
    )

    # then
    [error] = response.data["productMediaCreate"]["errors"]
    assert (error["field"], error["code"]) == ("image", "INVALID")
    assert error["message"]
    assert not ProductMedia.objects.exists()


PRODUCT_MEDIA_CREATE_WITH_INPUT = """
mutation ($input: ProductMediaCreateInput!) {
  productMediaCreate(input: $input) { media { alt } errors { field code } }
}
"""


def test_product_media_create_file_mapped_into_nested_input(gql_as, shop_product, media_root):
    # given
    post = gql_as("owner")
    variables = {
        "input": {"product": to_global_id("Product", shop_product.pk), "image": None, "alt": "党参"}
    }

    # when
    response = post(
        PRODUCT_MEDIA_CREATE_WITH_INPUT, variables, files={"variables.input.image": jpeg_upload()}
    )

    # then
    assert response.data["productMediaCreate"] == {"media": {"alt": "党参"}, "errors": []}
    assert ProductMedia.objects.filter(product=shop_product).count() == 1


def test_product_media_create_multipart_batch_refused(client, people, shop_product, media_root):
    # given
    client.force_login(people.user("owner"))
    operation = {
        "query": PRODUCT_MEDIA_CREATE,
        "variables": {"product": to_global_id("Product", shop_product.pk), "image": None},
    }

    # when
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps([operation, operation]),
            "map": json.dumps({"0": ["0.variables.image"]}),
            "0": jpeg_upload(),
        },
    )

    # then
    assert response.status_code == 400
    assert not ProductMedia.objects.exists()


@pytest.mark.parametrize(
    "path", ["variables.input.image", "variables.product.image", "variables.x.0", "query.0"]
)
def test_product_media_create_map_to_unknown_path_is_bad_request(
    client, people, shop_product, media_root, path
):
    # given
    client.force_login(people.user("owner"))
    operation = {"query": PRODUCT_MEDIA_CREATE, "variables": {"product": "UHJvZHVjdDox"}}

    # when
    response = client.post(
        "/graphql/",
        data={
            "operations": json.dumps(operation),
            "map": json.dumps({"0": [path]}),
            "0": jpeg_upload(),
        },
    )

    # then
    assert response.status_code == 400
    assert not ProductMedia.objects.exists()

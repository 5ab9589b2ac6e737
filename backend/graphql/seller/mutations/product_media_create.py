"""`productMediaCreate`: upload a photo of a product (GraphQL multipart request)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.media import add_product_media
from backend.graphql.catalog.types.products import Product, ProductMedia
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.seller.access import product_for_editing
from backend.graphql.seller.errors import ProductError, ProductErrorCode, catalog_service_errors
from backend.graphql.seller.mutations.base import acting_user, product_root, seller_channel
from backend.graphql.seller.upload import Upload


class ProductMediaCreateInput(graphene.InputObjectType):
    alt = graphene.String(
        description="Alt text for a product media: what the photo shows (required here)."
    )
    image = Upload(description="Represents an image file in a multipart request.")
    product = graphene.ID(required=True, description="ID of an product.")
    media_url = graphene.String(description="Not supported: upload the photo as `image`.")


class ProductMediaCreate(BaseMutation):
    product = graphene.Field(Product)
    media = graphene.Field(ProductMedia)

    class Arguments:
        input = ProductMediaCreateInput(
            required=True, description="Fields required to create a product media."
        )

    class Meta:
        description = (
            "Create a media object (image) for a product. This mutation must be sent as a "
            "`multipart` request; see https://github.com/jaydenseric/graphql-multipart-request-spec."
        )
        error_type_class = ProductError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        product = product_for_editing(
            user, values["product"], field="product", code=ProductErrorCode.NOT_FOUND
        )
        upload = values.get("image")
        if upload is None or isinstance(upload, str):
            raise MutationErrors.of(
                ProductErrorCode.REQUIRED,
                field="image",
                message=_("Choose a photo to upload."),
            )
        with catalog_service_errors():
            media = add_product_media(
                product, upload=upload, alt=values.get("alt") or "", actor=user
            )
        return cls(product=product_root(product, seller_channel()), media=media)

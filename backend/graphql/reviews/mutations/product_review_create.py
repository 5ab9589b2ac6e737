"""`productReviewCreate`: a buyer reviews an order line they received (multipart request when
photos are sent)."""

from __future__ import annotations

from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.reviews.access import pk_from_id
from backend.graphql.reviews.errors import (
    ProductReviewError,
    ProductReviewErrorCode,
    review_service_errors,
)
from backend.graphql.reviews.types import ProductReview
from backend.graphql.seller.upload import Upload
from backend.reviews.creation import create_review
from backend.reviews.photos import PhotoInput


class ProductReviewPhotoInput(graphene.InputObjectType):
    image = Upload(required=True, description="The photo, as a file of a multipart request.")
    alt = graphene.String(description="What the photo shows (optional).")


class ProductReviewCreateInput(graphene.InputObjectType):
    order_line = graphene.ID(required=True, description="The delivered order line reviewed.")
    rating = graphene.Int(required=True, description="Stars, from 1 to 5.")
    text = graphene.String(description="The review, as plain text; HTML is removed.")
    photos = graphene.List(
        graphene.NonNull(ProductReviewPhotoInput), description="Up to three photos."
    )


class ProductReviewCreate(BaseMutation):
    review = graphene.Field(ProductReview)

    class Arguments:
        input = ProductReviewCreateInput(required=True)

    class Meta:
        description = (
            "Sunshine Market: review a product you received, once per order line. Photos go "
            "in a `multipart` request (graphql-multipart-request-spec)."
        )
        error_type_class = ProductReviewError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = current_user(info)
        assert user is not None
        values = data["input"]
        line_id = pk_from_id(values["order_line"], "OrderLine", field="orderLine")
        photos = []
        for index, photo in enumerate(values.get("photos") or []):
            upload = photo.get("image")
            if upload is None or isinstance(upload, str):
                raise MutationErrors.of(
                    ProductReviewErrorCode.REQUIRED,
                    field=f"photos.{index}",
                    message=_("Choose a photo to upload."),
                )
            photos.append(PhotoInput(upload, photo.get("alt") or ""))
        with review_service_errors():
            review = create_review(
                line_id,
                actor=user,
                rating=values["rating"],
                text=values.get("text") or "",
                photos=photos,
            )
        return cls(review=review)

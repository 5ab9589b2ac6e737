"""The base of every mutation error type (Saleor's `Error`) and enums they share."""

from __future__ import annotations

import enum
from enum import Enum
from typing import ClassVar

import graphene


class AddressType(enum.Enum):
    BILLING = "billing"
    SHIPPING = "shipping"


AddressTypeEnum = graphene.Enum.from_enum(AddressType, name="AddressTypeEnum")


class Error(graphene.ObjectType):
    """Fields every `<Domain>Error` has (Saleor's `Error`); subclasses add `code` and extras."""

    field = graphene.String(
        description=(
            "Name of a field that caused the error. A value of `null` indicates that the error "
            "isn't associated with a particular field."
        )
    )
    message = graphene.String(description="The error message.")

    # The Python enum behind the `code` field: codes outside it are reported as `invalid`.
    code_enum: ClassVar[type[Enum]]

    class Meta:
        description = "Represents an error in the input of a mutation."

"""Object types shared by several domains, in Saleor 3's shapes.

Money stays Decimal (prices.Money) inside the API and becomes a JSON number only when a field
is serialised, as Saleor's `Money.amount: Float!` does; amounts are quantised to the currency's
two decimals first, so the number printed is the exact decimal amount.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import graphene
from graphql import GraphQLResolveInfo
from prices import Money as PricesMoney

from backend.core.money import quantize
from backend.graphql.core.enums import LanguageCodeEnum, WeightUnitsEnum

FRACTION_DIGITS = 2


def money_to_float(amount: Decimal) -> float:
    """The JSON number for a Decimal amount; the Decimal is quantised first, never computed on."""
    return float(quantize(amount))


class Money(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    amount = graphene.Float(required=True, description="Amount of money.")
    fractional_amount = graphene.Int(
        required=True, description="Amount of money as an integer in the smallest unit (fen)."
    )
    fraction_digits = graphene.Int(required=True, description="Number of digits after the point.")

    class Meta:
        description = "Represents amount of money in specific currency."

    @staticmethod
    def resolve_amount(root: PricesMoney, info: GraphQLResolveInfo) -> float:
        return money_to_float(root.amount)

    @staticmethod
    def resolve_fractional_amount(root: PricesMoney, info: GraphQLResolveInfo) -> int:
        return int(quantize(root.amount) * 10**FRACTION_DIGITS)

    @staticmethod
    def resolve_fraction_digits(root: PricesMoney, info: GraphQLResolveInfo) -> int:
        return FRACTION_DIGITS


class TaxedMoney(graphene.ObjectType):
    currency = graphene.String(required=True, description="Currency code.")
    gross = graphene.Field(Money, required=True, description="Amount of money including taxes.")
    net = graphene.Field(Money, required=True, description="Amount of money without taxes.")
    tax = graphene.Field(Money, required=True, description="Amount of taxes.")

    class Meta:
        description = (
            "Represents a monetary value with taxes. In cases where taxes were not applied, "
            "net and gross values will be equal."
        )


class TaxedMoneyRange(graphene.ObjectType):
    start = graphene.Field(TaxedMoney, description="Lower bound of a price range.")
    stop = graphene.Field(TaxedMoney, description="Upper bound of a price range.")

    class Meta:
        description = "Represents a range of monetary values."


class Image(graphene.ObjectType):
    url = graphene.String(required=True, description="The URL of the image.")
    alt = graphene.String(description="Alt text for an image.")

    class Meta:
        description = "Represents an image."


class Weight(graphene.ObjectType):
    unit = graphene.Field(WeightUnitsEnum, required=True, description="Weight unit.")
    value = graphene.Float(required=True, description="Weight value.")

    class Meta:
        description = "Represents weight value in a specific weight unit."


class CountryDisplay(graphene.ObjectType):
    code = graphene.String(required=True, description="Country code.")
    country = graphene.String(required=True, description="Country name.")


class LanguageDisplay(graphene.ObjectType):
    code = graphene.Field(LanguageCodeEnum, required=True, description="ISO 639 language code.")
    language = graphene.String(required=True, description="Full name of the language.")


class MetadataItem(graphene.ObjectType):
    key = graphene.String(required=True, description="Key of a metadata item.")
    value = graphene.String(required=True, description="Value of a metadata item.")


class Metadata(graphene.Scalar):
    """Metadata is a map of key-value pairs, both keys and values are `String`."""

    @staticmethod
    def serialize(value: Any) -> Any:
        return value


class ObjectWithMetadata(graphene.Interface):
    """Saleor's public metadata fields. Nothing here stores metadata yet: always empty."""

    metadata = graphene.NonNull(
        graphene.List(graphene.NonNull(MetadataItem)),
        description="List of public metadata items. Can be accessed without permissions.",
    )
    metafield = graphene.String(
        key=graphene.String(required=True), description="A single key from public metadata."
    )
    metafields = graphene.Field(
        Metadata,
        keys=graphene.List(graphene.NonNull(graphene.String)),
        description="Public metadata. Use `keys` to control which fields you want to include.",
    )

    @staticmethod
    def resolve_metadata(root: Any, info: GraphQLResolveInfo) -> list[Any]:
        return []

    @staticmethod
    def resolve_metafield(root: Any, info: GraphQLResolveInfo, key: str) -> None:
        return None

    @staticmethod
    def resolve_metafields(
        root: Any, info: GraphQLResolveInfo, keys: list[str] | None = None
    ) -> dict[str, str]:
        return {}

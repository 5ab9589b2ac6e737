"""Enums shared by several domains, with Saleor 3's names and values.

Each is a Python enum (what the code compares against) and its graphene type, named like
Saleor's (`<Name>Enum` attributes here are the GraphQL types).
"""

from __future__ import annotations

import enum

import graphene


class OrderDirection(enum.Enum):
    ASC = "asc"
    DESC = "desc"

    @property
    def description(self) -> str:
        if self is OrderDirection.ASC:
            return "Specifies an ascending sort order."
        return "Specifies a descending sort order."


class ThumbnailFormat(enum.Enum):
    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class WeightUnits(enum.Enum):
    G = "g"
    LB = "lb"
    OZ = "oz"
    KG = "kg"
    TONNE = "tonne"


class LanguageCode(enum.Enum):
    """The languages this shop is written in (a subset of Saleor's list, same value names)."""

    EN = "en"
    ZH_HANS = "zh-hans"


OrderDirectionEnum = graphene.Enum.from_enum(OrderDirection)
ThumbnailFormatEnum = graphene.Enum.from_enum(ThumbnailFormat, name="ThumbnailFormatEnum")
WeightUnitsEnum = graphene.Enum.from_enum(WeightUnits, name="WeightUnitsEnum")
LanguageCodeEnum = graphene.Enum.from_enum(LanguageCode, name="LanguageCodeEnum")

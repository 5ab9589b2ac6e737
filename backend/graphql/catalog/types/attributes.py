"""Attributes as Saleor shows them: `attributes { attribute { … } values { … } }`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo

from backend.catalog.models import Attribute as AttributeModel
from backend.catalog.models import AttributeValue as AttributeValueModel
from backend.graphql.catalog.enums import (
    AttributeEntityTypeEnum,
    AttributeInputTypeEnum,
    AttributeType,
    AttributeTypeEnum,
)
from backend.graphql.core.ids import to_global_id


@dataclass(frozen=True)
class SelectedAttributeData:
    attribute: AttributeModel
    values: list[AttributeValueModel]


def group_selected(assigned: Sequence[Any]) -> list[SelectedAttributeData]:
    """Assigned-value rows (ordered by attribute) grouped into attribute + values."""
    grouped: dict[int, SelectedAttributeData] = {}
    for row in assigned:
        attribute = row.value.attribute
        if attribute.pk not in grouped:
            grouped[attribute.pk] = SelectedAttributeData(attribute=attribute, values=[])
        grouped[attribute.pk].values.append(row.value)
    return list(grouped.values())


class Attribute(graphene.ObjectType):
    input_type = graphene.Field(AttributeInputTypeEnum, description="The input type to use.")
    entity_type = graphene.Field(
        AttributeEntityTypeEnum, description="The entity type a reference attribute points to."
    )
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    type = graphene.Field(AttributeTypeEnum, required=True)
    value_required = graphene.Boolean(required=True)
    visible_in_storefront = graphene.Boolean(required=True)
    filterable_in_storefront = graphene.Boolean(required=True)
    storefront_search_position = graphene.Int(required=True)
    with_choices = graphene.Boolean(required=True)

    class Meta:
        interfaces = (relay.Node,)
        description = "Custom attribute of a product (origin, grade, certifications…)."

    @staticmethod
    def resolve_id(root: AttributeModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_entity_type(root: AttributeModel, info: GraphQLResolveInfo) -> str | None:
        return root.entity_type or None

    @staticmethod
    def resolve_type(root: AttributeModel, info: GraphQLResolveInfo) -> str:
        return AttributeType.PRODUCT_TYPE.value

    @staticmethod
    def resolve_with_choices(root: AttributeModel, info: GraphQLResolveInfo) -> bool:
        return root.input_type in ("dropdown", "multiselect")


class AttributeValue(graphene.ObjectType):
    name = graphene.String(description="Name of a value displayed in the interface.")
    slug = graphene.String(description="Internal representation of a value (unique per attribute).")
    value = graphene.String(description="Represents the value of the attribute value.")
    input_type = graphene.Field(AttributeInputTypeEnum, description="The input type to use.")
    reference = graphene.ID(description="The ID of the referenced object (a Region for origins).")
    plain_text = graphene.String(description="Plain text content.")
    boolean = graphene.Boolean(description="Represents the boolean value of the attribute value.")

    class Meta:
        interfaces = (relay.Node,)
        description = "Represents a value of an attribute."

    @staticmethod
    def resolve_id(root: AttributeValueModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_value(root: AttributeValueModel, info: GraphQLResolveInfo) -> str:
        if root.numeric is not None:
            return format(root.numeric.normalize(), "f")
        return ""

    @staticmethod
    def resolve_input_type(root: AttributeValueModel, info: GraphQLResolveInfo) -> str:
        return root.attribute.input_type  # select_related by the loaders

    @staticmethod
    def resolve_reference(root: AttributeValueModel, info: GraphQLResolveInfo) -> str | None:
        if root.reference_region_id is None:
            return None
        return to_global_id("Region", str(root.reference_region_id))

    @staticmethod
    def resolve_plain_text(root: AttributeValueModel, info: GraphQLResolveInfo) -> str | None:
        return root.plain_text or None


class SelectedAttribute(graphene.ObjectType):
    attribute = graphene.Field(Attribute, required=True, description="Name of an attribute.")
    values = graphene.NonNull(
        graphene.List(graphene.NonNull(AttributeValue)), description="Values of an attribute."
    )

    class Meta:
        description = "Represents an assigned attribute to an object."

"""Pickup points as Saleor 3's collection points (`Warehouse` with `isPrivate: false` and a
click-and-collect option), and parcels' status updates (`DeliveryUpdate`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import graphene
from graphene import relay
from graphql import GraphQLResolveInfo
from graphql_relay import to_global_id

from backend.delivery.models import DeliveryStatus, PickupPoint, PickupPointKind
from backend.delivery.models import DeliveryUpdate as DeliveryUpdateModel
from backend.graphql.core.address import Address, AddressData
from backend.graphql.core.types import Money as MoneyType
from backend.regions.models import RegionLevel

PickupPointKindEnum = graphene.Enum.from_enum(PickupPointKind, name="PickupPointKindEnum")
DeliveryStatusEnum = graphene.Enum.from_enum(DeliveryStatus, name="DeliveryStatusEnum")


class WarehouseClickAndCollectOptionEnum(graphene.Enum):
    DISABLED = "disabled"
    LOCAL = "local"
    ALL = "all"


@dataclass(frozen=True)
class CollectionPointData:
    point: PickupPoint
    courier_name: str = ""
    shipping: Any = None  # prices.Money for this checkout, when offered to one


def point_address(point: PickupPoint) -> AddressData:
    """The point's address; names come from the region's full name (省 [市] 县 [乡 [村]])."""
    region = point.region
    names = (region.full_name or region.name).split()
    below_county = max(region.level - RegionLevel.COUNTY, 0)  # township and village names
    county_at = len(names) - 1 - below_county
    province = names[0] if names else ""
    county = names[county_at] if county_at >= 1 else ""
    city = names[1] if county_at == 2 else ""  # a municipality's districts have no city
    below = names[county_at + 1 :]
    return AddressData(
        key=f"pickup-point:{point.pk}",
        recipient_name=point.name,
        phone=point.contact_phone,
        province=province,
        city=city,
        county=county,
        street=" ".join([*below, point.address_detail]).strip(),
        region_code=point.region.county_code,
    )


class Warehouse(graphene.ObjectType):
    name = graphene.String(required=True)
    slug = graphene.String(required=True)
    email = graphene.String(required=True, description="Empty: call the phone number.")
    is_private = graphene.Boolean(required=True, description="Pickup points are public.")
    address = graphene.Field(Address, required=True)
    company_name = graphene.String(required=True, deprecation_reason="Use `address` instead.")
    click_and_collect_option = graphene.Field(
        WarehouseClickAndCollectOptionEnum,
        required=True,
        description="Pickup points collect the parcels of every producer (`LOCAL`).",
    )
    kind = graphene.Field(
        PickupPointKindEnum,
        required=True,
        description="Sunshine Market: village station, township station or county centre.",
    )
    opening_hours = graphene.String(required=True, description="Sunshine Market.")
    courier_name = graphene.String(
        description="Sunshine Market: the courier that would bring this checkout's parcels."
    )
    shipping_price = graphene.Field(
        MoneyType, description="Sunshine Market: shipping to this point for this checkout."
    )

    class Meta:
        interfaces = (relay.Node,)
        description = (
            "A collection point: Sunshine Market's pickup points (村级服务站, 乡镇服务站, "
            "县级服务中心)."
        )

    @staticmethod
    def resolve_id(root: CollectionPointData, info: GraphQLResolveInfo) -> int:
        return root.point.pk

    @staticmethod
    def resolve_name(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return root.point.name

    @staticmethod
    def resolve_slug(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return f"pickup-point-{root.point.pk}"

    @staticmethod
    def resolve_email(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return ""

    @staticmethod
    def resolve_is_private(root: CollectionPointData, info: GraphQLResolveInfo) -> bool:
        return False

    @staticmethod
    def resolve_address(root: CollectionPointData, info: GraphQLResolveInfo) -> AddressData:
        return point_address(root.point)

    @staticmethod
    def resolve_company_name(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return root.point.name

    @staticmethod
    def resolve_click_and_collect_option(
        root: CollectionPointData, info: GraphQLResolveInfo
    ) -> str:
        return "local"  # WarehouseClickAndCollectOptionEnum.LOCAL

    @staticmethod
    def resolve_kind(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return root.point.kind

    @staticmethod
    def resolve_opening_hours(root: CollectionPointData, info: GraphQLResolveInfo) -> str:
        return root.point.opening_hours

    @staticmethod
    def resolve_courier_name(root: CollectionPointData, info: GraphQLResolveInfo) -> str | None:
        return root.courier_name or None

    @staticmethod
    def resolve_shipping_price(root: CollectionPointData, info: GraphQLResolveInfo) -> Any:
        return root.shipping


class DeliveryUpdate(graphene.ObjectType):
    status = graphene.Field(DeliveryStatusEnum, required=True)
    status_display = graphene.String(required=True)
    date = graphene.DateTime(required=True)
    pickup_point_name = graphene.String(description="Where it happened, for pickup points.")
    note = graphene.String(required=True)
    sub_order_id = graphene.ID(required=True, description="The parcel's sub-order.")

    class Meta:
        interfaces = (relay.Node,)
        description = (
            "Sunshine Market: one step of a parcel's journey, entered by the shop or the "
            "pickup point (dispatched, at the pickup point, collected) or the buyer (received)."
        )

    @staticmethod
    def resolve_id(root: DeliveryUpdateModel, info: GraphQLResolveInfo) -> int:
        return root.pk

    @staticmethod
    def resolve_status(root: DeliveryUpdateModel, info: GraphQLResolveInfo) -> str:
        return root.status

    @staticmethod
    def resolve_status_display(root: DeliveryUpdateModel, info: GraphQLResolveInfo) -> str:
        return str(DeliveryStatus(root.status).label)

    @staticmethod
    def resolve_date(root: DeliveryUpdateModel, info: GraphQLResolveInfo) -> datetime:
        return root.recorded_at

    @staticmethod
    def resolve_pickup_point_name(
        root: DeliveryUpdateModel, info: GraphQLResolveInfo
    ) -> str | None:
        return root.pickup_point_name or None

    @staticmethod
    def resolve_sub_order_id(root: DeliveryUpdateModel, info: GraphQLResolveInfo) -> str:
        return to_global_id("SubOrder", str(root.sub_order_id))

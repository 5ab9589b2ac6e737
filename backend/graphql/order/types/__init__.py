"""Order types in Saleor 3's shapes, plus Sunshine Market's per-producer sub-orders."""

from backend.graphql.order.types.lines import Fulfillment, FulfillmentLine, OrderLine
from backend.graphql.order.types.orders import Order, OrderCountableConnection, SubOrder

__all__ = [
    "Fulfillment",
    "FulfillmentLine",
    "Order",
    "OrderCountableConnection",
    "OrderLine",
    "SubOrder",
]

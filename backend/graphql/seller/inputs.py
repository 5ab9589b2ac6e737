"""Input types shared by the seller mutations (Saleor 3's names and shapes)."""

from __future__ import annotations

import graphene


class StockInput(graphene.InputObjectType):
    warehouse = graphene.ID(
        description=(
            "Warehouse in which stock is located. Sunshine Market: each shop has one warehouse; "
            "omit it for the shop's own, any other warehouse is NOT_FOUND."
        )
    )
    quantity = graphene.Int(required=True, description="Quantity of items available for sell.")

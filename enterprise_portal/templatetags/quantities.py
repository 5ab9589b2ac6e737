"""`{{ value|plain }}`: a quantity as people write it (90, 12.5), for both portals."""

from __future__ import annotations

from decimal import Decimal

from django import template

from backend.sourcing.quantities import plain as plain_quantity

register = template.Library()


@register.filter
def plain(value: Decimal | int | None) -> str:
    return plain_quantity(value)

"""Typed procurement errors: a code for programs, a plain message for people, the field it is
about, and data (the floor, the price refused) for whoever shows it."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.functional import Promise


class ProcurementErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    REQUIRED = "required"
    INVALID = "invalid"
    BELOW_FLOOR = "below_floor"
    MARKET_PRICE_MISSING = "market_price_missing"
    WEIGHT_UNKNOWN = "weight_unknown"
    ENTERPRISE_NOT_VERIFIED = "enterprise_not_verified"
    NOT_ALLOWED = "not_allowed"
    ILLEGAL_TRANSITION = "illegal_transition"
    ALREADY_SIGNED = "already_signed"
    OVER_CONTRACT = "over_contract"
    OUTSIDE_PERIOD = "outside_period"
    INSUFFICIENT_STOCK = "insufficient_stock"
    NOT_SHIPPED = "not_shipped"
    DELIVERIES_OPEN = "deliveries_open"


class ProcurementError(Exception):
    def __init__(
        self,
        code: ProcurementErrorCode,
        message: str | Promise,
        *,
        field: str | None = None,
        **data: Any,
    ) -> None:
        self.code = code
        self.message = message
        self.field = field
        self.data = data
        super().__init__(f"{code}: {message}")

"""Delivery error codes and the typed error services raise; views and mutations map them."""

from __future__ import annotations

from django.db import models
from django.utils.functional import Promise


class DeliveryErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    STATUS_NOT_ALLOWED = "status_not_allowed"
    NOT_SHIPPED = "not_shipped"
    ALREADY_DELIVERED = "already_delivered"
    PICKUP_POINT_REQUIRED = "pickup_point_required"
    INVALID = "invalid"


class DeliveryError(Exception):
    def __init__(
        self, code: DeliveryErrorCode, message: str | Promise, *, field: str | None = None
    ) -> None:
        self.code = code
        self.field = field
        self.message = message
        super().__init__(str(message))

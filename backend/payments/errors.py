"""Payment error codes and typed errors."""

from __future__ import annotations

from django.db import models


class PaymentErrorCode(models.TextChoices):
    GATEWAY_NOT_AVAILABLE = "gateway_not_available"
    NOT_FOUND = "not_found"
    NOT_OFFLINE = "not_offline"
    INVALID_STATE = "invalid_state"
    INVALID_AMOUNT = "invalid_amount"
    NOT_PAID = "not_paid"


class PaymentError(Exception):
    def __init__(self, code: PaymentErrorCode, message: str, *, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)

"""Order error codes and typed errors."""

from __future__ import annotations

from django.db import models


class OrderErrorCode(models.TextChoices):
    NOT_FOUND = "not_found"
    ILLEGAL_STATUS_TRANSITION = "illegal_status_transition"
    INVALID_QUANTITY = "invalid_quantity"
    ORDER_IS_PAID = "order_is_paid"


class OrderError(Exception):
    def __init__(self, code: OrderErrorCode, message: str, *, field: str | None = None) -> None:
        self.code = code
        self.field = field
        super().__init__(message)


class IllegalStatusTransition(OrderError):
    """A sub-order was asked to move to a status it cannot reach from where it is."""

    def __init__(self, *, sub_order_id: int, current: str, requested: str) -> None:
        self.sub_order_id = sub_order_id
        self.current = current
        self.requested = requested
        super().__init__(
            OrderErrorCode.ILLEGAL_STATUS_TRANSITION,
            f"sub-order {sub_order_id} cannot go from {current} to {requested}",
            field="status",
        )

"""Typed errors of the zone's services, with stable codes for programs and messages for people."""

from __future__ import annotations

import enum
from typing import Any


class ZoneErrorCode(enum.StrEnum):
    NOT_FOUND = "not_found"
    NOT_FEATURED = "not_featured"
    NO_CONSENT = "no_consent"
    BELOW_CONSENT = "below_consent"
    INVALID_PRICE = "invalid_price"
    CAMPAIGN_NOT_LIVE = "campaign_not_live"
    PERMISSION_DENIED = "permission_denied"


class ZoneError(Exception):
    """A refused request; `field` names the input the message is about."""

    def __init__(
        self,
        code: ZoneErrorCode,
        message: Any,
        *,
        field: str | None = None,
        params: dict[str, Any] | None = None,
    ) -> None:
        self.code = code
        self.field = field
        self.params = params or {}
        self.message = str(message % self.params if self.params else message)
        super().__init__(self.message)

"""Keep personal data out of logs (PIPL): identity numbers, mobile numbers and e-mail addresses
are masked wherever they appear in a log line, and values under sensitive keys are dropped."""

from __future__ import annotations

import re
from collections.abc import Mapping, MutableMapping
from typing import Any

SENSITIVE_KEYS = frozenset(
    {
        "password",
        "password1",
        "password2",
        "token",
        "authorization",
        "cookie",
        "secret",
        "mobile",
        "phone",
        "email",
        "recipient_name",
        "address_detail",
        "disability_certificate_number",
        "poor_household_number",
        "resident_id",
        "identity_number",
    }
)
REDACTED = "[redacted]"

# 18-character resident ID / disability certificate numbers (with optional 2-digit suffix),
# mainland mobile numbers, e-mail addresses.
_PATTERNS = (
    (re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?:\d{2})?(?![0-9A-Za-z])"), "[id-number]"),
    (re.compile(r"(?<!\d)(?:\+?86[- ]?)?1[3-9]\d{9}(?!\d)"), "[mobile]"),
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
)


def mask_text(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, Mapping):
        return {
            k: (REDACTED if str(k).lower() in SENSITIVE_KEYS else _clean(v))
            for k, v in value.items()
        }
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    return value


def redact_personal_data(
    logger: Any, method_name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    """A structlog processor."""
    for key in list(event_dict):
        if key.lower() in SENSITIVE_KEYS:
            event_dict[key] = REDACTED
        else:
            event_dict[key] = _clean(event_dict[key])
    return event_dict

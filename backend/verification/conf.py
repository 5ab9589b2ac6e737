"""Verification settings, each with a default (override any in settings or the environment).

- VERIFICATION_EVIDENCE_ROOT: where evidence files live, outside MEDIA_ROOT
  (default DATA_DIR / "private" / "evidence"); a system check refuses a public location.
- VERIFICATION_EVIDENCE_MAX_BYTES: largest evidence upload (default 10 MiB).
- VERIFICATION_EVIDENCE_EXTENSIONS: accepted file types (photos and PDF).
- VERIFICATION_VALIDITY_DAYS: how long an approval lasts (default 365, renewable).
- VERIFICATION_REMINDER_DAYS: days before expiry when reminders go out (default 30 and 7).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings


def evidence_root() -> Path:
    default = Path(settings.DATA_DIR) / "private" / "evidence"
    return Path(getattr(settings, "VERIFICATION_EVIDENCE_ROOT", default)).resolve()


def evidence_max_bytes() -> int:
    return int(getattr(settings, "VERIFICATION_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def evidence_extensions() -> list[str]:
    default = ["jpg", "jpeg", "png", "webp", "pdf"]
    return [
        e.lower().lstrip(".")
        for e in getattr(settings, "VERIFICATION_EVIDENCE_EXTENSIONS", default)
    ]


def validity_days() -> int:
    return int(getattr(settings, "VERIFICATION_VALIDITY_DAYS", 365))


def reminder_days() -> list[int]:
    """Reminder stages, largest first (e.g. [30, 7])."""
    days = getattr(settings, "VERIFICATION_REMINDER_DAYS", (30, 7))
    return sorted({int(d) for d in days if int(d) > 0}, reverse=True)

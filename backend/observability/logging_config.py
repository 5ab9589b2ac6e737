"""Structured logs: one JSON object per line (console-friendly text when DEBUG), each carrying the
request id of the request being served, with personal data masked.

Django's and every library's standard-library log records go through the same processors, so
`logging.getLogger(...)` and `structlog.get_logger()` lines look alike.
"""

from __future__ import annotations

from collections.abc import MutableMapping
from typing import Any

import structlog

from backend.audit.context import current_request_id
from backend.observability.redaction import redact_personal_data


def add_request_id(
    logger: Any, method_name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    request_id = current_request_id()
    if request_id:
        event_dict.setdefault("request_id", request_id)
    return event_dict


SHARED_PROCESSORS: list[Any] = [
    structlog.contextvars.merge_contextvars,
    structlog.stdlib.add_log_level,
    structlog.stdlib.add_logger_name,
    structlog.processors.TimeStamper(fmt="iso", utc=True),
    add_request_id,
    structlog.processors.format_exc_info,
    redact_personal_data,
]


def logging_dict(*, json: bool, level: str) -> dict[str, Any]:
    """The LOGGING setting: the stdlib root logger renders through structlog."""
    renderer: Any = (
        structlog.processors.JSONRenderer(ensure_ascii=False)
        if json
        else structlog.dev.ConsoleRenderer(colors=False)
    )
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "structured": {
                "()": structlog.stdlib.ProcessorFormatter,
                "processors": [
                    structlog.stdlib.ProcessorFormatter.remove_processors_meta,
                    renderer,
                ],
                "foreign_pre_chain": SHARED_PROCESSORS,
            }
        },
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "structured"}},
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            "sunshine.requests": {"level": "INFO", "propagate": True},
            "django.server": {"level": "WARNING"},
        },
    }


def configure_structlog() -> None:
    structlog.configure(
        processors=[*SHARED_PROCESSORS, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )

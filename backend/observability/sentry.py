"""Sentry error reporting when SENTRY_DSN is set: Django and Celery errors, never personal data
(no cookies, headers, bodies or user details are sent; messages are masked like the logs)."""

from __future__ import annotations

from typing import Any

from backend.observability.redaction import mask_text


def scrub_event(event: Any, hint: Any) -> Any:
    request = event.get("request")
    if isinstance(request, dict):
        for key in ("cookies", "data", "headers", "query_string", "env"):
            request.pop(key, None)
    event.pop("user", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        if isinstance(exception.get("value"), str):
            exception["value"] = mask_text(exception["value"])
    if isinstance(event.get("logentry"), dict):
        message = event["logentry"].get("message")
        if isinstance(message, str):
            event["logentry"]["message"] = mask_text(message)
    return event


def init_sentry(dsn: str, *, environment: str) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.celery import CeleryIntegration
    from sentry_sdk.integrations.django import DjangoIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        send_default_pii=False,
        include_local_variables=False,
        before_send=scrub_event,
        integrations=[DjangoIntegration(), CeleryIntegration()],
        traces_sample_rate=0.0,
    )

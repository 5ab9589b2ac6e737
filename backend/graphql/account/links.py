"""Links e-mailed by account mutations point at the client's page (Saleor's `redirectUrl`),
which must be on one of ALLOWED_HOSTS: a mutation must not mail people a link to anywhere."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http.request import validate_host
from django.utils.translation import gettext_lazy as _

from backend.graphql.account.errors import AccountErrorCode
from backend.graphql.core.mutations import MutationErrors


def link_pattern(redirect_url: str, *params: str) -> str:
    """`redirect_url` with `param={param}` placeholders appended; raises MutationErrors
    (INVALID on redirectUrl) for a URL on a host this site does not serve."""
    parts = urlsplit(redirect_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _invalid()
    if not validate_host(parts.hostname, list(settings.ALLOWED_HOSTS)):
        raise _invalid()
    escaped = redirect_url.replace("{", "{{").replace("}", "}}")
    query = "&".join(f"{name}={{{name}}}" for name in params)
    return f"{escaped}{'&' if parts.query else '?'}{query}"


def _invalid() -> MutationErrors:
    return MutationErrors.of(
        AccountErrorCode.INVALID,
        field="redirectUrl",
        message=_("The redirect address is not one of this site's addresses."),
    )

"""Who is asking: an access token in `Authorization: Bearer <token>` (Saleor's way; `JWT
<token>` is accepted too), or else the Django session.

The endpoint is CSRF-exempt for token clients, so a session is honoured only when the request
passes Django's CSRF check (same-site pages send the X-CSRFToken header); a cross-site request
riding on the session cookie is served as anonymous. A bad or expired token is a top-level
error: the client must sign in again rather than silently continue as anonymous.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from graphql import GraphQLError, GraphQLResolveInfo

if TYPE_CHECKING:
    from backend.accounts.models import User

TOKEN_SCHEMES = ("bearer", "jwt")


class InvalidTokenError(GraphQLError):
    pass


class ExpiredSignatureError(GraphQLError):
    pass


def _no_response(request: HttpRequest) -> HttpResponse:
    return HttpResponse()


def _passes_csrf_check(request: HttpRequest) -> bool:
    return CsrfViewMiddleware(_no_response).process_view(request, _no_response, (), {}) is None


def authenticate_request(request: HttpRequest) -> None:
    """Set `request.user` for the API; raises InvalidTokenError / ExpiredSignatureError."""
    from backend.graphql.account.tokens import ACCESS, TokenExpired, TokenInvalid, user_from_token

    scheme, _, token = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if scheme.lower() in TOKEN_SCHEMES and token.strip():
        try:
            request.user = user_from_token(token.strip(), ACCESS)
        except TokenExpired as error:
            raise ExpiredSignatureError("Signature has expired") from error
        except TokenInvalid as error:
            raise InvalidTokenError("Invalid token") from error
        return
    user: Any = getattr(request, "user", None)
    if user is None or (user.is_authenticated and not _passes_csrf_check(request)):
        request.user = AnonymousUser()


def current_user(info: GraphQLResolveInfo) -> User | None:
    """The signed-in user of this request, or None."""
    user: Any = getattr(info.context.request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    return user  # type: ignore[no-any-return]

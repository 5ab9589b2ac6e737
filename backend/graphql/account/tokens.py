"""JSON Web Tokens for API clients (Saleor's `tokenCreate` / `tokenRefresh` / Bearer header).

Tokens are signed with HS256 and Django's SECRET_KEY. Each names its user and carries a key
derived from the user's password hash and active flag, so changing the password or deactivating
the account revokes every token issued before, without a token table.

Lifetimes: GRAPHQL_JWT_ACCESS_TTL (default 5 minutes, as Saleor) and GRAPHQL_JWT_REFRESH_TTL
(default 30 days), read from settings when set.
"""

from __future__ import annotations

import hmac
from datetime import timedelta
from typing import Any

import jwt
from django.conf import settings
from django.utils import timezone
from django.utils.crypto import salted_hmac

from backend.accounts.models import User

ALGORITHM = "HS256"
OWNER = "sunshine-market"
ACCESS = "access"
REFRESH = "refresh"
KEY_SALT = "backend.graphql.account.tokens"


class TokenError(Exception):
    """The token cannot be used."""


class TokenExpired(TokenError):
    pass


class TokenInvalid(TokenError):
    pass


def access_ttl() -> timedelta:
    return getattr(settings, "GRAPHQL_JWT_ACCESS_TTL", timedelta(minutes=5))


def refresh_ttl() -> timedelta:
    return getattr(settings, "GRAPHQL_JWT_REFRESH_TTL", timedelta(days=30))


def user_token_key(user: User) -> str:
    """Changes whenever the password (hash) or the active flag changes."""
    material = f"{user.pk}:{user.password}:{int(user.is_active)}"
    return salted_hmac(KEY_SALT, material, algorithm="sha256").hexdigest()[:32]


def create_token(user: User, kind: str) -> str:
    now = timezone.now()
    payload = {
        "owner": OWNER,
        "type": kind,
        "user_id": user.pk,
        "email": user.email or "",
        "key": user_token_key(user),
        "iat": now,
        "exp": now + (access_ttl() if kind == ACCESS else refresh_ttl()),
    }
    return jwt.encode(payload, settings.SECRET_KEY, algorithm=ALGORITHM)


def _payload(token: str) -> dict[str, Any]:
    try:
        payload = jwt.decode(
            token,
            settings.SECRET_KEY,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "iat", "type", "user_id", "key"]},
        )
    except jwt.ExpiredSignatureError as error:
        raise TokenExpired("Signature has expired") from error
    except jwt.PyJWTError as error:
        raise TokenInvalid("Invalid token") from error
    if payload.get("owner") != OWNER:
        raise TokenInvalid("Invalid token")
    return payload


def user_from_token(token: str, kind: str) -> User:
    """The active user the token was issued to; raises TokenExpired or TokenInvalid."""
    payload = _payload(token)
    if payload["type"] != kind:
        raise TokenInvalid("Invalid token type")
    user = User.objects.filter(pk=payload["user_id"], is_active=True).first()
    if user is None or not hmac.compare_digest(str(payload["key"]), user_token_key(user)):
        raise TokenInvalid("Invalid token")
    return user

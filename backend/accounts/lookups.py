"""Finding an account by what a person types to sign in: a mobile number or an e-mail."""

from __future__ import annotations

from backend.accounts.models import User
from backend.accounts.registration import looks_like_email, normalise_email, normalise_mobile


def normalise_login(login: str) -> str:
    """An e-mail as typed (trimmed), or a mobile number in its stored 11-digit form when it is
    one (so "+86 139-1234-5678" signs in as 13912345678)."""
    text = (login or "").strip()
    if looks_like_email(text):
        return text
    return normalise_mobile(text) or text


def get_user_by_login(login: str) -> User:
    """The account with this mobile number or e-mail address (active or not).

    Raises User.DoesNotExist.
    """
    text = normalise_login(login)
    if not text:
        raise User.DoesNotExist
    if looks_like_email(text):
        return User.objects.get(email__iexact=normalise_email(text))
    return User.objects.get(mobile=text)

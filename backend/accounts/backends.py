from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from backend.accounts.models import User


class EmailOrMobileBackend(ModelBackend):
    """Sign in with an e-mail address or a mobile number, whichever the account has."""

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        login = (username or kwargs.get("email") or kwargs.get("mobile") or "").strip()
        if not login or password is None:
            return None
        field = "email__iexact" if "@" in login else "mobile"
        try:
            user = User.objects.get(**{field: login})
        except User.DoesNotExist:
            User().set_password(password)  # same work either way: no timing oracle
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User


class SignInForm(forms.Form):
    login = forms.CharField(
        label=_("Mobile number or email address"),
        max_length=254,
        error_messages={"required": _("Enter your mobile number or email address")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        login, password = data.get("login"), data.get("password")
        if login and password:
            user = authenticate(self.request, username=login, password=password)
            if user is None:
                raise forms.ValidationError(
                    _(
                        "The mobile number, email address or password is not right. "
                        "Check them and try again."
                    ),
                    code="invalid_login",
                )
            self.user = user  # type: ignore[assignment]
        return data

"""Signing up for the seller portal: an account first (name, mobile or e-mail, password)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.accounts.registration import (
    RegistrationError,
    check_registration,
    looks_like_email,
)

# The service's field names -> this form's.
REGISTRATION_FIELDS = {"name": "name", "email": "login", "mobile": "login", "password": "password"}


class SignUpForm(forms.Form):
    name = forms.CharField(
        label=_("Your name"),
        help_text=_("The name people know you by. Buyers do not see it."),
        max_length=100,
        error_messages={"required": _("Enter your name")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    login = forms.CharField(
        label=_("Mobile number or email address"),
        help_text=_(
            "You sign in with it. Most sellers use their mobile number, like 139 1234 5678."
        ),
        max_length=254,
        error_messages={"required": _("Enter your mobile number or email address")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )
    password = forms.CharField(
        label=_("Create a password"),
        help_text=_(
            "Use at least 8 characters. Do not use only numbers, or a password that is easy to "
            "guess, like 12345678."
        ),
        strip=False,
        error_messages={"required": _("Create a password")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password_again = forms.CharField(
        label=_("Type the password again"),
        strip=False,
        error_messages={"required": _("Type the password again")},
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def account_fields(self) -> dict[str, Any]:
        login = self.cleaned_data["login"].strip()
        is_email = looks_like_email(login)
        return {
            "name": self.cleaned_data["name"],
            "email": login if is_email else None,
            "mobile": None if is_email else login,
        }

    def add_registration_error(self, error: RegistrationError) -> None:
        for problem in error.problems:
            field = REGISTRATION_FIELDS.get(problem.field)
            if field is None or not self.has_error(field):
                self.add_error(field, forms.ValidationError(problem.message, code=problem.code))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password, again = data.get("password"), data.get("password_again")
        if password and again and password != again:
            self.add_error(
                "password_again",
                forms.ValidationError(
                    _("The two passwords are not the same. Type them again."), code="mismatch"
                ),
            )
        if data.get("name") and data.get("login") and password:
            try:
                check_registration(password=password, **self.account_fields())
            except RegistrationError as error:
                self.add_registration_error(error)
        return data

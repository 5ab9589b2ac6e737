"""Forms of the privacy pages: confirming an account deletion with the password, asking for a
password reset link, choosing a new password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import SetPasswordForm
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.accounts.password_reset import finish_password_reset


class ConfirmDeletionForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        help_text=_("To make sure it is you, type the password you sign in with."),
        strip=False,
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "input"}),
    )

    def __init__(self, user: User, *args: Any, **kwargs: Any) -> None:
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(
                _("The password is not right. Check it and try again."), code="invalid_password"
            )
        return password


class PasswordResetRequestForm(forms.Form):
    login = forms.CharField(
        label=_("Mobile number or email address"),
        help_text=_("The one you sign in with."),
        max_length=254,
        error_messages={"required": _("Enter your mobile number or email address.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "class": "input"}
        ),
    )


class NewPasswordForm(SetPasswordForm):  # type: ignore[type-arg]
    """Django's checks (validators, both entries the same); saved through the accounts service
    so the change is audited."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        first, second = self.fields["new_password1"], self.fields["new_password2"]
        first.label = _("New password")
        first.help_text = _("At least 8 characters. Not only numbers, and not a common password.")
        second.label = _("Type the new password again")
        second.help_text = ""
        first.error_messages["required"] = _("Enter a new password.")
        second.error_messages["required"] = _("Type the new password again.")
        for field in (first, second):
            field.widget.attrs.update({"class": "input", "autocomplete": "new-password"})

    def save(self, commit: bool = True) -> Any:
        return finish_password_reset(self.user, self.cleaned_data["new_password1"])

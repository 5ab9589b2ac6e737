from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.accounts.lookups import normalise_login
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
            user = authenticate(self.request, username=normalise_login(login), password=password)
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


CARRIERS = [
    ("顺丰速运", "顺丰速运"),
    ("中国邮政", "中国邮政 EMS"),
    ("京东物流", "京东物流"),
    ("中通快递", "中通快递"),
    ("圆通速递", "圆通速递"),
    ("韵达快递", "韵达快递"),
    ("申通快递", "申通快递"),
    ("self", _("I deliver it myself or the buyer collects it")),
]


class ShipForm(forms.Form):
    """Mark a sub-order as shipped: which carrier, and the tracking number the buyer will see."""

    carrier = forms.ChoiceField(
        label=_("Which delivery company is taking the parcel?"),
        choices=[("", _("Choose a delivery company")), *CARRIERS],
        error_messages={"required": _("Choose the delivery company")},
    )
    tracking_number = forms.CharField(
        label=_("Tracking number"),
        help_text=_("It is on the delivery slip, under the bar code. Letters and numbers only."),
        max_length=64,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_tracking_number(self) -> str:
        value = "".join((self.cleaned_data.get("tracking_number") or "").split()).upper()
        if value and not value.isalnum():
            raise forms.ValidationError(
                _("Use only letters and numbers in the tracking number, without spaces or dashes"),
                code="invalid",
            )
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("carrier") not in (None, "", "self") and not data.get("tracking_number"):
            self.add_error(
                "tracking_number",
                forms.ValidationError(
                    _("Enter the tracking number so the buyer can follow the parcel"),
                    code="required",
                ),
            )
        return data

    def carrier_label(self) -> str:
        carrier = self.cleaned_data["carrier"]
        return str(dict(CARRIERS)[carrier]) if carrier == "self" else carrier

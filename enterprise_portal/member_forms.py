"""Forms of members, delivery sites and pledges (enterprise side)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.enterprises.models import EnterpriseRole, PledgeKind

ROLE_HINTS = {
    EnterpriseRole.ADMIN: _("Everything, including members and invoice details"),
    EnterpriseRole.BUYER: _(
        "Posts purchase requests, accepts quotes and deliveries, drafts contracts"
    ),
    EnterpriseRole.APPROVER: _("Accepts quotes, signs contracts, declares pledges"),
    EnterpriseRole.FINANCE: _("Invoice details and pledges; reads everything"),
    EnterpriseRole.STAFF: _("An employee whose own purchases count toward the pledge"),
}


class MemberForm(forms.Form):
    login = forms.CharField(
        label=_("Their mobile number or email address"),
        help_text=_("The one they sign in with. They need an account first."),
        max_length=254,
        error_messages={"required": _("Enter the person's mobile number or email address")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=EnterpriseRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the member's role")},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choice_hints = {str(k): v for k, v in ROLE_HINTS.items()}  # type: ignore[attr-defined]


class SiteForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the site"),
        help_text=_("For example 中心厨房 or 第二食堂"),
        max_length=100,
        error_messages={"required": _("Enter the site's name, for example 中心厨房")},
    )
    county = forms.TypedChoiceField(
        label=_("County or district"),
        coerce=int,
        error_messages={
            "required": _("Choose the county or district"),
            "invalid_choice": _("Choose the county or district"),
        },
    )
    address_detail = forms.CharField(
        label=_("Street address"),
        max_length=255,
        error_messages={"required": _("Enter the street address of the site")},
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label=_("Who receives deliveries"),
        max_length=100,
        error_messages={"required": _("Enter who receives deliveries at the site")},
    )
    contact_mobile = forms.CharField(
        label=_("Their mobile number"),
        max_length=20,
        error_messages={"required": _("Enter the contact person's mobile number")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    is_active = forms.TypedChoiceField(
        label=_("Can deliveries still be sent here?"),
        choices=[("yes", _("Yes")), ("no", _("No, we do not use this site any more"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        required=False,
    )

    def __init__(self, counties: list[Any], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("Choose a county or district")), *counties]  # type: ignore[attr-defined]


class PledgeForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    kind = forms.ChoiceField(
        label=_("What do you pledge?"),
        choices=PledgeKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose an amount or a share")},
    )
    amount = forms.DecimalField(
        label=_("Amount in yuan (if you pledge an amount)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.01"),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the amount as a number, like 50000")},
    )
    share_percent = forms.DecimalField(
        label=_("Share in percent (if you pledge a share)"),
        # xgettext:no-python-format
        help_text=_("Budget units reserve at least 10% of canteen food purchasing"),
        required=False,
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the share as a number, like 10")},
    )
    base_amount = forms.DecimalField(
        label=_("The year's food purchasing in yuan (if you pledge a share)"),
        required=False,
        max_digits=14,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
        error_messages={"invalid": _("Enter the amount as a number, like 1200000")},
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=500, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        year = timezone.localdate().year
        self.fields["year"].choices = [(y, str(y)) for y in (year, year + 1, year - 1)]  # type: ignore[attr-defined]

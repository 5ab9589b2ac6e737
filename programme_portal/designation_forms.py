"""Forms of the designation pages: they parse and keep what the operator typed; the services in
`backend.designations.confirmation` decide."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.designations.confirmation import ConfirmationDraft
from backend.designations.errors import DesignationError
from backend.designations.models import DesignationLevel


class ConfirmDesignationForm(forms.Form):
    level = forms.ChoiceField(
        label=_("Level of the designation"),
        choices=DesignationLevel.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose the level of the designation")},
    )
    awarded_on = forms.DateField(
        label=_("Date awarded"),
        help_text=_("For example, 2026-03-01"),
        # A text box in ISO form (GOV.UK advises against native date pickers).
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"autocomplete": "off", "spellcheck": "false"}
        ),
        error_messages={
            "required": _("Enter the date awarded"),
            "invalid": _("Date awarded must be a real date, like 2026-03-01"),
        },
    )
    award_amount = forms.DecimalField(
        label=_("Award in yuan"),
        help_text=_("The amount paid to the holder, in yuan (元), for example 10000"),
        min_value=Decimal("0"),
        max_digits=12,
        decimal_places=2,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "spellcheck": "false"}),
        error_messages={
            "required": _("Enter the award in yuan"),
            "invalid": _("Award must be an amount in yuan, like 10000 or 10000.50"),
            "min_value": _("Award must be 0 or more"),
            "max_digits": _("Award must be less than 10,000,000,000 yuan"),
            "max_decimal_places": _("Award must be an amount in yuan, like 10000 or 10000.50"),
            "max_whole_digits": _("Award must be less than 10,000,000,000 yuan"),
        },
    )

    def draft(self) -> ConfirmationDraft:
        data = self.cleaned_data
        return ConfirmationDraft(
            level=data["level"], awarded_on=data["awarded_on"], award_amount=data["award_amount"]
        )

    def add_service_error(self, error: DesignationError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)


class RevokeDesignationForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the designation revoked?"),
        help_text=_("The holder and other operators will read this in the record"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Say why the designation is revoked"),
            "max_length": _("Reason must be 500 characters or fewer"),
        },
    )

    def add_service_error(self, error: DesignationError) -> None:
        self.add_error(error.field if error.field in self.fields else None, error.message)

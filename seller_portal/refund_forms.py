"""Giving a buyer money back: how much."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class RefundForm(forms.Form):
    amount = forms.DecimalField(
        label=_("How much money to give back, in yuan?"),
        max_digits=12,
        decimal_places=2,
        error_messages={
            "required": _("Enter how much to give back"),
            "invalid": _("Enter an amount in yuan, like 25 or 25.50"),
            "max_decimal_places": _("Use at most 2 digits after the point, like 25.50"),
            "max_digits": _("Enter an amount in yuan, like 25 or 25.50"),
        },
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )

    def __init__(self, refundable: Decimal, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refundable = refundable
        self.fields["amount"].help_text = _(
            "Up to ¥%(amount)s. Give everything back if the buyer gets nothing."
        ) % {"amount": refundable}

    def clean_amount(self) -> Decimal:
        amount: Decimal = self.cleaned_data["amount"]
        if not Decimal("0") < amount <= self.refundable:
            raise forms.ValidationError(
                _("Enter an amount from ¥0.01 to ¥%(amount)s"),
                code="out_of_range",
                params={"amount": self.refundable},
            )
        return amount

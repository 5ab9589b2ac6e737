"""Forms of purchase requests (enterprise side). They parse; the rules are the services'."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import Category
from backend.enterprises.models import DeliverySite, Enterprise
from backend.sourcing.errors import SourcingError
from backend.sourcing.models import RequestUnit

# the services' camelCase fields -> the form's
FIELDS = {
    "productName": "product_name",
    "deliverySite": "delivery_site",
    "unitPrice": "units",
    "availableOn": "units",
}


def add_sourcing_error(form: forms.Form, error: SourcingError) -> None:
    field = FIELDS.get(error.field or "", error.field)
    form.add_error(
        field if field in form.fields else None,
        forms.ValidationError(error.message, code=str(error.code)),
    )


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:
        super().__init__(attrs, format or "%Y-%m-%d")  # what <input type=date> understands


class RequestForm(forms.Form):
    product_name = forms.CharField(
        label=_("What do you want to buy?"),
        help_text=_("For example 党参, 小米 or 核桃"),
        max_length=200,
        error_messages={"required": _("Enter the product you want to buy")},
    )
    category = forms.ModelChoiceField(
        label=_("Category (optional)"),
        help_text=_("Only producers with products in this category are told"),
        queryset=Category.objects.none(),
        required=False,
        empty_label=_("Any category"),
    )
    grade = forms.CharField(
        label=_("Grade (optional)"),
        help_text=_("For example 一级 or 特级"),
        max_length=40,
        required=False,
    )
    quantity = forms.DecimalField(
        label=_("How much?"),
        min_value=Decimal("0.001"),
        max_digits=12,
        decimal_places=3,
        error_messages={
            "required": _("Enter how much you want to buy"),
            "invalid": _("Enter the quantity as a number, like 500"),
            "min_value": _("Enter a quantity greater than 0"),
        },
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
    )
    unit = forms.ChoiceField(
        label=_("In"),
        choices=RequestUnit.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose kilograms or units")},
    )
    province = forms.ChoiceField(
        label=_("Preferred province (optional)"),
        help_text=_("Producers there are told about the request"),
        required=False,
    )
    deadline = forms.DateField(
        label=_("Quotes until"),
        widget=DateInput,
        error_messages={
            "required": _("Enter the last day producers can quote"),
            "invalid": _("Enter the date like 2026-12-31"),
        },
    )
    delivery_site = forms.ModelChoiceField(
        label=_("Deliver to"),
        queryset=DeliverySite.objects.none(),
        empty_label=_("Choose a delivery site"),
        error_messages={
            "required": _("Choose one of your delivery sites"),
            "invalid_choice": _("Choose one of your delivery sites"),
        },
    )
    notes = forms.CharField(
        label=_("Notes for producers (optional)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def __init__(
        self,
        enterprise: Enterprise,
        provinces: list[tuple[str, str]],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        site_field: Any = self.fields["delivery_site"]
        site_field.queryset = DeliverySite.objects.filter(
            enterprise_id=enterprise.pk, is_active=True
        ).order_by("name", "pk")
        category_field: Any = self.fields["category"]
        category_field.queryset = Category.objects.filter(level__lte=1).order_by("tree_id", "lft")
        province_field: Any = self.fields["province"]
        province_field.choices = [("", _("Anywhere")), *provinces]


class AcceptQuoteForm(forms.Form):
    units = forms.IntegerField(
        label=_("Units to accept"),
        min_value=1,
        error_messages={
            "required": _("Enter how many units to accept"),
            "invalid": _("Enter a whole number of units"),
            "min_value": _("Accept at least 1 unit"),
        },
    )


class EndRequestForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("close", _("close")), ("cancel", _("cancel"))], widget=forms.HiddenInput
    )

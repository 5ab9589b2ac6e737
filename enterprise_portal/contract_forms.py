"""Forms of the contract pages (enterprise portal; the delivery and termination forms are also
the seller portal's). They parse and check what people typed; the services decide the rest."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import ProductVariant
from backend.enterprises.models import Enterprise
from backend.procurement.contracts import ContractLineInput, ContractTerms
from backend.procurement.models import DeliveryFrequency, PriceRule, ProcurementOrder
from backend.procurement.progress import ContractProgress
from backend.producers.models import Producer


class DeliveryForm(forms.Form):
    """A delivery date and, per contract line, how many units (0 to leave a line out)."""

    delivery_date = forms.DateField(
        label=_("Delivery date"),
        help_text=_("For example 2026-03-10"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"autocomplete": "off"}),
        error_messages={
            "required": _("Enter the delivery date"),
            "invalid": _("Enter a real date, like 2026-03-10"),
        },
    )

    def __init__(self, *args: Any, progress: ContractProgress, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_fields: list[tuple[str, int]] = []
        for line in progress.lines:
            name = f"line_{line.line_id}"
            self.fields[name] = forms.IntegerField(
                label=_("%(product)s %(grade)s: units in this delivery")
                % {"product": f"{line.product_name} {line.variant_name}", "grade": line.grade},
                help_text=_("%(left)s units still outstanding") % {"left": line.outstanding},
                min_value=0,
                initial=0,
                error_messages={
                    "required": _("Enter a number of units, 0 to leave this product out"),
                    "invalid": _("Enter a whole number of units, like 20"),
                    "min_value": _("Enter 0 or more units"),
                },
            )
            self.line_fields.append((name, line.line_id))

    def quantities(self) -> dict[int, int]:
        return {pk: self.cleaned_data[name] for name, pk in self.line_fields}


class AcceptanceForm(forms.Form):
    """Per delivered line: units accepted, and why any were rejected."""

    notes = forms.CharField(
        label=_("Quality notes (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, delivery: ProcurementOrder, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line_fields: list[tuple[str, str, int]] = []
        for line in delivery.lines.all():
            name = f"accepted_{line.pk}"
            self.fields[name] = forms.IntegerField(
                label=_("%(product)s %(grade)s: units accepted of %(quantity)s")
                % {"product": line.product_name, "grade": line.grade, "quantity": line.quantity},
                min_value=0,
                max_value=line.quantity,
                initial=line.quantity,
                error_messages={
                    "required": _("Enter how many units you accept"),
                    "invalid": _("Enter a whole number of units"),
                    "min_value": _("Enter 0 or more units"),
                    "max_value": _("You cannot accept more units than were delivered"),
                },
            )
            reason = f"reason_{line.pk}"
            self.fields[reason] = forms.CharField(
                label=_("%(product)s: why were units rejected?") % {"product": line.product_name},
                help_text=_("Needed only when you accept fewer units than were delivered"),
                required=False,
                max_length=500,
            )
            self.line_fields.append((name, reason, line.pk))
        self.fields["notes"] = self.fields.pop("notes")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, reason, _pk in self.line_fields:
            accepted = data.get(name)
            quantity = self.fields[name].max_value  # type: ignore[attr-defined]
            if accepted is not None and accepted < quantity and not data.get(reason, "").strip():
                self.add_error(reason, _("Say why units were rejected"))
        return data

    def accepted(self) -> dict[int, int]:
        return {pk: self.cleaned_data[name] for name, _reason, pk in self.line_fields}

    def reasons(self) -> dict[int, str]:
        return {pk: self.cleaned_data[reason] for _name, reason, pk in self.line_fields}


class CancelDeliveryForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the delivery cancelled?"),
        max_length=500,
        error_messages={"required": _("Say why the delivery is cancelled")},
    )


class TerminateForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the contract end?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say why the contract ends")},
    )


class ProducerSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Producer, cooperative or base"),
        help_text=_("Part of the shop's name, like 合作社"),
        max_length=100,
        error_messages={"required": _("Enter part of the producer's name")},
    )


class ContractDraftForm(forms.Form):
    title = forms.CharField(
        label=_("Contract title"),
        max_length=200,
        error_messages={"required": _("Enter a title for the contract")},
    )
    variant = forms.TypedChoiceField(
        label=_("Product"), coerce=int, error_messages={"required": _("Choose the product")}
    )
    grade = forms.CharField(label=_("Grade (optional)"), max_length=40, required=False)
    quantity = forms.IntegerField(
        label=_("Units over the whole period"),
        min_value=1,
        error_messages={
            "required": _("Enter how many units over the period"),
            "invalid": _("Enter a whole number of units, like 120"),
            "min_value": _("Enter at least 1 unit"),
        },
    )
    period_start = forms.DateField(
        label=_("First day"),
        help_text=_("For example 2026-01-01"),
        error_messages={
            "required": _("Enter the first day"),
            "invalid": _("Enter a real date, like 2026-01-01"),
        },
    )
    period_end = forms.DateField(
        label=_("Last day"),
        help_text=_("For example 2026-12-31"),
        error_messages={
            "required": _("Enter the last day"),
            "invalid": _("Enter a real date, like 2026-12-31"),
        },
    )
    price_rule = forms.ChoiceField(
        label=_("Price rule"),
        choices=PriceRule.choices,
        initial=PriceRule.MAX_OF_MARKET_AND_FLOOR,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a price rule")},
    )
    price_rule_percent = forms.DecimalField(
        label=_("Percentage above market (for market plus a percentage)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("Enter a percentage, like 5")},
    )
    floor_per_kg = forms.DecimalField(
        label=_("The contract's own floor price per kg (optional)"),
        help_text=_("It can only raise the protected floor price, never lower it"),
        min_value=Decimal("0.01"),
        decimal_places=2,
        required=False,
        error_messages={"invalid": _("Enter a price, like 12.50")},
    )
    delivery_frequency = forms.ChoiceField(
        label=_("How often deliveries come"),
        choices=DeliveryFrequency.choices,
        initial=DeliveryFrequency.MONTHLY,
        widget=forms.RadioSelect,
    )
    delivery_site = forms.TypedChoiceField(
        label=_("Delivery site"), coerce=int, required=False, empty_value=None
    )
    quality_terms = forms.CharField(
        label=_("Quality acceptance terms"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how quality is checked")},
    )
    payment_terms = forms.CharField(
        label=_("Payment terms"),
        initial=_("Bank transfer against the producer's invoice for the accepted goods."),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Say how the producer is paid")},
    )
    payment_days = forms.IntegerField(
        label=_("Days to pay after the invoice"),
        min_value=0,
        max_value=365,
        initial=30,
        error_messages={"invalid": _("Enter a number of days, like 30")},
    )

    def __init__(self, *args: Any, producer: Producer, enterprise: Enterprise, **kwargs: Any):
        super().__init__(*args, **kwargs)
        variants = ProductVariant.objects.filter(product__producer_id=producer.pk).select_related(
            "product"
        )
        self.fields["variant"].choices = [("", _("Choose the product"))] + [  # type: ignore[attr-defined]
            (v.pk, f"{v.product.name} {v.name}") for v in variants.order_by("product__name", "pk")
        ]
        sites = enterprise.delivery_sites.filter(is_active=True).order_by("name", "pk")
        self.fields["delivery_site"].choices = [("", _("No delivery site yet"))] + [  # type: ignore[attr-defined]
            (s.pk, s.name) for s in sites
        ]

    def terms(self) -> ContractTerms:
        data = self.cleaned_data
        return ContractTerms(
            title=data["title"],
            period_start=data["period_start"],
            period_end=data["period_end"],
            quality_terms=data["quality_terms"],
            payment_terms=data["payment_terms"],
            price_rule=data["price_rule"],
            price_rule_percent=data["price_rule_percent"] or Decimal("0"),
            delivery_frequency=data["delivery_frequency"],
            payment_days=data["payment_days"] if data["payment_days"] is not None else 30,
            delivery_site_id=data["delivery_site"],
        )

    def lines(self) -> list[ContractLineInput]:
        data = self.cleaned_data
        return [
            ContractLineInput(
                variant_id=data["variant"],
                quantity=data["quantity"],
                grade=data["grade"],
                floor_per_kg=data["floor_per_kg"],
            )
        ]


SERVICE_FIELDS = {
    "title": "title",
    "periodEnd": "period_end",
    "priceRulePercent": "price_rule_percent",
    "qualityTerms": "quality_terms",
    "paymentTerms": "payment_terms",
    "deliverySite": "delivery_site",
    "lines.0.variant": "variant",
    "lines.0.quantity": "quantity",
    "lines.0.floorPerKg": "floor_per_kg",
}

"""Forms of the batch pages: recording a batch, adding a certificate, which batch a parcel's
lines came from."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import ProductVariant
from backend.producers.models import Producer
from backend.regions.models import Region, RegionLevel
from backend.traceability.batches import BatchInput
from backend.traceability.models import Batch, CertificateKind, DateKind
from seller_portal.camera_uploads import CameraOrDeviceForm
from seller_portal.verification_forms import document_hint

Choices = list[tuple[Any, Any]]


def variant_choices(shop: Producer) -> Choices:
    """The shop's products, each with its sizes (one <optgroup> per product with sizes)."""
    variants = (
        ProductVariant.objects.filter(product__producer_id=shop.pk)
        .select_related("product")
        .only("pk", "name", "sku", "product__name")
        .order_by("product__name", "sort_order", "pk")
    )
    groups: dict[str, list[tuple[int, str]]] = {}
    for variant in variants:
        label = variant.name or variant.sku or variant.product.name
        groups.setdefault(variant.product.name, []).append((variant.pk, label))
    return [("", _("Choose a product"))] + [
        (name, options) if len(options) > 1 else (options[0][0], name)
        for name, options in groups.items()
    ]


def origin_choices(shop: Producer) -> Choices:
    """Villages of the shop's county grouped by township; a township alone where it has no
    named villages."""
    county_code = shop.region.county_code
    places = (
        Region.objects.filter(
            county_code=county_code, level__in=(RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)
        )
        .only("pk", "name", "level", "parent_id")
        .order_by("level", "name")
    )
    townships: dict[int, tuple[str, list[tuple[int, str]]]] = {}
    for place in places:
        if place.level == RegionLevel.TOWNSHIP:
            townships[place.pk] = (place.name, [])
        elif place.parent_id in townships:
            townships[place.parent_id][1].append((place.pk, place.name))
    choices: Choices = [("", _("Choose the village"))]
    for township_id, (name, villages) in townships.items():
        choices.append((name, villages) if villages else (township_id, name))
    return choices


class BatchForm(forms.Form):
    variant = forms.TypedChoiceField(
        label=_("Which product is it?"),
        coerce=int,
        error_messages={
            "required": _("Choose the product"),
            "invalid_choice": _("Choose one of your products"),
        },
    )
    date_kind = forms.ChoiceField(
        label=_("Was it harvested or made?"),
        choices=DateKind.choices,
        initial=DateKind.HARVEST,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose harvested or made")},
    )
    made_on = forms.DateField(
        label=_("On which date?"),
        help_text=_("Year-month-day, for example 2026-09-15."),
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"autocomplete": "off", "inputmode": "numeric"}
        ),
        error_messages={
            "required": _("Enter the date"),
            "invalid": _("Enter a real date, for example 2026-09-15"),
        },
    )
    origin = forms.TypedChoiceField(
        label=_("In which village?"),
        help_text=_("Villages of your county. Ask your county's operator to add a missing one."),
        coerce=int,
        error_messages={
            "required": _("Choose the village"),
            "invalid_choice": _("Choose one of the villages shown"),
        },
    )
    grade = forms.CharField(
        label=_("Grade (optional)"),
        help_text=_("For example 特级 or 一级."),
        required=False,
        max_length=50,
    )
    quantity = forms.IntegerField(
        label=_("How many units are in the batch?"),
        help_text=_("Units as you sell them, for example jars or bags."),
        min_value=1,
        max_value=1_000_000,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter how many units"),
            "invalid": _("Enter a whole number, for example 200"),
            "min_value": _("Enter 1 or more"),
            "max_value": _("Enter 1,000,000 or fewer"),
        },
    )
    notes = forms.CharField(
        label=_("How was it grown or made? (optional)"),
        help_text=_("Buyers read this on the batch page. Do not write phone numbers."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, shop: Producer, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["variant"].choices = variant_choices(shop)  # type: ignore[attr-defined]
        self.fields["origin"].choices = origin_choices(shop)  # type: ignore[attr-defined]
        if shop.region.level in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
            self.fields["origin"].initial = shop.region_id

    def clean_made_on(self) -> date:
        made_on: date = self.cleaned_data["made_on"]
        if made_on > timezone.localdate():
            raise forms.ValidationError(_("The date must be today or in the past"))
        return made_on

    def batch_input(self) -> BatchInput:
        data = self.cleaned_data
        return BatchInput(
            variant_id=data["variant"],
            made_on=data["made_on"],
            origin_id=data["origin"],
            quantity=data["quantity"],
            date_kind=data["date_kind"],
            grade=data["grade"],
            notes=data["notes"],
        )


class CertificateForm(CameraOrDeviceForm):
    kind = forms.ChoiceField(
        label=_("Which document is it?"),
        choices=CertificateKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose which document it is"),
            "invalid_choice": _("Choose which document it is"),
        },
    )
    issued_by = forms.CharField(
        label=_("Who issued it? (optional)"),
        help_text=_("For example the township's agricultural service centre."),
        required=False,
        max_length=100,
    )
    personal_data = forms.ChoiceField(
        label=_("Does the document show an identity number, a mobile number or a home address?"),
        help_text=_("Everyone can open the certificates on the batch page."),
        choices=[
            ("none", _("No, none of them (I covered them before taking the photo)")),
            ("shown", _("Yes")),
        ],
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Say whether the document shows an identity number, mobile number or home address"
            ),
            "invalid_choice": _("Choose one of the answers"),
        },
    )

    camera = forms.FileField(
        label=_("Take a photo of the document now"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    document = forms.FileField(
        label=_("Or choose a photo or PDF you already have"),
        help_text=document_hint(),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*,application/pdf"}),
    )

    device_field = "document"
    missing_message = _("Take a photo of the document or choose a file from your device")
    ask_only_when_form_is_valid = True

    def clean_personal_data(self) -> str:
        answer: str = self.cleaned_data["personal_data"]
        if answer != "none":
            raise forms.ValidationError(
                _(
                    "Cover the identity number, mobile number and address, then take the "
                    "photo again: everyone can open this document"
                )
            )
        return answer


class LineBatchesForm(forms.Form):
    """One number input per (order line, batch of its product): units from that batch."""

    def __init__(
        self,
        rows: list[tuple[Any, list[Batch], dict[int, int]]],
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        for line, batches, current in rows:
            for batch in batches:
                self.fields[self.key(line.pk, batch.pk)] = forms.IntegerField(
                    label=_("Batch %(code)s (%(left)s left), units")
                    % {"code": batch.code, "left": batch.quantity_left + current.get(batch.pk, 0)},
                    min_value=0,
                    max_value=line.quantity,
                    widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
                    initial=current.get(batch.pk, 0),
                    required=False,
                    error_messages={
                        "invalid": _("Enter a whole number"),
                        "min_value": _("Enter 0 or more"),
                        "max_value": _("Enter at most %(limit_value)s, the number ordered"),
                    },
                )

    @staticmethod
    def key(line_id: int, batch_id: int) -> str:
        return f"line-{line_id}-batch-{batch_id}"

    def plan(self) -> dict[int, list[tuple[int, int]]]:
        plan: dict[int, list[tuple[int, int]]] = {}
        for line, batches, _current in self.rows:
            plan[line.pk] = [
                (batch.pk, self.cleaned_data.get(self.key(line.pk, batch.pk)) or 0)
                for batch in batches
            ]
        return plan

    def fields_of(self, line_id: int) -> list[forms.BoundField]:
        prefix = f"line-{line_id}-"
        return [self[name] for name in self.fields if name.startswith(prefix)]

"""Forms of the delivery pages: a shop records a parcel's step (dispatched, or dropped off at a
pickup point); a pickup point's staff record arrival and collection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.delivery.models import DeliveryStatus, PickupPoint


class ShopDeliveryStepForm(forms.Form):
    status = forms.ChoiceField(
        label=_("What happened to the parcel?"),
        widget=forms.RadioSelect,
        choices=[
            (DeliveryStatus.DISPATCHED.value, _("A courier collected it from me")),
            (
                DeliveryStatus.DROPPED_AT_PICKUP_POINT.value,
                _("I left it at a pickup point for the courier"),
            ),
        ],
        error_messages={"required": _("Choose what happened to the parcel")},
    )
    pickup_point = forms.TypedChoiceField(
        label=_("Which pickup point?"),
        help_text=_("Only if you left the parcel at a pickup point."),
        coerce=int,
        required=False,
        empty_value=None,
    )
    note = forms.CharField(
        label=_("Note for the buyer (optional)"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, points: Sequence[PickupPoint], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = {p.pk: p for p in points}
        self.fields["pickup_point"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a pickup point")),
            *[(p.pk, f"{p.name} ({p.get_kind_display()}), {p.address_detail}") for p in points],
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") == DeliveryStatus.DROPPED_AT_PICKUP_POINT and not data.get(
            "pickup_point"
        ):
            self.add_error(
                "pickup_point",
                forms.ValidationError(
                    _("Choose the pickup point where you left the parcel"), code="required"
                ),
            )
        return data

    def chosen_point(self) -> PickupPoint | None:
        point_id = self.cleaned_data.get("pickup_point")
        return self.points.get(point_id) if point_id else None


class PointDeliveryStepForm(forms.Form):
    status = forms.ChoiceField(
        choices=[
            (DeliveryStatus.AT_PICKUP_POINT.value, _("Arrived here")),
            (DeliveryStatus.COLLECTED.value, _("Collected by the buyer")),
        ],
        widget=forms.HiddenInput,
    )

"""Forms of the helpers pages: add a helper, change what they may do, take access away."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.sellers.models import HelperKind, HelperScope

KIND_HINTS = {
    HelperKind.VOLUNTEER: _("Someone who helps for free (志愿者, 义工)."),
    HelperKind.FEDERATION_WORKER: _(
        "The disability worker of your village or township (残疾人专职委员)."
    ),
    HelperKind.FAMILY_MEMBER: _("Someone in your family."),
    HelperKind.MENTOR: _("A coach from an incubation centre (孵化中心)."),
}
SCOPE_HINTS = {
    HelperScope.PRODUCTS: _("Add and change products, prices, photos and stock."),
    HelperScope.ORDERS: _(
        "See orders, ship them and print packing slips. Money back to buyers waits for you "
        "to confirm."
    ),
    HelperScope.ALL: _(
        "Everything: products, orders, the shop profile, verification and earnings. They "
        "cannot add helpers, and money actions still wait for you to confirm."
    ),
}


def _with_hints(field: forms.Field, hints: dict[Any, Any]) -> None:
    field.choice_hints = {str(k): v for k, v in hints.items()}  # type: ignore[attr-defined]


def scope_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("What may they do for your shop?"),
        choices=HelperScope.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what they may do"),
            "invalid_choice": _("Choose what they may do"),
        },
    )


class HelperAddForm(forms.Form):
    login = forms.CharField(
        label=_("Helper's mobile number or email address"),
        help_text=_(
            "The one they sign in with. They need an account first: they can make one on the "
            "sign-up page."
        ),
        max_length=254,
        error_messages={"required": _("Enter the helper's mobile number or email address")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    kind = forms.ChoiceField(
        label=_("Who are they to you?"),
        choices=HelperKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose who they are to you"),
            "invalid_choice": _("Choose who they are to you"),
        },
    )
    scope = scope_field()
    note = forms.CharField(
        label=_("Note for yourself (optional)"),
        help_text=_("For example: 每周二来帮忙发货"),
        max_length=255,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_hints(self.fields["kind"], KIND_HINTS)
        _with_hints(self.fields["scope"], SCOPE_HINTS)


class HelperScopeForm(forms.Form):
    scope = scope_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _with_hints(self.fields["scope"], SCOPE_HINTS)


class HelperRevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Why? (optional)"),
        help_text=_("Kept in your shop's activity list."),
        max_length=255,
        required=False,
    )

"""Forms of the cart, checkout and sign-in pages: they parse and check the shape of the input
(GOV.UK wording: say what is wrong and how to put it right); the checkout services check the
rest, and `add_service_errors` puts their errors on the right fields."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.checkout.address import normalise_cn_mobile
from backend.checkout.errors import CheckoutError
from backend.checkout.lines import max_line_quantity
from backend.warehouse.errors import InsufficientStock
from storefront.cart_queries import CountyChoices, RegionChoice
from storefront.checkout_shapes import PaymentOption
from storefront.shapes import VariantOption


def add_service_errors(
    form: forms.Form, error: CheckoutError, fields: Mapping[str, str | None]
) -> None:
    """Show each error of a checkout service on the form field it is about (`fields` maps the
    service's field names to the form's); errors about anything else go above the form."""
    for field_error in error.errors:
        name = fields.get(field_error.field or "")
        form.add_error(name if name in form.fields else None, str(field_error.message))


def quantity_field(*, minimum: int, label: str | Any) -> forms.IntegerField:
    limit = max_line_quantity()
    return forms.IntegerField(
        label=label,
        min_value=minimum,
        max_value=limit,
        error_messages={
            "required": _("Enter a quantity."),
            "invalid": _("Enter the quantity as a whole number, like 2."),
            "min_value": _("Enter a quantity of %(limit_value)s or more."),
            "max_value": _("You can buy up to %(limit_value)s at once."),
        },
        # GOV.UK: a text input with a numeric keyboard, not type="number".
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "input input--short"}
        ),
    )


class AddToCartForm(forms.Form):
    variant = forms.TypedChoiceField(
        label=_("Size"),
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a size."),
            "invalid_choice": _("Choose one of the sizes shown."),
        },
    )

    def __init__(self, variants: Sequence[VariantOption], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quantity"] = quantity_field(minimum=1, label=_("Quantity"))
        # The sizes offered, in page order (the template numbers the radios from these).
        self.options = [v for v in variants if v.variant_id and v.availability.can_buy]
        self.fields["variant"].choices = [  # type: ignore[attr-defined]
            (v.variant_id, v.name) for v in self.options
        ]
        if len(self.options) == 1:
            self.initial.setdefault("variant", self.options[0].variant_id)
        self.initial.setdefault("quantity", 1)

    def add_stock_error(self, error: InsufficientStock) -> None:
        available = min((s.available for s in error.shortfalls), default=0)
        if available <= 0:
            message = gettext("This size has just sold out. Choose another size.")
            self.add_error("variant", message)
            return
        message = gettext(
            "Only %(count)s can be sent, counting any already in your cart. "
            "Enter a smaller quantity."
        ) % {"count": available}
        self.add_error("quantity", message)


class LineQuantityForm(forms.Form):
    """The quantity of one cart line (0 removes it); the cart template draws the input, named
    with this prefix (`line-<id>-quantity`)."""

    def __init__(self, *args: Any, line_id: int, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"line-{line_id}")
        super().__init__(*args, **kwargs)
        self.fields["quantity"] = quantity_field(minimum=0, label=_("Quantity"))

    def add_stock_error(self, error: InsufficientStock) -> None:
        available = min((s.available for s in error.shortfalls), default=0)
        if available <= 0:
            message = gettext("This item has sold out. Remove it from your cart.")
        else:
            message = gettext("Only %(count)s can be sent. Enter %(count)s or fewer.") % {
                "count": available
            }
        self.add_error("quantity", message)


class ContactForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_("We send your order confirmation here."),
        max_length=254,
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(
            attrs={"autocomplete": "email", "spellcheck": "false", "class": "input"}
        ),
    )


class ProvinceForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province, region or municipality"),
        error_messages={
            "required": _("Choose the province, region or municipality to deliver to."),
            "invalid_choice": _("Choose the province, region or municipality to deliver to."),
        },
        widget=forms.Select(attrs={"class": "select", "autocomplete": "address-level1"}),
    )

    def __init__(self, provinces: Sequence[RegionChoice], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [  # type: ignore[attr-defined]
            ("", gettext("Choose a province")),
            *[(p.code, p.name) for p in provinces],
        ]


# Service field names → form field names, for `add_service_errors`.
ADDRESS_FIELDS = {
    "recipient_name": "recipient_name",
    "mobile": "mobile",
    "county_id": "county",
    "address_detail": "address_detail",
}


class AddressForm(forms.Form):
    recipient_name = forms.CharField(
        label=_("Recipient's name"),
        max_length=100,
        error_messages={
            "required": _("Enter the recipient's name."),
            "max_length": _("The name can be at most 100 characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name", "class": "input"}),
    )
    mobile = forms.CharField(
        label=_("Mobile number"),
        help_text=_("The courier calls this number. For example 139 1234 5678."),
        max_length=20,
        error_messages={
            "required": _("Enter a mobile number."),
            "max_length": _("Enter a mainland China mobile number, like 139 1234 5678."),
        },
        widget=forms.TextInput(
            attrs={"autocomplete": "tel-national", "inputmode": "tel", "class": "input"}
        ),
    )
    county = forms.TypedChoiceField(
        label=_("City and county or district"),
        coerce=int,
        error_messages={
            "required": _("Choose the county or district of the address."),
            "invalid_choice": _("Choose the county or district of the address."),
        },
        widget=forms.Select(attrs={"class": "select"}),
    )
    address_detail = forms.CharField(
        label=_("Street, building and room"),
        help_text=_("For example 幸福路 8 号 3 单元 501."),
        max_length=255,
        error_messages={
            "required": _("Enter the street, building and room."),
            "max_length": _("The address can be at most 255 characters."),
        },
        widget=forms.Textarea(attrs={"rows": 3, "autocomplete": "street-address"}),
    )

    def __init__(self, counties: CountyChoices, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [  # type: ignore[attr-defined]
            ("", gettext("Choose a county or district")),
            *counties,
        ]

    def clean_mobile(self) -> str:
        """Checked here too, so a wrong number shows with the other errors at once."""
        mobile: str = self.cleaned_data["mobile"]
        if normalise_cn_mobile(mobile) is None:
            raise forms.ValidationError(
                _("Enter a mainland China mobile number, like 139 1234 5678."), code="invalid"
            )
        return mobile


class DeliveryForm(forms.Form):
    """One radio group: a method to the door (its id) or a pickup point (`point-<id>`)."""

    delivery_method = forms.ChoiceField(
        label=_("Delivery method"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a delivery method."),
            "invalid_choice": _("Choose one of the delivery methods shown."),
        },
    )

    def __init__(self, values: Sequence[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["delivery_method"].choices = list(values)  # type: ignore[attr-defined]


class PaymentForm(forms.Form):
    gateway = forms.ChoiceField(
        label=_("How do you want to pay?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how to pay."),
            "invalid_choice": _("Choose one of the ways to pay shown."),
        },
    )

    def __init__(self, options: Sequence[PaymentOption], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["gateway"].choices = [  # type: ignore[attr-defined]
            (option.id, option.name) for option in options
        ]


class SignInForm(forms.Form):
    login = forms.CharField(
        label=_("Mobile number or email address"),
        max_length=254,
        error_messages={"required": _("Enter your mobile number or email address.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "username", "spellcheck": "false", "class": "input"}
        ),
    )
    password = forms.CharField(
        label=_("Password"),
        strip=False,
        error_messages={"required": _("Enter your password.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "class": "input"}),
    )

    def __init__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        login, password = data.get("login"), data.get("password")
        if login and password:
            user = authenticate(self.request, username=login, password=password)
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

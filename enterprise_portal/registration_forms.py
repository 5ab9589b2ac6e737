"""Forms of enterprise registration and details: they parse and show errors; the rules live in
`backend.enterprises.registration` (whose errors are put on the field they are about)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.accounts.registration import normalise_mobile
from backend.enterprises.errors import EnterpriseError
from backend.enterprises.models import Enterprise, EnterpriseKind
from backend.enterprises.registration import clean_credit_code, clean_enterprise_name
from seller_portal.account_forms import SignUpForm
from seller_portal.region_choices import CountyChoices


def add_enterprise_error(form: forms.Form, error: EnterpriseError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, forms.ValidationError(error.message, code=str(error.code)))


class MemberSignUpForm(SignUpForm):
    """The account of the person registering (the same accounts as the rest of the site)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].help_text = _("Your own name, as your colleagues know you.")
        self.fields["login"].help_text = _(
            "You sign in with it. Use your work email address or your mobile number."
        )


KIND_HINTS = {
    EnterpriseKind.ECOMMERCE: _("An online shop or platform that buys to resell"),
    EnterpriseKind.LEADING_AGRICULTURAL: _("龙头企业: processes or trades farm products"),
    EnterpriseKind.CANTEEN: _("Runs canteens for schools, hospitals, factories or offices"),
    EnterpriseKind.UNION: _("Buys for its members, for example at festivals"),
    EnterpriseKind.PUBLIC_BODY: _("A government budget unit with a canteen or a reserved share"),
    EnterpriseKind.OTHER: _("Any other organisation that buys in bulk"),
}


class EnterpriseDetailsForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the enterprise"),
        help_text=_("As it is on the business licence"),
        max_length=200,
        error_messages={
            "required": _("Enter the enterprise's name as it is on its business licence")
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    credit_code = forms.CharField(
        label=_("Unified social credit code (统一社会信用代码)"),
        help_text=_("18 characters, on the business licence, for example 91620000MA71ABCD3X"),
        max_length=40,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )
    kind = forms.ChoiceField(
        label=_("What kind of organisation is it?"),
        choices=EnterpriseKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what kind of organisation it is"),
            "invalid_choice": _("Choose what kind of organisation it is"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choice_hints = {str(k): v for k, v in KIND_HINTS.items()}  # type: ignore[attr-defined]

    def clean_name(self) -> str:
        try:
            return clean_enterprise_name(self.cleaned_data.get("name", ""))
        except EnterpriseError as error:
            raise forms.ValidationError(error.message, code=str(error.code)) from None

    def clean_credit_code(self) -> str:
        try:
            code = clean_credit_code(self.cleaned_data.get("credit_code", ""))
        except EnterpriseError as error:
            raise forms.ValidationError(error.message, code=str(error.code)) from None
        if Enterprise.objects.filter(credit_code=code).exists():
            raise forms.ValidationError(
                _(
                    "An enterprise with this unified social credit code is already registered. "
                    "Ask its administrator to add you as a member."
                ),
                code="credit_code_taken",
            )
        return code


class EnterprisePlaceForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Province where the enterprise is registered"),
        error_messages={
            "required": _("Choose the province, region or municipality"),
            "invalid_choice": _("Choose the province, region or municipality"),
        },
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )
    address_detail = forms.CharField(
        label=_("Street address"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        error_messages={"required": _("Enter the name of the contact person")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_mobile = forms.CharField(
        label=_("Contact mobile number"),
        max_length=20,
        error_messages={"required": _("Enter the contact person's mobile number")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def __init__(self, provinces: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Choose a province")), *provinces]  # type: ignore[attr-defined]

    def clean_contact_mobile(self) -> str:
        raw = self.cleaned_data.get("contact_mobile", "")
        mobile = normalise_mobile(raw)
        if mobile is None:
            raise forms.ValidationError(
                _("Enter a mainland China mobile number, like 139 1234 5678"), code="invalid"
            )
        return mobile


class CountyForm(forms.Form):
    county = forms.TypedChoiceField(
        label=_("Which city and county or district?"),
        help_text=_("Counties are listed under their city."),
        coerce=int,
        error_messages={
            "required": _("Choose the county or district"),
            "invalid_choice": _("Choose the county or district"),
        },
    )

    def __init__(self, counties: CountyChoices, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["county"].choices = [("", _("Choose a county or district")), *counties]  # type: ignore[attr-defined]


class InvoiceDetailsForm(forms.Form):
    invoice_title = forms.CharField(
        label=_("Invoice title (发票抬头)"),
        help_text=_("Usually the enterprise's registered name"),
        max_length=200,
        error_messages={
            "required": _("Enter the invoice title (usually the enterprise's registered name)")
        },
    )
    invoice_bank_name = forms.CharField(label=_("Bank"), max_length=100, required=False)
    invoice_bank_account = forms.CharField(
        label=_("Bank account number"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    invoice_address = forms.CharField(
        label=_("Registered address for invoices"), max_length=255, required=False
    )
    invoice_phone = forms.CharField(
        label=_("Telephone for invoices"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )


class ProfileForm(forms.Form):
    name = forms.CharField(
        label=_("Name of the enterprise"),
        help_text=_("As it is on the business licence"),
        max_length=200,
        error_messages={
            "required": _("Enter the enterprise's name as it is on its business licence")
        },
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    address_detail = forms.CharField(
        label=_("Street address"),
        max_length=255,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    contact_name = forms.CharField(
        label=_("Contact person"),
        max_length=100,
        error_messages={"required": _("Enter the name of the contact person")},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_mobile = forms.CharField(
        label=_("Contact mobile number"),
        max_length=20,
        error_messages={"required": _("Enter the contact person's mobile number")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )

    def clean_contact_mobile(self) -> str:
        mobile = normalise_mobile(self.cleaned_data.get("contact_mobile", ""))
        if mobile is None:
            raise forms.ValidationError(
                _("Enter a mainland China mobile number, like 139 1234 5678"), code="invalid"
            )
        return mobile

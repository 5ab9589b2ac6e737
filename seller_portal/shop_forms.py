"""Questions about a shop, one per form: asked when opening it and when changing its profile."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.images.fields import ImageUploadField
from backend.producers.models import ProducerKind
from seller_portal.camera_uploads import CameraOrDeviceForm
from seller_portal.region_choices import CountyChoices


class HintedRadioSelect(forms.RadioSelect):
    """Radios; the field's `choice_hints` (value -> text) are shown under each label."""


class ShopNameForm(forms.Form):
    name = forms.CharField(
        label=_("What is your shop called?"),
        help_text=_("Buyers see this name. For example 渭源县小李党参店."),
        max_length=100,
        error_messages={
            "required": _("Enter the name of your shop"),
            "max_length": _("Use 100 characters or fewer for the shop name"),
        },
    )


KIND_HINTS = {
    ProducerKind.DISABLED_INDIVIDUAL: _(
        "You have a disability certificate (残疾人证) and sell what you or your family grow or "
        "make."
    ),
    ProducerKind.POOR_HOUSEHOLD: _(
        "Your household is on the poverty register (建档立卡) and has a registration number."
    ),
    ProducerKind.COOPERATIVE: _(
        "A farmers' cooperative (合作社) that sells for the households that belong to it."
    ),
    ProducerKind.EMPLOYMENT_BASE: _(
        "A workshop, farm or factory that gives work to disabled or poor people (就业扶贫基地)."
    ),
    ProducerKind.ENTERPRISE_SHOP: _(
        "A company's shop that sells for many households (一店助多户)."
    ),
}


class ShopKindForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What kind of shop is it?"),
        choices=ProducerKind.choices,
        widget=HintedRadioSelect,
        error_messages={
            "required": _("Choose what kind of shop it is"),
            "invalid_choice": _("Choose what kind of shop it is"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choice_hints = {str(k): v for k, v in KIND_HINTS.items()}  # type: ignore[attr-defined]


class CertificateForm(forms.Form):
    disability_certificate_number = forms.CharField(
        label=_("What is the number on your disability certificate?"),
        help_text=_(
            "20 characters: your 18-character ID number, then one digit for the kind of "
            "disability and one for the grade. Only the platform and the disability federation "
            "see it."
        ),
        max_length=40,
        error_messages={"required": _("Enter the number on your disability certificate")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class HouseholdNumberForm(forms.Form):
    poor_household_number = forms.CharField(
        label=_("What is your household's poverty registration number?"),
        help_text=_(
            "6 to 30 letters or numbers, from your registration card. Only the platform and the "
            "disability federation see it."
        ),
        max_length=60,
        error_messages={"required": _("Enter your household's poverty registration number")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )


class ProvinceForm(forms.Form):
    province = forms.ChoiceField(
        label=_("Which province is your shop in?"),
        help_text=_("Next you choose the city and county."),
        error_messages={
            "required": _("Choose the province, region or municipality"),
            "invalid_choice": _("Choose the province, region or municipality"),
        },
        widget=forms.Select(attrs={"autocomplete": "address-level1"}),
    )

    def __init__(self, provinces: list[tuple[str, str]], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["province"].choices = [("", _("Choose a province")), *provinces]  # type: ignore[attr-defined]


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


class PlaceForm(forms.Form):
    township = forms.CharField(
        label=_("Township or town (optional)"),
        help_text=_("For example 会川镇"),
        max_length=60,
        required=False,
    )
    village = forms.CharField(
        label=_("Village (optional)"),
        help_text=_("For example 本庙村"),
        max_length=60,
        required=False,
    )


class StoryForm(forms.Form):
    story = forms.CharField(
        label=_("Tell buyers about you and your shop"),
        help_text=_(
            "Who you are, what you grow or make, and how. You can leave this empty and add it "
            "later."
        ),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class LogoForm(CameraOrDeviceForm):
    """A logo from the phone's camera or from the device, and what it shows."""

    camera = ImageUploadField(
        label=_("Take a photo of your logo now"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    logo = ImageUploadField(
        label=_("Or choose a picture you already have"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    alt = forms.CharField(
        label=_("Say what the logo shows"),
        help_text=_("For buyers who cannot see it. For example: 一棵党参和店名“小李党参”."),
        max_length=250,
        error_messages={"required": _("Say what the logo shows")},
    )

    field_order = ["camera", "logo", "alt"]

    device_field = "logo"
    missing_message = _("Take a photo or choose a picture from your device")


class LogoAltForm(forms.Form):
    alt = LogoForm.base_fields["alt"]


class ShopLinkForm(forms.Form):
    platform = forms.CharField(
        label=_("Platform"),
        help_text=_("For example 淘宝, 京东, 拼多多 or 微店"),
        max_length=50,
        error_messages={"required": _("Enter the name of the platform")},
    )
    url = forms.CharField(
        label=_("Address of your shop there"),
        help_text=_("Copy it from the browser, like https://shop.example.com"),
        max_length=200,
        error_messages={"required": _("Enter the address of your shop there")},
        widget=forms.TextInput(
            attrs={"inputmode": "url", "autocomplete": "url", "spellcheck": "false"}
        ),
    )

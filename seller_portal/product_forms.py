"""One question per form: the portal asks sellers one thing at a time (GOV.UK pattern)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.catalog.models import Category
from backend.images.fields import ImageUploadField
from seller_portal.camera_uploads import CameraOrDeviceForm


class NameForm(forms.Form):
    name = forms.CharField(
        label=_("What is the product called?"),
        help_text=_("Use the name buyers know, like 渭源白条党参."),
        max_length=120,
        error_messages={"required": _("Enter the product name")},
    )


class CategoryChoiceField(forms.ModelChoiceField):
    """Categories in tree order, each indented under its parent."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.level}{obj.name}"


class CategoryForm(forms.Form):
    category = CategoryChoiceField(
        label=_("Which kind of product is it?"),
        queryset=Category.objects.none(),
        empty_label=_("Choose a kind"),
        error_messages={
            "required": _("Choose the kind of product"),
            "invalid_choice": _("Choose a kind from the list"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["category"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Category.objects.order_by("tree_id", "lft")


class DescriptionForm(forms.Form):
    description = forms.CharField(
        label=_("Tell buyers about the product"),
        help_text=_("Where it grows, how it is made, how to use it. You can leave this empty."),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class PriceForm(forms.Form):
    price = forms.CharField(
        label=_("Price in yuan"),
        help_text=_("For example 25 or 25.50"),
        max_length=20,
        error_messages={"required": _("Enter the price")},
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
    )


class StockForm(forms.Form):
    stock = forms.IntegerField(
        label=_("How many do you have to sell?"),
        min_value=0,
        max_value=1_000_000,
        error_messages={
            "required": _("Enter how many you have"),
            "invalid": _("Enter a whole number, like 20"),
            "min_value": _("Enter 0 or more"),
            "max_value": _("Enter 1,000,000 or fewer"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


class VariantForm(PriceForm):
    """A size or kind of the product, with its price and weight."""

    variant_name = forms.CharField(
        label=_("Size or kind"),
        help_text=_("For example 500克, 1千克 or 礼盒装"),
        max_length=100,
        error_messages={"required": _("Enter the size or kind")},
    )
    weight_grams = forms.IntegerField(
        label=_("Weight with packing, in grams"),
        help_text=_("Used to work out the delivery price. For example 550"),
        required=False,
        min_value=1,
        max_value=100_000,
        error_messages={
            "invalid": _("Enter the weight as a whole number of grams, like 550"),
            "min_value": _("Enter a weight of 1 gram or more"),
            "max_value": _("Enter a weight of 100,000 grams or less"),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    field_order = ["variant_name", "price", "weight_grams"]


class NewVariantForm(VariantForm, StockForm):
    field_order = ["variant_name", "price", "weight_grams", "stock"]


class PhotoForm(CameraOrDeviceForm):
    """A photo from the phone's camera or from the device, and what it shows."""

    camera = ImageUploadField(
        label=_("Take a photo now"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*", "capture": "environment"}),
    )
    photo = ImageUploadField(
        label=_("Or choose a photo you already have"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )
    alt = forms.CharField(
        label=_("Say what the photo shows"),
        help_text=_(
            "For buyers who cannot see it. For example: 三根晒干的党参放在竹筛上. "
            "You can type or speak it."
        ),
        max_length=250,
        error_messages={"required": _("Say what the photo shows")},
    )

    field_order = ["camera", "photo", "alt"]

    device_field = "photo"
    missing_message = _("Take a photo or choose one from your device")


class AltTextForm(forms.Form):
    alt = PhotoForm.base_fields["alt"]

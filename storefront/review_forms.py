"""The buyer's review form: stars, text and up to three photos, each photo checked by the same
`ImageUploadField` as product photos."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from backend.images.fields import ImageUploadField
from backend.reviews.models import MAX_REVIEW_PHOTOS, REVIEW_TEXT_MAX_LENGTH
from backend.reviews.photos import PhotoInput

STAR_CHOICES = [
    ("5", _("5 stars: excellent")),
    ("4", _("4 stars: good")),
    ("3", _("3 stars: all right")),
    ("2", _("2 stars: poor")),
    ("1", _("1 star: very poor")),
]


class ReviewForm(forms.Form):
    rating = forms.ChoiceField(
        label=_("How many stars do you give it?"),
        choices=STAR_CHOICES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose from 1 to 5 stars"),
            "invalid_choice": _("Choose from 1 to 5 stars"),
        },
    )
    text = forms.CharField(
        label=_("Your review"),
        help_text=_(
            "About the product and how it arrived. Do not write about the seller as a person. "
            "You can leave this empty."
        ),
        required=False,
        max_length=REVIEW_TEXT_MAX_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={
            "max_length": _("Keep the review under %(limit_value)d characters"),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for number in range(1, MAX_REVIEW_PHOTOS + 1):
            self.fields[f"photo_{number}"] = ImageUploadField(
                label=_("Photo %(number)d (optional)") % {"number": number}, required=False
            )
            self.fields[f"photo_{number}_alt"] = forms.CharField(
                label=_("What does photo %(number)d show? (optional)") % {"number": number},
                required=False,
                max_length=250,
            )

    def photo_fields(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"photo_{n}"], self[f"photo_{n}_alt"]) for n in range(1, MAX_REVIEW_PHOTOS + 1)
        ]

    def photos(self) -> list[PhotoInput]:
        """The photos given, in order, with what each shows."""
        found = []
        for number in range(1, MAX_REVIEW_PHOTOS + 1):
            upload = self.cleaned_data.get(f"photo_{number}")
            if upload:
                found.append(PhotoInput(upload, self.cleaned_data.get(f"photo_{number}_alt", "")))
        return found

    def photo_field_name(self, index: int) -> str:
        """The form field of the `index`-th photo given (for a service error `photos.<index>`)."""
        given = [n for n in range(1, MAX_REVIEW_PHOTOS + 1) if self.cleaned_data.get(f"photo_{n}")]
        return f"photo_{given[index]}" if index < len(given) else "photo_1"

"""Forms of the verification pages: which verification, evidence files, a note when sending
an application again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _

from backend.verification.conf import evidence_max_bytes
from backend.verification.models import EvidenceKind, VerificationKind
from backend.verification.uploads import SUPPORTED_TEXT
from seller_portal.camera_uploads import CameraOrDeviceForm


def _document_hint() -> str:
    return str(
        _("%(formats)s, up to %(size)s.")
        % {"formats": SUPPORTED_TEXT, "size": filesizeformat(evidence_max_bytes())}
    )


# Translated when shown (forms are built at import time, before any request's language).
document_hint = lazy(_document_hint, str)

KIND_HINTS = {
    VerificationKind.DISABLED: _(
        "You hold a disability certificate (残疾人证). Your products then show the tag "
        "“Disabled seller”."
    ),
    VerificationKind.POOR_HOUSEHOLD: _(
        "Your household is on the poverty register (建档立卡). Your products then show the tag "
        "“Registered poor household”."
    ),
    VerificationKind.COOPERATIVE: _(
        "Your shop is a registered cooperative (合作社). You need its business licence."
    ),
    VerificationKind.POVERTY_BASE: _(
        "Your shop is a recognised poverty-alleviation base (扶贫基地). You need its certificate."
    ),
}


class StartApplicationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What do you want to be verified as?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose what you want to be verified as"),
            "invalid_choice": _("Choose one of the verifications shown"),
        },
    )
    statement = forms.CharField(
        label=_("Anything the reviewer should know? (optional)"),
        help_text=_("For example: 持证肢体二级，家里种党参。"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, kinds: list[str], *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["kind"]
        field.choices = [(k, VerificationKind(k).label) for k in kinds]  # type: ignore[attr-defined]
        field.choice_hints = {str(k): KIND_HINTS[VerificationKind(k)] for k in kinds}  # type: ignore[attr-defined]


class EvidenceForm(CameraOrDeviceForm):
    """One document: a photo taken now, or a photo or PDF from the device."""

    evidence_kind = forms.ChoiceField(
        label=_("Which document is it?"),
        choices=EvidenceKind.choices,
        error_messages={
            "required": _("Choose which document it is"),
            "invalid_choice": _("Choose which document it is"),
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


class ResubmitForm(forms.Form):
    note = forms.CharField(
        label=_("What did you add or change?"),
        help_text=_("The reviewer reads this with your documents. You can leave it empty."),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

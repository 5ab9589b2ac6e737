"""Forms that take one file either from the phone's camera or from the device.

Two inputs, because `capture` on a file input opens the camera directly (easier with one
hand or low vision) but hides the device's gallery on some phones. Subclasses declare a
`camera` field and the device field named in `device_field`; exactly one must be filled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django import forms

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise


class CameraOrDeviceForm(forms.Form):
    device_field: ClassVar[str]
    missing_message: ClassVar[StrOrPromise]
    # Evidence forms ask for the file only once the rest of the form is right.
    ask_only_when_form_is_valid: ClassVar[bool] = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        nothing = not data.get("camera") and not data.get(self.device_field)
        if self.ask_only_when_form_is_valid:
            blocked = bool(self.errors)
        else:
            blocked = self.has_error("camera") or self.has_error(self.device_field)
        if nothing and not blocked:
            self.add_error("camera", forms.ValidationError(self.missing_message, code="required"))
        return data

    def upload(self) -> Any:
        return self.cleaned_data.get("camera") or self.cleaned_data.get(self.device_field)

    def upload_field(self) -> str:
        """The input the stored file came from (where an error about it belongs)."""
        return "camera" if self.cleaned_data.get("camera") else self.device_field

"""Template helpers of the seller portal: fields with their hints and errors tied to them."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

from backend.producers.identity import mask_identity

register = template.Library()


def _is_choice_list(field: forms.BoundField) -> bool:
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def is_radios(field: forms.BoundField) -> bool:
    return _is_choice_list(field)


@register.filter
def anchor(field: forms.BoundField) -> str:
    """The id an error summary links to: the field, or the first radio of a radio group."""
    if _is_choice_list(field):
        return f"{field.auto_id}_0"
    return field.id_for_label


def _described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    return " ".join(ids)


@register.simple_tag
def widget(field: forms.BoundField) -> SafeString:
    """The field's input, pointing at its hint and error message (aria-describedby)."""
    attrs: dict[str, Any] = {}
    described_by = _described_by(field)
    if described_by and not _is_choice_list(field):
        attrs["aria-describedby"] = described_by
    return field.as_widget(attrs=attrs)


@register.filter
def described_by(field: forms.BoundField) -> str:
    return _described_by(field)


@register.filter
def choice_hint(field: forms.BoundField, value: Any) -> str:
    hints = getattr(field.field, "choice_hints", None) or {}
    return str(hints.get(str(value), ""))


@register.filter
def masked(value: str | None) -> str:
    return mask_identity(value)

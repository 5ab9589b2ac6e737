"""Putting a domain error onto the form field it is about (or the whole form)."""

from __future__ import annotations

from django import forms

FIELD_ALIASES = {"category": "category", "name": "name", "price": "price", "stock": "stock"}


def add_domain_error(form: forms.Form, field: str | None, message: str) -> None:
    target = FIELD_ALIASES.get(field or "", field)
    if target in form.fields:
        form.add_error(target, message)
    else:
        form.add_error(None, message)

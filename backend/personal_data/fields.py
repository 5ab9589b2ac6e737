"""A text field stored encrypted (see `encryption`): Python code sees the plain number, the
database holds only ciphertext. It cannot be filtered by value: filter on its lookup hash."""

from __future__ import annotations

from typing import Any

from django.db import models

from backend.personal_data.encryption import decrypt, encrypt, is_encrypted


class EncryptedTextField(models.TextField):  # type: ignore[type-arg]
    description = "Text encrypted at rest"

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        if value is None:
            return value
        return decrypt(value)

    def to_python(self, value: Any) -> Any:
        if isinstance(value, str) and is_encrypted(value):
            return decrypt(value)
        return super().to_python(value)

    def get_prep_value(self, value: Any) -> Any:
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        if isinstance(value, str) and is_encrypted(value):
            return value
        return encrypt(str(value))


class LookupHashField(models.CharField):  # type: ignore[type-arg]
    """The keyed hash of another field's value, recomputed whenever the row is written (also by
    `bulk_create`, which calls `pre_save`)."""

    def __init__(self, *args: Any, source: str = "", **kwargs: Any) -> None:
        self.source = source
        kwargs.setdefault("max_length", 64)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("editable", False)
        kwargs.setdefault("db_index", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        kwargs["source"] = self.source
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        from backend.personal_data.encryption import lookup_hash

        value = lookup_hash(getattr(model_instance, self.source) or "")
        setattr(model_instance, self.attname, value)
        return value

"""Mutations in Saleor 3's pattern: check the declared gate, perform, report input errors as data.

`BaseMutation.mutate`
1. settles the previous mutation field: with deferred execution, the sub-selection of an earlier
   mutation in the same operation would otherwise be read after this one ran, or from a loader
   cache filled before it; so pending loaders are dispatched and the caches dropped first;
2. checks `login_required` and `permissions` (Django permission names) and raises
   `PermissionDenied`, a top-level error;
3. calls `perform_mutation`; a `MutationErrors` (or a Django `ValidationError`) raised there
   becomes the payload's `errors` list, and nothing else of the payload is set.

Top-level GraphQL errors are kept for what a client cannot fix by changing the input values:
authentication and permissions, schema-level bad input (graphql-core's validation) and
unexpected failures (logged; the view answers "Internal Server Error").
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

import graphene
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.functional import Promise
from graphene.types.mutation import MutationOptions
from graphene.utils.str_converters import to_camel_case
from graphql import GraphQLError, GraphQLResolveInfo

from backend.graphql.core.auth import current_user
from backend.graphql.core.dataloaders import dispatch_pending_loaders
from backend.graphql.core.error_types import Error


@dataclass(frozen=True)
class FieldError:
    """One entry of a payload's `errors`: `code` is the error enum's value (lower snake case),
    `field` the camelCase input name or None, `extra` the error type's typed extras
    (`variants`, `lines`, `address_type`)."""

    code: str
    field: str | None
    message: str | Promise
    extra: Mapping[str, Any] = dataclasses.field(default_factory=dict)


class MutationErrors(Exception):
    """Input the client can fix; nothing was changed."""

    def __init__(self, errors: Sequence[FieldError]) -> None:
        self.errors = list(errors)
        super().__init__("; ".join(f"{e.field}: {e.code}" for e in self.errors))

    @classmethod
    def of(
        cls, code: Enum | str, *, field: str | None, message: str | Promise, **extra: Any
    ) -> MutationErrors:
        value = code.value if isinstance(code, Enum) else code
        return cls([FieldError(value, field, message, extra)])


class PermissionDenied(GraphQLError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or "You do not have permission to perform this action.")


def settle_pending_loaders(context: Any) -> None:
    """Finish every deferred field of earlier mutations, then drop the loader caches."""
    while dispatch_pending_loaders(context):
        pass
    loaders = getattr(context, "dataloaders", None)
    if loaders is not None:
        loaders.clear()


def validation_error_to_field_errors(
    error: DjangoValidationError, *, known_codes: Iterable[str], default_code: str = "invalid"
) -> list[FieldError]:
    """A Django ValidationError as field errors (field names camelCased, unknown codes
    reported as `default_code`)."""
    codes = set(known_codes)
    found: list[FieldError] = []
    if hasattr(error, "error_dict"):
        items = [
            (None if name == NON_FIELD_ERRORS else to_camel_case(name), errors)
            for name, errors in error.error_dict.items()
        ]
    else:
        items = [(None, error.error_list)]
    for name, errors in items:
        for item in errors:
            code = item.code if item.code in codes else default_code
            message = item.message % item.params if item.params else item.message
            found.append(FieldError(code, name, message))
    return found


class BaseMutationOptions(MutationOptions):
    error_type_class: type[Error] | None = None
    error_type_field: str = "errors"
    login_required: bool = False
    permissions: tuple[str, ...] = ()


class BaseMutation(graphene.Mutation):
    _meta: BaseMutationOptions

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(  # type: ignore[override]
        cls,
        error_type_class: type[Error] | None = None,
        error_type_field: str = "errors",
        login_required: bool = False,
        permissions: Sequence[str] = (),
        _meta: BaseMutationOptions | None = None,
        **options: Any,
    ) -> None:
        if error_type_class is None:
            raise TypeError(f"{cls.__name__}: Meta.error_type_class is required")
        if _meta is None:
            _meta = BaseMutationOptions(cls)
        _meta.error_type_class = error_type_class
        _meta.error_type_field = error_type_field
        _meta.login_required = login_required or bool(permissions)
        _meta.permissions = tuple(permissions)
        super().__init_subclass_with_meta__(_meta=_meta, **options)
        cls._meta.fields[error_type_field] = graphene.Field(
            graphene.NonNull(graphene.List(graphene.NonNull(error_type_class))),
            description="Input errors; empty when the mutation succeeded.",
        )

    @classmethod
    def check_permissions(cls, info: GraphQLResolveInfo) -> None:
        if not cls._meta.login_required:
            return
        user = current_user(info)
        if user is None:
            raise PermissionDenied("You need to be authenticated to perform this action.")
        if cls._meta.permissions and not user.has_perms(cls._meta.permissions):
            raise PermissionDenied()

    @classmethod
    def mutate(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        settle_pending_loaders(info.context)
        cls.check_permissions(info)
        try:
            response = cls.perform_mutation(root, info, **data)
        except MutationErrors as error:
            return cls.error_payload(error.errors)
        except DjangoValidationError as error:
            return cls.error_payload(cls.convert_validation_error(error))
        if getattr(response, cls._meta.error_type_field, None) is None:
            setattr(response, cls._meta.error_type_field, [])
        return response

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        raise NotImplementedError

    @classmethod
    def convert_validation_error(cls, error: DjangoValidationError) -> list[FieldError]:
        error_type = cls._meta.error_type_class
        assert error_type is not None
        known = [member.value for member in error_type.code_enum]
        return validation_error_to_field_errors(error, known_codes=known)

    @classmethod
    def error_payload(cls, errors: Iterable[FieldError]) -> Any:
        error_type = cls._meta.error_type_class
        assert error_type is not None
        items = [
            error_type(field=e.field, message=str(e.message), code=e.code, **e.extra)
            for e in errors
        ]
        return cls(**{cls._meta.error_type_field: items})

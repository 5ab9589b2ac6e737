"""What the request and quote mutations share: the caller, the objects their ids name (found
through tenant-scoped querysets: missing and forbidden are the same NOT_FOUND), the roots."""

from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.accounts.models import User
from backend.graphql.core.auth import current_user
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import MutationErrors
from backend.graphql.sourcing.types import RequestData, request_roots
from backend.sourcing.errors import SourcingErrorCode
from backend.sourcing.models import PurchaseRequest, Quote

ERROR_META = {"login_required": True}


def acting_user(info: GraphQLResolveInfo) -> User:
    user = current_user(info)
    assert user is not None, "login_required refuses anonymous callers first"
    return user


def not_found(field: str, message: object = None) -> MutationErrors:
    return MutationErrors.of(
        SourcingErrorCode.NOT_FOUND,
        field=field,
        message=str(message or _("This purchase request or quote does not exist.")),
    )


def request_in(queryset: QuerySet[PurchaseRequest], global_id: str, field: str) -> PurchaseRequest:
    pk = from_global_id_or_error(global_id, "PurchaseRequest")
    found = queryset.select_related("enterprise").filter(pk=pk).first()
    if found is None:
        raise not_found(field)
    return found


def quote_in(queryset: QuerySet[Quote], global_id: str, field: str = "id") -> Quote:
    pk = from_global_id_or_error(global_id, "Quote")
    found = queryset.select_related("request__enterprise", "producer").filter(pk=pk).first()
    if found is None:
        raise not_found(field)
    return found


def request_root(request_id: int, user: User) -> RequestData:
    (root,) = request_roots(PurchaseRequest.objects.filter(pk=request_id), user)
    return root

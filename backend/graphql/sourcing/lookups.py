"""The requests and quotes a GraphQL caller may see (tenant filter in the query: another
enterprise's request, or a request a producer was not invited to, is NOT_FOUND / null)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from backend.accounts.models import User
from backend.sourcing.models import PurchaseRequest, QuoteInvitation
from backend.sourcing.permissions import requests_for_enterprise_member, shops_for_quoting


def requests_for_caller(user: User | None) -> QuerySet[PurchaseRequest]:
    invited = QuoteInvitation.objects.filter(
        request_id=OuterRef("pk"), producer_id__in=shops_for_quoting(user).values("pk")
    )
    member = Q(pk__in=requests_for_enterprise_member(user).values("pk"))
    return PurchaseRequest.objects.filter(member | Q(Exists(invited)))

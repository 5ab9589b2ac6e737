"""Who sees which purchase requests and quotes.

- **enterprise side** — the enterprise policy (`backend.enterprises.permissions`): members whose
  role allows VIEW_REQUESTS see their enterprise's requests and every quote on them; POST_REQUESTS
  and ACCEPT_QUOTES need a verified enterprise.
- **producer side** — the seller policy: the shop's owner or a helper whose scope allows the
  action sees the requests the shop was invited to (`QuoteInvitation`) and the shop's OWN quotes,
  never another producer's quote, price or quantity.

Everything else is nothing, and lookups answer "not found" alike for missing and forbidden.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.db.models import Exists, OuterRef, QuerySet

from backend.accounts.models import User
from backend.enterprises.permissions import EnterpriseAction, enterprise_policy
from backend.producers.models import Producer
from backend.sellers.permissions import SellerAction, seller_policy
from backend.sourcing.models import PurchaseRequest, Quote, QuoteInvitation

# A producer answers requests as part of selling: those who manage orders may quote.
QUOTE_ACTION = SellerAction.FULFIL_ORDERS


def requests_for_enterprise_member(
    user: User | AnonymousUser | None, action: EnterpriseAction = EnterpriseAction.VIEW_REQUESTS
) -> QuerySet[PurchaseRequest]:
    enterprises = enterprise_policy.instances_for(user, action).values("pk")
    return PurchaseRequest.objects.filter(enterprise_id__in=enterprises)


def shops_for_quoting(user: User | AnonymousUser | None) -> QuerySet[Producer]:
    return seller_policy.instances_for(user, QUOTE_ACTION)


def requests_for_producer(producer: Producer) -> QuerySet[PurchaseRequest]:
    """The requests this shop was invited to (the shop itself already authorised)."""
    invited = QuoteInvitation.objects.filter(request_id=OuterRef("pk"), producer_id=producer.pk)
    return PurchaseRequest.objects.filter(Exists(invited))


def quotes_for_producer_user(user: User | AnonymousUser | None) -> QuerySet[Quote]:
    return Quote.objects.filter(producer_id__in=shops_for_quoting(user).values("pk"))


def quotes_for_enterprise_member(user: User | AnonymousUser | None) -> QuerySet[Quote]:
    return Quote.objects.filter(request__in=requests_for_enterprise_member(user).values("pk"))

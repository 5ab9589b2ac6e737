"""Checkout loaders: every checkout in a response is priced once, all together."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from graphql import GraphQLResolveInfo

from backend.checkout.models import Checkout
from backend.graphql.checkout.fetch import PricedCheckout, price_checkouts
from backend.graphql.core.dataloaders import DataLoader
from backend.warehouse.locks import CHECKOUT_RELATED


class PricedCheckoutByTokenLoader(DataLoader[UUID, PricedCheckout]):
    """Lines, prices and totals of checkouts, in a fixed number of queries for all of them.

    Resolvers hand in the checkout they hold (`remember`), so it is not read again.
    """

    context_key = "priced_checkout_by_token"
    known: dict[UUID, Checkout]

    def remember(self, checkout: Checkout) -> None:
        if not hasattr(self, "known"):
            self.known = {}
        self.known.setdefault(checkout.pk, checkout)

    def batch_load(self, keys: Sequence[UUID]) -> list[PricedCheckout]:
        known = getattr(self, "known", {})
        missing = [k for k in keys if k not in known]
        if missing:
            known.update(Checkout.objects.select_related(*CHECKOUT_RELATED).in_bulk(missing))
        priced = price_checkouts([known[k] for k in keys])
        return priced


def load_priced_checkout(info: GraphQLResolveInfo, checkout: Checkout) -> Any:
    loader = PricedCheckoutByTokenLoader(info.context)
    loader.remember(checkout)
    return loader.load(checkout.pk)

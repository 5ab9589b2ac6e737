"""Payout runs: pay every producer its open balance and mark the entries paid.

A producer whose open entries sum to zero or less (a refund after an earlier payout) is not
paid; its entries stay open and net against later sales. Reconciliation: the net of all entries
equals what payouts paid plus the open balances, to the cent.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Sum

from backend.accounts.models import User
from backend.payments.models import Payout, PayoutRun, ProducerLedgerEntry
from backend.warehouse import locks


def run_payouts(
    *, actor: User | None, producer_ids: Iterable[int] | None = None
) -> PayoutRun | None:
    """Pay the open positive balances (of some producers, or all); None when nobody is owed."""
    currency = settings.DEFAULT_CURRENCY
    with transaction.atomic(durable=True):
        entries = [
            e for e in locks.lock_unpaid_ledger_entries(producer_ids) if e.currency == currency
        ]
        by_producer: dict[int, list[ProducerLedgerEntry]] = defaultdict(list)
        for entry in entries:
            by_producer[entry.producer_id].append(entry)
        owed = {
            producer_id: sum((e.net_amount for e in rows), Decimal("0"))
            for producer_id, rows in by_producer.items()
        }
        owed = {producer_id: amount for producer_id, amount in owed.items() if amount > 0}
        if not owed:
            return None
        run = PayoutRun.objects.create(
            created_by=actor if actor is not None and actor.pk else None,
            currency=currency,
            total_amount=sum(owed.values(), Decimal("0")),
        )
        payouts = Payout.objects.bulk_create(
            [
                Payout(run=run, producer_id=producer_id, currency=currency, amount=amount)
                for producer_id, amount in sorted(owed.items())
            ]
        )
        for payout in payouts:
            ProducerLedgerEntry.objects.filter(
                pk__in=[e.pk for e in by_producer[payout.producer_id]]
            ).update(payout=payout)
    return run


@dataclass(frozen=True)
class LedgerReconciliation:
    entries_net: Decimal
    paid_out: Decimal
    open_balance: Decimal

    @property
    def balanced(self) -> bool:
        return self.entries_net == self.paid_out + self.open_balance


def reconcile_ledger(currency: str | None = None) -> LedgerReconciliation:
    currency = currency or settings.DEFAULT_CURRENCY
    entries = ProducerLedgerEntry.objects.filter(currency=currency)
    zero = Decimal("0")
    return LedgerReconciliation(
        entries_net=entries.aggregate(t=Sum("net_amount"))["t"] or zero,
        paid_out=Payout.objects.filter(currency=currency).aggregate(t=Sum("amount"))["t"] or zero,
        open_balance=entries.filter(payout__isnull=True).aggregate(t=Sum("net_amount"))["t"]
        or zero,
    )

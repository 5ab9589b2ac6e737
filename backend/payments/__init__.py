"""Payments: buyer payments per order through a gateway, and the producer payouts ledger.

Gateways implement `gateways.PaymentGateway`. The offline ones (bank transfer, cash on delivery)
are confirmed by an operator with `offline.confirm_offline_payment`. When a sub-order is paid,
`ledger` writes what its producer is owed with the platform fee frozen at that moment; refunds
write reversal entries; `payouts.run_payouts` pays the open balances.
"""

"""Orders: one customer order per completed checkout, split into one sub-order per producer.

Each producer ships and is paid for its own sub-order; each order line records the producer
and, when known, the supplying household it benefits. Status lives on sub-orders (see
`status.py` for the legal transitions); the order's status is a summary of its sub-orders'.
"""

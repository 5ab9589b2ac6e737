"""Checkout: the buyer's cart on its way to becoming an order (Saleor 3's design).

A checkout holds lines (variant, quantity), the buyer's e-mail, a Chinese shipping address and a
delivery method. Prices are never stored on a checkout: `pricing.calculate_checkout_totals` is the
one place that prices lines, shipping per producer and totals, from the channel listings. Stock
is reserved for the checkout's lines while the buyer is in checkout (`warehouse.reservations`);
`orders.complete_checkout` turns a checkout into an order.
"""

"""Payments are created by gateways during `complete_checkout`; see the orders conftest."""

"""Operator admin for programme records (region-scoped; writes through the services)."""

from backend.programme.admin import households, records, training

__all__ = ["households", "records", "training"]

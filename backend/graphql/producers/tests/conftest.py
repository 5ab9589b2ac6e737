"""Verifying producers (for their tags) stores documents: keep them in a folder per test."""

from storefront.tests.tag_scenarios import evidence_root  # noqa: F401 (a fixture)

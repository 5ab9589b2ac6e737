"""Small policies about variants that checkout, shipping and orders need, answered in bulk.

- Fresh goods: a variant is fresh when its product (or the variant itself) has the boolean
  attribute `cold-chain` set to yes. Fresh parcels need a cold-chain delivery and pay its
  surcharge.
- Supplying household: a cooperative or an enterprise-run shop may name the household that
  supplies a product with the plain-text attribute `supplying-household` (a free-text id until
  the programme-records issue adds a Household model). It is copied onto each order line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from backend.catalog.models import AssignedProductAttributeValue, AssignedVariantAttributeValue
from backend.producers.models import ProducerKind

COLD_CHAIN_SLUG = "cold-chain"
SUPPLYING_HOUSEHOLD_SLUG = "supplying-household"
HOUSEHOLD_PRODUCER_KINDS = frozenset({ProducerKind.COOPERATIVE, ProducerKind.ENTERPRISE_SHOP})


@dataclass(frozen=True)
class VariantFacts:
    is_fresh: bool = False
    household_ref: str = ""


def variant_facts(variants: Iterable[tuple[int, int]]) -> dict[int, VariantFacts]:
    """Facts per variant id, for (variant id, product id) pairs; two queries whatever the count.

    A variant-level value wins over the product-level one.
    """
    pairs = list(variants)
    product_ids = {product_id for _variant_id, product_id in pairs}
    slugs = (COLD_CHAIN_SLUG, SUPPLYING_HOUSEHOLD_SLUG)
    per_product: dict[int, dict[str, object]] = {}
    for product_id, slug, boolean, text in AssignedProductAttributeValue.objects.filter(
        product_id__in=product_ids, value__attribute__slug__in=slugs
    ).values_list("product_id", "value__attribute__slug", "value__boolean", "value__plain_text"):
        per_product.setdefault(product_id, {})[slug] = boolean if slug == COLD_CHAIN_SLUG else text
    per_variant: dict[int, dict[str, object]] = {}
    for variant_id, slug, boolean, text in AssignedVariantAttributeValue.objects.filter(
        variant_id__in=[v for v, _p in pairs], value__attribute__slug__in=slugs
    ).values_list("variant_id", "value__attribute__slug", "value__boolean", "value__plain_text"):
        per_variant.setdefault(variant_id, {})[slug] = boolean if slug == COLD_CHAIN_SLUG else text
    facts = {}
    for variant_id, product_id in pairs:
        values = {**per_product.get(product_id, {}), **per_variant.get(variant_id, {})}
        facts[variant_id] = VariantFacts(
            is_fresh=values.get(COLD_CHAIN_SLUG) is True,
            household_ref=str(values.get(SUPPLYING_HOUSEHOLD_SLUG) or "").strip(),
        )
    return facts


def beneficiary_household_ref(producer_kind: str, facts: VariantFacts) -> str:
    """The supplying household recorded on an order line: only for shops that sell for
    households; an individual seller or household is itself the beneficiary."""
    return facts.household_ref if producer_kind in HOUSEHOLD_PRODUCER_KINDS else ""

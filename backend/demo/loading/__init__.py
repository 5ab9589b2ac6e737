"""Load the demo data: regions, catalogue structure, producers, products, collections, logins,
the demo customer's orders, and the demo's verifications, helper and county operator.

`load_demo()` is idempotent: everything is keyed by slug, SKU or code, so a second run neither
duplicates nor fails. The catalogue loads in one transaction; pictures are drawn only for
products that have none, and their renditions are made after commit. The orders are placed
after that transaction through the checkout, order and payment services (each opens its own
durable transaction), so they are skipped when `load_demo` runs inside another transaction;
the same holds for the verifications, the helper grant and the operator's county, which go
through the seller and verification services (`backend.demo.loading.people`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.db import transaction
from django.utils import timezone

from backend.demo.accounts import load_demo_accounts
from backend.demo.definitions import CatalogDef, DemoData, ProducerDef, demo_data
from backend.demo.loading.collections import load_collections
from backend.demo.loading.delivery import load_demo_delivery
from backend.demo.loading.enterprises import load_demo_enterprises
from backend.demo.loading.orders import can_place_orders, load_demo_orders
from backend.demo.loading.people import DemoPeopleResult, load_demo_people
from backend.demo.loading.privacy import load_demo_privacy
from backend.demo.loading.procurement import load_demo_procurement
from backend.demo.loading.producers import LoadedProducer, load_producer
from backend.demo.loading.products import load_product
from backend.demo.loading.progdesig import load_demo_progdesig
from backend.demo.loading.progrec import attribute_household_refs, load_demo_progrec
from backend.demo.loading.progstats import load_demo_progstats
from backend.demo.loading.quoteorders import load_demo_quoteorders
from backend.demo.loading.regions import load_demo_regions
from backend.demo.loading.reviews import load_demo_reviews
from backend.demo.loading.structure import load_catalog_structure
from backend.demo.loading.trace import load_demo_trace
from backend.demo.loading.zone import load_demo_zone
from backend.demo.pictures import Palette, palette_for
from backend.regions.models import Region
from backend.search.indexing import reindex_all


class Progress(Protocol):
    """The part of a tqdm bar the loader uses."""

    def update(self, n: float | None = 1) -> bool | None: ...

    def set_description(self, desc: str | None = None, refresh: bool | None = True) -> None: ...


class _Silent:
    def update(self, n: float | None = 1) -> bool | None:
        return None

    def set_description(self, desc: str | None = None, refresh: bool | None = True) -> None:
        return None


@dataclass(frozen=True)
class DemoLoadResult:
    producers: int
    products: int
    collections: int
    accounts: int
    orders: int = 0
    verified: int = 0
    awaiting_review: int = 0
    enterprises: int = 0
    contracts: int = 0


def demo_load_steps(data: DemoData) -> int:
    """How many progress units `load_demo` reports (for the bar's total)."""
    return 8 + len(data.producers) + len(data.products)


def top_category_slug(catalog: CatalogDef, slug: str) -> str:
    parents = {c.slug: c.parent_slug for c in catalog.categories}
    return parents.get(slug) or slug


def producer_palette(catalog: CatalogDef, definition: ProducerDef) -> Palette:
    first = definition.products[0].category_slug if definition.products else ""
    return palette_for(top_category_slug(catalog, first) if first else None)


def load_demo(data: DemoData | None = None, *, progress: Progress | None = None) -> DemoLoadResult:
    data = data or demo_data()
    bar: Progress = progress or _Silent()
    now = timezone.now()
    with transaction.atomic():
        bar.set_description("regions")
        villages = load_demo_regions(data)
        counties = Region.objects.in_bulk(list(data.named_regions), field_name="code")
        bar.update(1)

        bar.set_description("catalogue structure")
        structure = load_catalog_structure(data.catalog)
        bar.update(1)

        bar.set_description("producers")
        loaded: dict[str, LoadedProducer] = {}
        for serial, definition in enumerate(data.producers, start=1):
            loaded[definition.slug] = load_producer(
                definition,
                serial=serial,
                village=villages[(definition.county_code, definition.township, definition.village)],
                county=counties[definition.county_code],
                palette=producer_palette(data.catalog, definition),
            )
            bar.update(1)

        bar.set_description("products")
        product_ids: dict[str, int] = {}
        for producer_def in data.producers:
            for product_def in producer_def.products:
                palette = palette_for(top_category_slug(data.catalog, product_def.category_slug))
                product = load_product(
                    product_def,
                    loaded=loaded[producer_def.slug],
                    structure=structure,
                    palette=palette,
                    now=now,
                )
                product_ids[product_def.slug] = product.pk
                bar.update(1)

        bar.set_description("collections")
        collections = load_collections(data, structure.channel, product_ids)
        bar.update(1)

        bar.set_description("demo logins")
        users = load_demo_accounts(data.accounts)
        bar.update(1)

    bar.set_description("demo orders")
    orders = []
    if can_place_orders():
        by_role = {account.role: user for account, user in zip(data.accounts, users, strict=True)}
        orders = load_demo_orders(
            structure.channel, customer=by_role.get("customer"), operator=by_role.get("operator")
        )
    bar.update(1)

    bar.set_description("verifications, helper, county operator")
    people = DemoPeopleResult(0, 0, 0, 0)
    if can_place_orders():
        people = load_demo_people(data)
    bar.update(1)

    # After the people: the zone verifies more shops, the delivery and reviews place and
    # receive orders, the contracts need the enterprises. Each goes through the services.
    bar.set_description("zone, delivery, reviews, contracts, programme records, batches")
    enterprises, contracts = [], []
    if can_place_orders():
        load_demo_zone()
        load_demo_delivery()
        load_demo_reviews()
        enterprises = load_demo_enterprises()
        contracts = load_demo_procurement()
        load_demo_quoteorders()
        # Programme records: the designation candidates' own shops first (their households
        # and last year's orders), then every shop's households, a year of orders naming them,
        # and the privacy pages' buyers.
        load_demo_progdesig()
        load_demo_progrec()
        load_demo_progstats()
        attribute_household_refs()
        load_demo_privacy()
        load_demo_trace()  # last: assigns batches to every sub-order the loaders above placed
    bar.update(1)

    # The catalogue above is written in bulk, not through the services that queue index updates:
    # build every product's search document once at the end (idempotent).
    bar.set_description("search index")
    reindex_all()
    bar.update(1)
    return DemoLoadResult(
        producers=len(loaded),
        products=len(product_ids),
        collections=len(collections),
        accounts=len(users),
        orders=len(orders),
        verified=people.approved,
        awaiting_review=people.awaiting_review,
        enterprises=len(enterprises),
        contracts=len(contracts),
    )

"""Search documents built from the catalogue: what both backends index.

`build_documents(product_ids)` reads a batch of products in a fixed number of queries (not one
per product) and returns one `Document` per channel the product is listed in. A product that is
not listed anywhere, or whose producer is inactive, yields no document (and is removed from the
index by the caller).

Field groups and their tsvector weights (the ranking policy scores them):
A the product name · B category path and producer name · C region (village to province) and
attribute values · D the description. Groups A-C also carry the pinyin of their Chinese terms.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from django.db.models import F, Min

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Category,
    Product,
    ProductChannelListing,
    ProductVariantChannelListing,
)
from backend.regions.models import Region
from backend.search.text import has_chinese, pinyin_terms, segment, spelling, unique
from backend.verification.models import ApplicationStatus, VerificationApplication
from backend.warehouse.models import Stock

CERTIFICATIONS_ATTRIBUTE = "certifications"
MAX_DESCRIPTION_CHARS = 2000
MAX_POSITION = 16383  # PostgreSQL's largest tsvector position


@dataclass(frozen=True)
class Window:
    valid_from: datetime
    valid_until: datetime


@dataclass
class Document:
    product_id: int
    channel_id: int
    channel_slug: str
    producer_id: int
    name: str
    terms: dict[str, list[str]]  # weight letter -> terms, in order
    spelling: str
    category_ids: list[int]
    county_code: str
    certification_slugs: list[str]
    price: Decimal | None
    currency: str
    in_stock: bool
    published_at: datetime | None
    product_created_at: datetime
    tag_windows: dict[str, list[Window]] = field(default_factory=dict)

    def tsvector_literal(self, weights: str = "ABCD") -> str:
        """`'term':1A,5A 'other':2B` — terms hold only letters and digits, so no quoting
        problems; the text-search parser never sees the Chinese."""
        positions: dict[str, list[str]] = {}
        position = 0
        for weight in weights:
            for term in self.terms.get(weight, []):
                position = min(position + 1, MAX_POSITION)
                positions.setdefault(term, []).append(f"{position}{weight}")
        return " ".join(f"'{term}':{','.join(marks)}" for term, marks in positions.items())

    def name_terms_literal(self) -> str:
        """The name's terms without positions: `'党参' 'dangshen' 'ds'`."""
        return " ".join(f"'{term}'" for term in unique(self.terms.get("A", [])))

    def vocabulary(self) -> list[str]:
        """Words "did you mean" may suggest: the Chinese words (two characters or more) of the
        name and category; their pinyin terms are not words to suggest."""
        words = [*self.terms.get("A", []), *self.terms.get("B", [])]
        return [w for w in unique(words) if len(w) >= 2 and has_chinese(w)]


@lru_cache(maxsize=50_000)
def _text_terms_with_pinyin(text: str) -> tuple[str, ...]:
    found: list[str] = []
    for term in segment(text):
        found.append(term)
        found.extend(pinyin_terms(term))
    return tuple(found)


def terms_with_pinyin(texts: Iterable[str]) -> list[str]:
    """Terms of each text followed by their pinyin (cached per text: category, producer and
    region names repeat across many products)."""
    return [term for text in texts for term in _text_terms_with_pinyin(text)]


def _category_paths(category_ids: set[int]) -> dict[int, list[tuple[int, str]]]:
    """Each category's path from the root: [(id, name), …]. One query for the trees involved."""
    if not category_ids:
        return {}
    trees = Category.objects.filter(pk__in=category_ids).values_list("tree_id", flat=True)
    rows = {
        row["pk"]: row
        for row in Category.objects.filter(tree_id__in=trees).values("pk", "name", "parent_id")
    }
    paths: dict[int, list[tuple[int, str]]] = {}
    for pk in category_ids:
        path: list[tuple[int, str]] = []
        node = rows.get(pk)
        while node is not None:
            path.append((node["pk"], node["name"]))
            node = rows.get(node["parent_id"])
        paths[pk] = list(reversed(path))
    return paths


def _region_chains(region_ids: set[int]) -> dict[int, tuple[list[str], str]]:
    """Each region's names from the province down, and its county code (≤ 5 queries)."""
    rows: dict[int, dict[str, Any]] = {}
    wanted = set(region_ids)
    while wanted:
        found = Region.objects.filter(pk__in=wanted).values(
            "pk", "name", "parent_id", "county_code"
        )
        wanted = set()
        for row in found:
            rows[row["pk"]] = dict(row)
            if row["parent_id"] and row["parent_id"] not in rows:
                wanted.add(row["parent_id"])
    chains: dict[int, tuple[list[str], str]] = {}
    for pk in region_ids:
        names: list[str] = []
        node = rows.get(pk)
        county = node["county_code"] if node else ""
        while node is not None:
            names.append(node["name"])
            node = rows.get(node["parent_id"]) if node["parent_id"] else None
        chains[pk] = (list(reversed(names)), county)
    return chains


def tag_windows_for_producers(producer_ids: Sequence[int]) -> dict[int, dict[str, list[Window]]]:
    """Validity windows of every approved verification (past, current or future) per
    producer and kind. Revoked or withdrawn applications are not approved, so they drop out."""
    windows: dict[int, dict[str, list[Window]]] = defaultdict(lambda: defaultdict(list))
    rows = VerificationApplication.objects.filter(
        seller_id__in=producer_ids,
        status=ApplicationStatus.APPROVED,
        valid_from__isnull=False,
        valid_until__isnull=False,
    ).values_list("seller_id", "kind", "valid_from", "valid_until")
    for seller_id, kind, valid_from, valid_until in rows:
        if valid_from is not None and valid_until is not None:
            windows[seller_id][kind].append(Window(valid_from, valid_until))
    return windows


def build_documents(product_ids: Sequence[int]) -> list[Document]:
    """Documents for these products (8-12 queries whatever the batch size)."""
    products = list(
        Product.objects.filter(pk__in=product_ids, producer__is_active=True).values(
            "pk",
            "name",
            "description",
            "producer_id",
            "category_id",
            "created_at",
            producer_name=F("producer__name"),
            region_id=F("producer__region_id"),
        )
    )
    if not products:
        return []
    ids = [p["pk"] for p in products]
    listings = defaultdict(list)
    for listing in ProductChannelListing.objects.filter(
        product_id__in=ids, is_published=True, visible_in_listings=True
    ).values(
        "product_id",
        "channel_id",
        "published_at",
        "currency",
        "discounted_price_amount",
        channel_slug=F("channel__slug"),
    ):
        listings[listing["product_id"]].append(listing)
    prices = {
        (row["variant__product_id"], row["channel_id"]): row["low"]
        for row in ProductVariantChannelListing.objects.filter(variant__product_id__in=ids)
        .values("variant__product_id", "channel_id")
        .annotate(low=Min("price_amount"))
        .order_by()
    }
    attributes: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for (
        product_id,
        attribute,
        value_name,
        value_slug,
    ) in AssignedProductAttributeValue.objects.filter(product_id__in=ids).values_list(
        "product_id", "value__attribute__slug", "value__name", "value__slug"
    ):
        attributes[product_id].append((attribute, value_name, value_slug))
    in_stock = set(
        Stock.objects.filter(
            product_variant__product_id__in=ids, quantity__gt=F("quantity_allocated")
        ).values_list("product_variant__product_id", flat=True)
    )
    categories = _category_paths({p["category_id"] for p in products if p["category_id"]})
    regions = _region_chains({p["region_id"] for p in products})
    windows = tag_windows_for_producers(sorted({p["producer_id"] for p in products}))

    documents = []
    for product in products:
        path = categories.get(product["category_id"], [])
        region_names, county_code = regions.get(product["region_id"], ([], ""))
        values = attributes.get(product["pk"], [])
        terms = {
            "A": terms_with_pinyin([product["name"]]),
            "B": terms_with_pinyin([*(name for _pk, name in path), product["producer_name"]]),
            "C": terms_with_pinyin([*region_names, *(name for _a, name, _s in values)]),
            "D": segment(product["description"][:MAX_DESCRIPTION_CHARS]),
        }
        for listing in listings.get(product["pk"], []):
            price = prices.get((product["pk"], listing["channel_id"]))
            documents.append(
                Document(
                    product_id=product["pk"],
                    channel_id=listing["channel_id"],
                    channel_slug=listing["channel_slug"],
                    producer_id=product["producer_id"],
                    name=product["name"],
                    terms=terms,
                    spelling=spelling(product["name"]),
                    category_ids=[pk for pk, _name in path],
                    county_code=county_code,
                    certification_slugs=sorted(
                        {slug for a, _n, slug in values if a == CERTIFICATIONS_ATTRIBUTE}
                    ),
                    price=price if price is not None else listing["discounted_price_amount"],
                    currency=listing["currency"],
                    in_stock=product["pk"] in in_stock,
                    published_at=listing["published_at"],
                    product_created_at=product["created_at"],
                    tag_windows={k: list(v) for k, v in windows[product["producer_id"]].items()},
                )
            )
    return documents

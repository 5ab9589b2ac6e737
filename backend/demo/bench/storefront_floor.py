"""The floor of the storefront's category and product pages.

Each page's data comes from ONE hand-written SQL statement; the rows are turned into exactly
the context the storefront view builds (its own dataclasses from `storefront.queries`) and
rendered with the same template. Verified producer tags are read in the same statement, with
the same rule as `backend.verification.tags` (approved, `valid_from <= now < valid_until`,
with the statement's clock, as Django's `Now()`). The layout's category navigation
(`{% category_nav %}` in base.html) runs its own query while rendering, in the floor as in the
page: it belongs to the template, not to the page's data.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, overload

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.http import HttpRequest
from django.template.loader import render_to_string
from prices import Money, MoneyRange

from backend.catalog.models import (
    AssignedProductAttributeValue,
    Attribute,
    AttributeValue,
    Category,
)
from backend.catalog.pricing import ProductPricing
from backend.producers.models import ProducerKind
from backend.regions.models import Region
from backend.verification.tags import tags_from_codes
from storefront.checkout_forms import AddToCartForm
from storefront.page_cache import fragment_context
from storefront.paging import PAGE_SIZE, ProductSort, pagination_for, sort_choices
from storefront.pictures import picture_for
from storefront.producer_tags import TagBadge, badges_from_codes, verified_filter
from storefront.product_facts import facts_from_assignments
from storefront.queries import (
    CategoryLink,
    CategoryPlace,
    ProducerCard,
    ProductCard,
    ProductCardPage,
    ProductDetail,
    VariantOption,
)

CATEGORY_PAGE_SQL = """
WITH ch AS (
    SELECT id FROM catalog_channel WHERE slug = %(channel)s AND is_active
), cat AS (
    SELECT cat.id, cat.name, cat.slug, cat.description, cat.tree_id, cat.lft, cat.rght,
           (SELECT coalesce(json_agg(json_build_object(
                       'name', a.name, 'slug', a.slug, 'child', a.parent_id = cat.id
                   ) ORDER BY a.lft), '[]')
            FROM catalog_category a
            WHERE (a.tree_id = cat.tree_id AND a.lft < cat.lft AND a.rght > cat.rght)
               OR a.parent_id = cat.id) AS around
    FROM catalog_category cat WHERE cat.slug = %(slug)s
), visible AS NOT MATERIALIZED (
    -- inlined twice: once under count(*), once under ORDER BY … LIMIT (an index walk)
    SELECT p.id, p.name, p.slug, p.created_at, p.producer_id
    FROM cat
    JOIN catalog_category c ON c.tree_id = cat.tree_id AND c.lft BETWEEN cat.lft AND cat.rght
    JOIN catalog_product p ON p.category_id = c.id
    JOIN producers_producer pr ON pr.id = p.producer_id AND pr.is_active
    WHERE EXISTS (
        SELECT 1 FROM catalog_productchannellisting l JOIN ch ON l.channel_id = ch.id
        WHERE l.product_id = p.id AND l.is_published AND l.visible_in_listings
          AND (l.published_at IS NULL OR l.published_at <= now())
    )
), page AS (
    SELECT v.id, v.name, v.slug, v.created_at, v.producer_id FROM visible v
    ORDER BY v.created_at DESC, v.id DESC
    LIMIT %(limit)s OFFSET %(offset)s
)
SELECT cat.id, cat.name, cat.slug, cat.description, cat.around,
       page.name, page.slug, pr.name, pr.slug, (SELECT count(*) FROM visible) AS total,
       prices.low, prices.high, prices.currency,
       picture.image, picture.width, picture.height,
       (SELECT array_agg(DISTINCT va.kind) FROM verification_verificationapplication va
        WHERE va.seller_id = pr.id AND va.status = 'approved'
          AND va.valid_from <= statement_timestamp()
          AND va.valid_until > statement_timestamp()) AS tag_codes
FROM cat
LEFT JOIN page ON true
LEFT JOIN producers_producer pr ON pr.id = page.producer_id
LEFT JOIN LATERAL (
    SELECT min(vl.price_amount) AS low, max(vl.price_amount) AS high,
           min(vl.currency) AS currency
    FROM catalog_productvariant v
    JOIN catalog_productvariantchannellisting vl ON vl.variant_id = v.id
    JOIN ch ON vl.channel_id = ch.id
    WHERE v.product_id = page.id
) prices ON true
LEFT JOIN LATERAL (
    SELECT m.image, m.width, m.height FROM catalog_productmedia m
    WHERE m.product_id = page.id AND m.type = 'IMAGE' AND m.image <> ''
    ORDER BY m.sort_order, m.id LIMIT 1
) picture ON true
ORDER BY page.created_at DESC, page.id DESC
"""

PRODUCT_PAGE_SQL = """
WITH ch AS (
    SELECT id FROM catalog_channel WHERE slug = %(channel)s AND is_active
)
SELECT p.name, p.slug, p.description,
       pr.name, pr.slug, pr.kind, pr.logo, pr.logo_alt, r.name, r.full_name,
       (SELECT coalesce(json_agg(json_build_object('name', c.name, 'slug', c.slug)
                                 ORDER BY c.lft), '[]')
        FROM catalog_category own
        JOIN catalog_category c ON c.tree_id = own.tree_id
             AND c.lft <= own.lft AND c.rght >= own.rght
        WHERE own.id = p.category_id) AS breadcrumbs,
       (SELECT coalesce(json_agg(json_build_object(
                   'id', v.id, 'name', v.name, 'sku', v.sku, 'track', v.track_inventory,
                   'price', vl.price_amount::text, 'currency', vl.currency,
                   'available', coalesce((
                       SELECT sum(greatest(s.quantity - s.quantity_allocated, 0))
                       FROM warehouse_stock s WHERE s.product_variant_id = v.id), 0)
               ) ORDER BY v.sort_order, v.id), '[]')
        FROM catalog_productvariant v
        JOIN catalog_productvariantchannellisting vl ON vl.variant_id = v.id
        JOIN ch ON vl.channel_id = ch.id
        WHERE v.product_id = p.id) AS variants,
       (SELECT coalesce(json_agg(json_build_object(
                   'image', m.image, 'alt', m.alt, 'width', m.width, 'height', m.height
               ) ORDER BY m.sort_order, m.id), '[]')
        FROM catalog_productmedia m
        WHERE m.product_id = p.id AND m.type = 'IMAGE' AND m.image <> '') AS media,
       (SELECT coalesce(json_agg(json_build_object(
                   'attribute_id', a.id, 'slug', a.slug, 'name', a.name,
                   'input_type', a.input_type, 'unit', a.unit,
                   'visible', a.visible_in_storefront, 'value', av.name,
                   'boolean', av.boolean, 'numeric', av.numeric::text,
                   'plain_text', av.plain_text, 'region_id', rr.id,
                   'region_name', rr.name, 'region_full_name', rr.full_name
               ) ORDER BY a.storefront_search_position, apv.sort_order, apv.id), '[]')
        FROM catalog_assignedproductattributevalue apv
        JOIN catalog_attributevalue av ON av.id = apv.value_id
        JOIN catalog_attribute a ON a.id = av.attribute_id
        LEFT JOIN regions_region rr ON rr.id = av.reference_region_id
        WHERE apv.product_id = p.id) AS attributes,
       tags.kinds, tags.untils
FROM catalog_product p
JOIN producers_producer pr ON pr.id = p.producer_id AND pr.is_active
JOIN regions_region r ON r.id = pr.region_id
LEFT JOIN LATERAL (
    SELECT array_agg(live.kind ORDER BY live.kind) AS kinds,
           array_agg(live.until ORDER BY live.kind) AS untils
    FROM (
        SELECT va.kind, max(va.valid_until) AS until
        FROM verification_verificationapplication va
        WHERE va.seller_id = pr.id AND va.status = 'approved'
          AND va.valid_from <= statement_timestamp()
          AND va.valid_until > statement_timestamp()
        GROUP BY va.kind
    ) live
) tags ON true
WHERE p.slug = %(slug)s AND EXISTS (
    SELECT 1 FROM catalog_productchannellisting l JOIN ch ON l.channel_id = ch.id
    WHERE l.product_id = p.id AND l.is_published
      AND (l.published_at IS NULL OR l.published_at <= now())
)
"""


class _PageRows(Sequence[ProductCard]):
    """One page of rows standing in for the whole list: `Paginator` only asks for the
    length (the total from the window count) and for the slice of the requested page."""

    def __init__(self, rows: list[ProductCard], *, total: int, offset: int) -> None:
        self.rows = rows
        self.total = total
        self.offset = offset

    def __len__(self) -> int:
        return self.total

    @overload
    def __getitem__(self, index: int) -> ProductCard: ...

    @overload
    def __getitem__(self, index: slice) -> list[ProductCard]: ...

    def __getitem__(self, index: int | slice) -> ProductCard | list[ProductCard]:
        if isinstance(index, slice):
            return self.rows  # the page the paginator asks for is the page we fetched
        return self.rows[index - self.offset]


def _page_number(request: HttpRequest) -> int:
    try:
        return max(int(request.GET.get("page", "1")), 1)
    except ValueError:
        return 1


def _pricing(low: Decimal | None, high: Decimal | None, currency: str | None) -> ProductPricing:
    if low is None or high is None or currency is None:
        return ProductPricing(price_range=None)
    return ProductPricing(MoneyRange(Money(low, currency), Money(high, currency)))


def category_page_floor(request: HttpRequest, slug: str) -> str:
    """The category page (newest first) from one SQL statement, rendered by its template."""
    number = _page_number(request)
    offset = (number - 1) * PAGE_SIZE
    params: dict[str, str | int] = {
        "channel": settings.DEFAULT_CHANNEL_SLUG,
        "slug": slug,
        "limit": PAGE_SIZE,
        "offset": offset,
    }
    with connection.cursor() as cursor:
        cursor.execute(CATEGORY_PAGE_SQL, params)
        rows = cursor.fetchall()
    if not rows:
        raise Category.DoesNotExist(slug)
    cat_id, cat_name, cat_slug, cat_description, around = rows[0][:5]
    category = Category(id=cat_id, name=cat_name, slug=cat_slug, description=cat_description)
    place = CategoryPlace(
        category=category,
        breadcrumbs=[CategoryLink(a["name"], a["slug"]) for a in around if not a["child"]],
        children=[CategoryLink(a["name"], a["slug"]) for a in around if a["child"]],
    )
    cards: list[ProductCard] = []
    total = 0
    for row in rows:
        name, product_slug, producer_name, producer_slug, total_row = row[5:10]
        if product_slug is None:
            continue  # the category has no product on this page
        total = total_row
        low, high, currency, image, width, height, tag_codes = row[10:17]
        cards.append(
            ProductCard(
                name=name,
                slug=product_slug,
                pricing=_pricing(low, high, currency),
                picture=picture_for(image, "card", alt="", width=width, height=height)
                if image
                else None,
                producer_name=producer_name,
                producer_slug=producer_slug,
                tags=badges_from_codes(tag_codes),
            )
        )
    page = Paginator(_PageRows(cards, total=total, offset=offset), PAGE_SIZE).get_page(number)
    context = {
        "verified_filter": verified_filter(request.GET, keep=("sort",)),
        "place": place,
        "current_category_slug": place.breadcrumbs[0].slug if place.breadcrumbs else slug,
        "current_category_is_page": not place.breadcrumbs,
        "listing": ProductCardPage(page=page, cards=cards),
        "pagination": pagination_for(page, request.GET),
        "sort_choices": sort_choices(ProductSort.NEWEST),
        **fragment_context(),  # the same cached-fragment settings as the page
    }
    return render_to_string("storefront/category.html", context, request=request)


def _assignment(row: dict[str, Any]) -> AssignedProductAttributeValue:
    """Unsaved model instances shaped like the ORM's select_related result (no queries)."""
    attribute = Attribute(
        id=row["attribute_id"],
        slug=row["slug"],
        name=row["name"],
        input_type=row["input_type"],
        unit=row["unit"],
        visible_in_storefront=row["visible"],
    )
    value = AttributeValue(
        name=row["value"],
        boolean=row["boolean"],
        numeric=Decimal(row["numeric"]) if row["numeric"] is not None else None,
        plain_text=row["plain_text"],
        attribute=attribute,
    )
    if row["region_id"] is not None:
        value.reference_region = Region(
            id=row["region_id"], name=row["region_name"], full_name=row["region_full_name"]
        )
    return AssignedProductAttributeValue(value=value)


def product_page_floor(request: HttpRequest, slug: str) -> str:
    """The product page from one SQL statement, rendered by its template."""
    with connection.cursor() as cursor:
        cursor.execute(PRODUCT_PAGE_SQL, {"channel": settings.DEFAULT_CHANNEL_SLUG, "slug": slug})
        row = cursor.fetchone()
    if row is None:
        raise LookupError(slug)
    (name, product_slug, description, *producer, breadcrumbs, variants, media, attributes) = row[
        :-2
    ]
    tag_kinds, tag_untils = row[-2:]
    ends = dict(zip(tag_kinds or (), tag_untils or (), strict=True))
    tags = tuple(
        TagBadge(tag.code, str(tag.label), ends[tag.code]) for tag in tags_from_codes(ends)
    )
    p_name, p_slug, kind, logo, logo_alt, region_name, region_full_name = producer
    options = [
        VariantOption(
            name=v["name"] or v["sku"] or "",
            sku=v["sku"] or "",
            price=Money(Decimal(v["price"]), v["currency"]),
            quantity_available=int(v["available"]),
            track_inventory=v["track"],
            variant_id=int(v["id"]),
        )
        for v in variants
    ]
    prices = [option.price.amount for option in options]
    currency = options[0].price.currency if options else None
    detail = ProductDetail(
        name=name,
        slug=product_slug,
        description=description,
        pricing=_pricing(min(prices, default=None), max(prices, default=None), currency),
        pictures=[
            picture_for(
                m["image"], "large", alt=m["alt"] or name, width=m["width"], height=m["height"]
            )
            for m in media
        ],
        variants=options,
        producer=ProducerCard(
            name=p_name,
            slug=p_slug,
            kind=kind,
            kind_label=str(ProducerKind(kind).label),
            region_name=region_full_name or region_name,
            logo=picture_for(logo, "thumbnail", alt=logo_alt) if logo else None,
            tags=tags,
        ),
        breadcrumbs=[CategoryLink(c["name"], c["slug"]) for c in breadcrumbs],
        facts=facts_from_assignments([_assignment(a) for a in attributes]),
    )
    context = {
        "product": detail,
        "form": AddToCartForm(detail.variants),
        "current_category_slug": detail.breadcrumbs[0].slug if detail.breadcrumbs else None,
    }
    return render_to_string("storefront/product.html", context, request=request)

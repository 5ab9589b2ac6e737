"""Read queries of the storefront, built on `backend.catalog.lookups` and `pricing`.

Every function returns the frozen dataclasses of `storefront.shapes`, never model instances, so
templates cannot reach a producer's identity numbers (they are never selected either: see
PUBLIC_PRODUCER_FIELDS) and cannot start a query of their own. Each list costs a fixed number
of queries whatever its length: related rows come through `select_related` and `Prefetch`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from django.core.paginator import Paginator
from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from prices import Money

from backend.catalog.lookups import active_producers, get_channel, products_visible_in_channel
from backend.catalog.models import (
    AssignedProductAttributeValue,
    Category,
    Channel,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductMediaType,
    ProductVariant,
    ProductVariantChannelListing,
)
from backend.catalog.pricing import ProductPricing, price_range_from_listings
from backend.producers.models import Producer, ProducerKind, ProducerShopLink
from backend.verification.tags import annotate_live_tags
from backend.warehouse.models import Reservation, Stock
from storefront import page_cache
from storefront.paging import PAGE_SIZE, ProductSort
from storefront.pictures import Picture, picture_for
from storefront.producer_tags import TagBadge, badges_from_codes, live_tag_badges
from storefront.product_facts import PRIVATE_ATTRIBUTE_SLUGS, facts_from_assignments
from storefront.shapes import (
    CategoryLink,
    CategoryNode,
    CategoryPlace,
    ProducerCard,
    ProductCard,
    ProductCardPage,
    ProductDetail,
    ShopDetail,
    ShopLink,
    VariantOption,
)

# The only producer columns the storefront ever reads. Identity numbers are not among them.
PUBLIC_PRODUCER_FIELDS = (
    "id",
    "kind",
    "name",
    "slug",
    "story",
    "logo",
    "logo_alt",
    "region",
    "opened_on",
    "member_household_count",
    "disabled_employee_count",
)
CATEGORY_FIELDS = ("id", "name", "slug", "description", "parent", "tree_id", "lft", "rght", "level")
HOME_NEW_PRODUCTS = 12
HOME_FEATURED_PRODUCERS = 8


# --- Channel and visibility --------------------------------------------------------------


def storefront_channel() -> Channel | None:
    """The default channel, or None when the shop has none yet (pages then list nothing)."""
    try:
        return get_channel(None)
    except Channel.DoesNotExist:
        return None


def visible_products(channel: Channel | None, *, in_listings: bool = True) -> QuerySet[Product]:
    if channel is None:
        return Product.objects.none()
    return products_visible_in_channel(channel, in_listings=in_listings)


# --- Building blocks ---------------------------------------------------------------------


def _channel_prices(channel: Channel | None) -> QuerySet[ProductVariantChannelListing]:
    if channel is None:
        return ProductVariantChannelListing.objects.none()
    return ProductVariantChannelListing.objects.filter(channel_id=channel.pk).only(
        "id", "variant_id", "price_amount", "currency"
    )


def _images() -> QuerySet[ProductMedia]:
    return (
        ProductMedia.objects.filter(type=ProductMediaType.IMAGE)
        .exclude(image="")
        .only("id", "product_id", "image", "alt", "width", "height", "sort_order")
    )


def _picture(media: ProductMedia, size: str, *, alt: str) -> Picture:
    return picture_for(media.image.name, size, alt=alt, width=media.width, height=media.height)


def _pricing(variants: Iterable[ProductVariant]) -> ProductPricing:
    return price_range_from_listings(
        listing
        for variant in variants
        for listing in variant.channel_prices  # type: ignore[attr-defined]
    )


def _logo(producer: Producer) -> Picture | None:
    if not producer.logo:
        return None
    return picture_for(producer.logo.name, "thumbnail", alt=producer.logo_alt)


def _producer_card(producer: Producer, tags: tuple[TagBadge, ...] = ()) -> ProducerCard:
    region = producer.region
    return ProducerCard(
        name=producer.name,
        slug=producer.slug,
        kind=producer.kind,
        kind_label=str(ProducerKind(producer.kind).label),
        region_name=region.full_name or region.name,
        logo=_logo(producer),
        tags=tags,
    )


def _badges_with_validity(producer: Producer) -> tuple[TagBadge, ...]:
    return live_tag_badges([producer.pk])[producer.pk]


def _public_producers() -> QuerySet[Producer]:
    return (
        active_producers()
        .select_related("region")
        .only(*PUBLIC_PRODUCER_FIELDS, "region__name", "region__full_name")
    )


def _with_card_data(products: QuerySet[Product], channel: Channel | None) -> QuerySet[Product]:
    variants = ProductVariant.objects.only("id", "product_id").prefetch_related(
        Prefetch("channel_listings", queryset=_channel_prices(channel), to_attr="channel_prices")
    )
    # The producer's live tag codes come in the page's own query (a subquery per row).
    return (
        annotate_live_tags(products.select_related("producer"))
        .only("id", "name", "slug", "created_at", "producer__name", "producer__slug")
        .prefetch_related(
            Prefetch("variants", queryset=variants, to_attr="card_variants"),
            Prefetch("media", queryset=_images(), to_attr="images"),
        )
    )


def _product_card(product: Product) -> ProductCard:
    images = product.images  # type: ignore[attr-defined]
    return ProductCard(
        name=product.name,
        slug=product.slug,
        pricing=_pricing(product.card_variants),  # type: ignore[attr-defined]
        # The card's link already says the product name: the picture is decorative there.
        picture=_picture(images[0], "card", alt="") if images else None,
        producer_name=product.producer.name,
        producer_slug=product.producer.slug,
        tags=badges_from_codes(product.live_tag_codes),  # type: ignore[attr-defined]
    )


def product_cards(products: QuerySet[Product], channel: Channel | None) -> list[ProductCard]:
    return [_product_card(product) for product in _with_card_data(products, channel)]


def paginate_cards(
    products: QuerySet[Product], channel: Channel | None, page_number: str | int | None
) -> ProductCardPage:
    """One page of cards: a COUNT, the page, and the card prefetches."""
    paginator = Paginator(_with_card_data(products, channel), PAGE_SIZE)
    page = paginator.get_page(page_number)
    return ProductCardPage(page=page, cards=[_product_card(p) for p in page.object_list])


def sort_products(
    products: QuerySet[Product], channel: Channel | None, sort: ProductSort
) -> QuerySet[Product]:
    """Price sorts use the listing's lowest price in the channel (kept there for sorting)."""
    if sort in (ProductSort.PRICE_ASC, ProductSort.PRICE_DESC) and channel is not None:
        lowest = ProductChannelListing.objects.filter(
            product_id=OuterRef("pk"), channel_id=channel.pk
        ).values("discounted_price_amount")[:1]
        price = F("sort_price")
        order = (
            price.asc(nulls_last=True)
            if sort == ProductSort.PRICE_ASC
            else price.desc(nulls_last=True)
        )
        return products.annotate(sort_price=Subquery(lowest)).order_by(order, "pk")
    if sort == ProductSort.NAME:
        return products.order_by("name", "pk")
    return products.order_by("-created_at", "-pk")


# --- Categories --------------------------------------------------------------------------


def root_categories() -> list[CategoryLink]:
    roots = Category.objects.filter(level=0).only("id", "name", "slug").order_by("tree_id")
    return [CategoryLink(c.name, c.slug) for c in roots]


def category_tree() -> list[CategoryNode]:
    """Top categories with their direct children, in one query."""
    rows = Category.objects.filter(level__lte=1).only(*CATEGORY_FIELDS).order_by("tree_id", "lft")
    nodes: dict[int, CategoryNode] = {}
    for category in rows:
        if category.level == 0:
            nodes[category.pk] = CategoryNode(category.name, category.slug)
        elif category.parent_id in nodes:
            nodes[category.parent_id].children.append(CategoryLink(category.name, category.slug))
    return list(nodes.values())


def get_category_place(slug: str) -> CategoryPlace:
    """The category, its ancestors and its children (two queries); raises DoesNotExist."""
    category = Category.objects.only(*CATEGORY_FIELDS).get(slug=slug)
    around = (
        Category.objects.filter(
            Q(tree_id=category.tree_id, lft__lt=category.lft, rght__gt=category.rght)
            | Q(parent_id=category.pk)
        )
        .only(*CATEGORY_FIELDS)
        .order_by("lft")
    )
    breadcrumbs: list[CategoryLink] = []
    children: list[CategoryLink] = []
    for other in around:
        link = CategoryLink(other.name, other.slug)
        (children if other.parent_id == category.pk else breadcrumbs).append(link)
    return CategoryPlace(category=category, breadcrumbs=breadcrumbs, children=children)


def products_in_category(channel: Channel | None, category: Category) -> QuerySet[Product]:
    """Visible products of the category and all of its descendants (one range on the tree)."""
    return visible_products(channel).filter(
        category__tree_id=category.tree_id,
        category__lft__gte=category.lft,
        category__lft__lte=category.rght,
    )


# --- Home --------------------------------------------------------------------------------


def featured_producers(limit: int = HOME_FEATURED_PRODUCERS) -> list[ProducerCard]:
    producers = annotate_live_tags(_public_producers().filter(is_featured=True))
    return [
        _producer_card(p, badges_from_codes(p.live_tag_codes))  # type: ignore[attr-defined]
        for p in producers.order_by("name", "pk")[:limit]
    ]


def new_products(channel: Channel | None, limit: int = HOME_NEW_PRODUCTS) -> list[ProductCard]:
    products = visible_products(channel).order_by("-created_at", "-pk")[:limit]
    return product_cards(products, channel)


# --- Product page ------------------------------------------------------------------------


def _stock_available() -> Coalesce:
    """What a buyer can still get of a variant, in SQL (the rule of
    `backend.warehouse.availability`): per stock row, on hand − allocated − reservations of
    checkouts that have not expired, never below zero; summed over the variant's rows."""
    reserved = (
        Reservation.objects.filter(stock_id=OuterRef("pk"), reserved_until__gt=timezone.now())
        .values("stock_id")
        .annotate(total=Sum("quantity_reserved"))
        .values("total")
    )
    free = F("quantity") - F("quantity_allocated") - Coalesce(Subquery(reserved), Value(0))
    per_variant = (
        Stock.objects.filter(product_variant_id=OuterRef("pk"))
        .values("product_variant_id")
        .annotate(total=Sum(Greatest(free, Value(0))))
        .values("total")
    )
    return Coalesce(Subquery(per_variant, output_field=IntegerField()), Value(0))


def _variant_option(variant: ProductVariant) -> VariantOption | None:
    prices = variant.channel_prices  # type: ignore[attr-defined]
    if not prices:
        return None  # not sold in this channel
    listing = prices[0]
    return VariantOption(
        name=variant.name or variant.sku or "",
        sku=variant.sku or "",
        price=Money(listing.price_amount, listing.currency),
        quantity_available=variant.quantity_available,  # type: ignore[attr-defined]
        track_inventory=variant.track_inventory,
        variant_id=variant.pk,
    )


def _page_variants(channel: Channel | None) -> QuerySet[ProductVariant]:
    """Variants with their price in the channel and what is free to sell now."""
    return (
        ProductVariant.objects.only("id", "product_id", "name", "sku", "track_inventory")
        .annotate(quantity_available=_stock_available())
        .prefetch_related(
            Prefetch(
                "channel_listings", queryset=_channel_prices(channel), to_attr="channel_prices"
            )
        )
    )


def _product_for_page(channel: Channel | None, slug: str) -> Product:
    variants = _page_variants(channel)
    assignments = (
        AssignedProductAttributeValue.objects.filter(value__attribute__visible_in_storefront=True)
        .exclude(value__attribute__slug__in=PRIVATE_ATTRIBUTE_SLUGS)
        .select_related("value__attribute", "value__reference_region")
        .order_by("value__attribute__storefront_search_position", "sort_order", "pk")
    )
    return (
        visible_products(channel, in_listings=False)
        .select_related("producer__region", "category")
        .only(
            "id",
            "name",
            "slug",
            "description",
            "category__id",
            "category__tree_id",
            "category__lft",
            "category__rght",
            *(f"producer__{name}" for name in PUBLIC_PRODUCER_FIELDS),
            "producer__region__name",
            "producer__region__full_name",
        )
        .prefetch_related(
            Prefetch("variants", queryset=variants, to_attr="page_variants"),
            Prefetch("media", queryset=_images(), to_attr="images"),
            Prefetch("attribute_values", queryset=assignments, to_attr="assignments"),
        )
        .get(slug=slug)
    )


def _category_path(category: Category | None) -> list[CategoryLink]:
    if category is None:
        return []
    path = Category.objects.filter(
        tree_id=category.tree_id, lft__lte=category.lft, rght__gte=category.rght
    ).only("id", "name", "slug", "lft")
    return [CategoryLink(c.name, c.slug) for c in path.order_by("lft")]


def get_product_detail(channel: Channel | None, slug: str) -> ProductDetail:
    """Everything the product page shows; raises Product.DoesNotExist when not visible."""
    product = _product_for_page(channel, slug)
    variants = product.page_variants  # type: ignore[attr-defined]
    options = [option for v in variants if (option := _variant_option(v)) is not None]
    pictures = [
        _picture(media, "large", alt=media.alt or product.name)
        for media in product.images  # type: ignore[attr-defined]
    ]
    return ProductDetail(
        name=product.name,
        slug=product.slug,
        description=product.description,
        pricing=_pricing(variants),
        pictures=pictures,
        variants=options,
        producer=_producer_card(product.producer, _badges_with_validity(product.producer)),
        breadcrumbs=_category_path(product.category),
        facts=facts_from_assignments(product.assignments),  # type: ignore[attr-defined]
    )


def get_product_page(channel: Channel | None, slug: str) -> ProductDetail:
    """The product page: name, description, photos, producer, facts and path from the shared
    cache (storefront/page_cache.py); whether it is on sale, its prices and its stock read
    fresh every time (three queries). Raises Product.DoesNotExist when not visible."""
    if page_cache.cache_seconds() <= 0:
        return get_product_detail(channel, slug)
    product_id = (
        visible_products(channel, in_listings=False)
        .filter(slug=slug)
        .values_list("pk", flat=True)
        .first()
    )
    if product_id is None:
        raise Product.DoesNotExist("not visible")
    detail = page_cache.cached_shared(
        f"product:{product_id}", lambda: get_product_detail(channel, slug)
    )
    variants = list(_page_variants(channel).filter(product_id=product_id))
    options = [option for v in variants if (option := _variant_option(v)) is not None]
    return replace(detail, pricing=_pricing(variants), variants=options)


# --- Producer storefront -----------------------------------------------------------------


def get_shop_detail(slug: str) -> ShopDetail:
    """An active producer's public face; raises Producer.DoesNotExist."""
    links = ProducerShopLink.objects.only("id", "producer_id", "platform", "url", "sort_order")
    producer = (
        _public_producers()
        .prefetch_related(Prefetch("shop_links", queryset=links, to_attr="public_links"))
        .get(slug=slug)
    )
    return ShopDetail(
        card=_producer_card(producer, _badges_with_validity(producer)),
        story=producer.story,
        opened_on=producer.opened_on,
        member_household_count=producer.member_household_count,
        disabled_employee_count=producer.disabled_employee_count,
        links=[ShopLink(link.platform, link.url) for link in producer.public_links],  # type: ignore[attr-defined]
    )


def products_of_producer(channel: Channel | None, producer_slug: str) -> QuerySet[Product]:
    return visible_products(channel).filter(producer__slug=producer_slug)


# --- Search ------------------------------------------------------------------------------

SEARCH_MAX_LENGTH = 100


def search_products(channel: Channel | None, query: str) -> QuerySet[Product]:
    """Visible products whose name, description or producer name contains the words.

    Every word must match somewhere; matches in the name come first, then newest first.
    A plain `ILIKE` until the search engine arrives: honest, and fine for a demo catalogue.
    """
    words = _search_words(query)
    if not words:
        return Product.objects.none()
    products = visible_products(channel)
    for word in words:
        products = products.filter(
            Q(name__icontains=word)
            | Q(description__icontains=word)
            | Q(producer__name__icontains=word)
        )
    in_name = Case(When(name__icontains=words[0], then=Value(0)), default=Value(1))
    return products.annotate(name_rank=in_name).order_by("name_rank", "-created_at", "-pk")


def _search_words(query: str) -> Sequence[str]:
    return query.strip()[:SEARCH_MAX_LENGTH].split()[:5]

"""Demo collections, their members chosen by a rule, published in the default channel."""

from __future__ import annotations

from backend.catalog.models import Channel, Collection, CollectionChannelListing, CollectionProduct
from backend.demo.definitions import CollectionDef, DemoData
from backend.producers.models import ProducerKind


def member_slugs(definition: CollectionDef, data: DemoData) -> list[str]:
    """The product slugs of a collection, in display order."""
    if definition.rule == "products":
        return list(definition.product_slugs)
    if definition.rule == "newest":
        newest = sorted(data.products, key=lambda p: (p.days_ago, p.slug))
        return [p.slug for p in newest[: definition.limit or None]]
    if definition.rule == "disabled-sellers":
        return [
            product.slug
            for producer in data.producers
            if producer.kind == ProducerKind.DISABLED_INDIVIDUAL
            for product in producer.products
        ]
    if definition.rule == "region":
        return [
            product.slug
            for producer in data.producers
            if producer.county_code in definition.county_codes
            for product in producer.products
        ]
    raise ValueError(f"collection {definition.slug}: unknown rule {definition.rule!r}")


def load_collections(
    data: DemoData, channel: Channel, product_ids: dict[str, int]
) -> list[Collection]:
    collections: list[Collection] = []
    for definition in data.catalog.collections:
        collection, _ = Collection.objects.update_or_create(
            slug=definition.slug,
            defaults={
                "name": definition.name,
                "description": definition.description,
                "seo_title": definition.name[:70],
                "seo_description": definition.description[:300],
            },
        )
        wanted = [product_ids[slug] for slug in member_slugs(definition, data)]
        CollectionProduct.objects.filter(collection=collection).exclude(
            product_id__in=wanted
        ).delete()
        present = dict(
            CollectionProduct.objects.filter(collection=collection).values_list(
                "product_id", "sort_order"
            )
        )
        CollectionProduct.objects.bulk_create(
            CollectionProduct(collection=collection, product_id=pk, sort_order=position)
            for position, pk in enumerate(wanted)
            if pk not in present
        )
        CollectionChannelListing.objects.update_or_create(
            collection=collection, channel=channel, defaults={"is_published": True}
        )
        collections.append(collection)
    return collections

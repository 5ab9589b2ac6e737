"""Nested product and category connections, batched across their parents.

Product lists under a producer, a collection or a category all start from the same visible
queryset (`products_visible_in_channel`) and the same filters and sort as the root `products`
list; only the parent expression differs.
"""

from __future__ import annotations

from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery

from backend.catalog.lookups import products_visible_in_channel
from backend.catalog.models import Category, Product
from backend.graphql.catalog.filters import filter_products
from backend.graphql.catalog.sorters import category_sort, product_sort
from backend.graphql.core.connection import Page, count_by_parent, slice_by_parent
from backend.graphql.core.nested import NestedConnectionLoader, NestedCountLoader, page_args_from


def visible_products(context: Any, channel_id: int, args: dict[str, Any]) -> QuerySet[Product]:
    channel = context.channel_by_id(channel_id)
    return filter_products(
        products_visible_in_channel(channel),
        channel_id=channel_id,
        filter_input=args.get("filter"),
        where=args.get("where"),
        search=args.get("search"),
    )


def category_ancestor_at_level(level: int) -> Subquery:
    """The id of a product's category's ancestor (or itself) at this tree level."""
    return Subquery(
        Category.objects.filter(
            tree_id=OuterRef("category__tree_id"),
            lft__lte=OuterRef("category__lft"),
            rght__gte=OuterRef("category__rght"),
            level=level,
        ).values("pk")[:1]
    )


PARENTS: dict[str, Any] = {
    "producer": lambda group: F("producer_id"),
    "collection": lambda group: F("collection_memberships__collection_id"),
    "category": category_ancestor_at_level,
}


class _ProductsByParentMixin:
    parent_kind: str

    def parent_expression(self, group: Any) -> Any:
        return PARENTS[self.parent_kind](group)


class ProductsByParentLoader(_ProductsByParentMixin, NestedConnectionLoader):
    def load_pages(
        self, parent_ids: list[int], args: dict[str, Any], channel_id: int | None, group: Any
    ) -> dict[int, Page]:
        assert channel_id is not None
        position = (
            F("collection_memberships__sort_order") if self.parent_kind == "collection" else None
        )
        sort = product_sort(args.get("sort_by"), channel_id, collection_position=position)
        queryset = visible_products(self.context, channel_id, args)
        return slice_by_parent(
            queryset, self.parent_expression(group), parent_ids, sort, page_args_from(args)
        )


class ProductCountByParentLoader(_ProductsByParentMixin, NestedCountLoader):
    def load_counts(
        self, parent_ids: list[int], args: dict[str, Any], channel_id: int | None, group: Any
    ) -> dict[int, int]:
        assert channel_id is not None
        queryset = visible_products(self.context, channel_id, args)
        return count_by_parent(queryset, self.parent_expression(group), parent_ids)


class ProductsByProducerLoader(ProductsByParentLoader):
    context_key = "products_by_producer"
    parent_kind = "producer"


class ProductCountByProducerLoader(ProductCountByParentLoader):
    context_key = "product_count_by_producer"
    parent_kind = "producer"


class ProductsByCollectionLoader(ProductsByParentLoader):
    context_key = "products_by_collection"
    parent_kind = "collection"


class ProductCountByCollectionLoader(ProductCountByParentLoader):
    context_key = "product_count_by_collection"
    parent_kind = "collection"


class ProductsByCategoryLoader(ProductsByParentLoader):
    """Products of a category and its subcategories; `group` is the category's tree level."""

    context_key = "products_by_category"
    parent_kind = "category"


class ProductCountByCategoryLoader(ProductCountByParentLoader):
    context_key = "product_count_by_category"
    parent_kind = "category"


class ChildrenByCategoryLoader(NestedConnectionLoader):
    context_key = "children_by_category"

    def load_pages(
        self, parent_ids: list[int], args: dict[str, Any], channel_id: int | None, group: Any
    ) -> dict[int, Page]:
        return slice_by_parent(
            Category.objects.all(),
            "parent_id",
            parent_ids,
            category_sort(None),
            page_args_from(args),
        )


class ChildCountByCategoryLoader(NestedCountLoader):
    context_key = "child_count_by_category"

    def load_counts(
        self, parent_ids: list[int], args: dict[str, Any], channel_id: int | None, group: Any
    ) -> dict[int, int]:
        return count_by_parent(Category.objects.all(), "parent_id", parent_ids)

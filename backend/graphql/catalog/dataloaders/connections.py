"""Nested product and category connections, batched across their parents.

Product lists under a producer, a collection or a category all start from the same visible
queryset (`products_visible_in_channel`) and the same filters and sort as the root `products`
list; only the parent expression differs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import F, Q, QuerySet

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


CategoryScope = tuple[int, int, int]  # a category's (tree_id, lft, rght)


def in_category_tree(scope: CategoryScope) -> Q:
    """Products of a category or of any category under it (MPTT bounds, a semi-join)."""
    tree_id, lft, rght = scope
    subtree = Category.objects.filter(tree_id=tree_id, lft__gte=lft, rght__lte=rght)
    return Q(category_id__in=subtree.values("pk"))


PARENT_FILTERS: dict[str, Callable[[int, Any], Q]] = {
    "producer": lambda parent_id, scope: Q(producer_id=parent_id),
    "collection": lambda parent_id, scope: Q(collection_memberships__collection_id=parent_id),
    "category": lambda parent_id, scope: in_category_tree(scope),
}


class _ProductsByParentMixin:
    parent_kind: str

    def parent_filters(self, scopes: dict[int, Any]) -> dict[int, Q]:
        make = PARENT_FILTERS[self.parent_kind]
        return {parent_id: make(parent_id, scope) for parent_id, scope in scopes.items()}


class ProductsByParentLoader(_ProductsByParentMixin, NestedConnectionLoader):
    def load_pages(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, Page]:
        assert channel_id is not None
        position = (
            F("collection_memberships__sort_order") if self.parent_kind == "collection" else None
        )
        sort = product_sort(args.get("sort_by"), channel_id, collection_position=position)
        queryset = visible_products(self.context, channel_id, args)
        return slice_by_parent(queryset, self.parent_filters(scopes), sort, page_args_from(args))


class ProductCountByParentLoader(_ProductsByParentMixin, NestedCountLoader):
    def load_counts(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, int]:
        assert channel_id is not None
        queryset = visible_products(self.context, channel_id, args)
        return count_by_parent(queryset, self.parent_filters(scopes))


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
    """Products of a category and its subcategories; the key's scope is the tree bounds."""

    context_key = "products_by_category"
    parent_kind = "category"


class ProductCountByCategoryLoader(ProductCountByParentLoader):
    context_key = "product_count_by_category"
    parent_kind = "category"


def _children_filters(scopes: dict[int, Any]) -> dict[int, Q]:
    return {parent_id: Q(parent_id=parent_id) for parent_id in scopes}


class ChildrenByCategoryLoader(NestedConnectionLoader):
    context_key = "children_by_category"

    def load_pages(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, Page]:
        return slice_by_parent(
            Category.objects.all(),
            _children_filters(scopes),
            category_sort(None),
            page_args_from(args),
        )


class ChildCountByCategoryLoader(NestedCountLoader):
    context_key = "child_count_by_category"

    def load_counts(
        self, scopes: dict[int, Any], args: dict[str, Any], channel_id: int | None
    ) -> dict[int, int]:
        return count_by_parent(Category.objects.all(), _children_filters(scopes))

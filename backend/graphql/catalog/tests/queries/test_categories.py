"""`categories`, `category` with its tree, and products of a category subtree."""

from __future__ import annotations

from typing import Any

from backend.catalog.tests.factories import CategoryFactory
from backend.graphql.core.ids import to_global_id
from backend.images.renditions import rendition_url

CATEGORIES = """
query Categories(
  $first: Int, $level: Int, $filter: CategoryFilterInput, $sortBy: CategorySortingInput
) {
  categories(first: $first, level: $level, filter: $filter, sortBy: $sortBy) {
    totalCount
    edges { node { slug level } }
  }
}
"""

CATEGORY = """
query Category($slug: String, $id: ID) {
  category(slug: $slug, id: $id) {
    id name slug level description seoTitle
    parent { slug }
    children(first: 10) { totalCount edges { node { slug } } }
    products(first: 10) { totalCount edges { node { slug } } }
    backgroundImage(size: 1000) { url alt }
  }
}
"""


def tree() -> dict[str, Any]:
    herbs: Any = CategoryFactory(name="中药材", slug="herbs")
    roots: Any = CategoryFactory(name="根茎类", slug="roots", parent=herbs)
    flowers: Any = CategoryFactory(name="花类", slug="flowers", parent=herbs)
    nuts: Any = CategoryFactory(name="坚果", slug="nuts")
    return {"herbs": herbs, "roots": roots, "flowers": flowers, "nuts": nuts}


def test_categories_by_level_in_tree_order(gql, db):
    # given
    tree()

    # when
    top = gql(CATEGORIES, {"first": 10, "level": 0})
    second = gql(CATEGORIES, {"first": 10, "level": 1})

    # then
    assert [e["node"]["slug"] for e in top.data["categories"]["edges"]] == ["herbs", "nuts"]
    assert [e["node"]["slug"] for e in second.data["categories"]["edges"]] == ["flowers", "roots"]
    assert second.data["categories"]["totalCount"] == 2


def test_categories_filter_and_sort(gql, db):
    # given
    tree()

    # when
    searched = gql(CATEGORIES, {"first": 10, "filter": {"search": "坚果"}})
    by_slugs = gql(CATEGORIES, {"first": 10, "filter": {"slugs": ["roots", "nuts"]}})
    by_children = gql(
        CATEGORIES,
        {"first": 1, "sortBy": {"field": "SUBCATEGORY_COUNT", "direction": "DESC"}},
    )

    # then
    assert [e["node"]["slug"] for e in searched.data["categories"]["edges"]] == ["nuts"]
    assert [e["node"]["slug"] for e in by_slugs.data["categories"]["edges"]] == ["roots", "nuts"]
    assert [e["node"]["slug"] for e in by_children.data["categories"]["edges"]] == ["herbs"]


def test_category_by_slug_with_children_parent_and_subtree_products(gql, listed_product):
    # given
    categories = tree()
    categories["herbs"].background_image = "category-backgrounds/herbs.jpg"
    categories["herbs"].background_image_alt = "晾晒中的药材"
    categories["herbs"].save()
    listed_product(slug="in-herbs", category=categories["herbs"])
    listed_product(slug="in-roots", category=categories["roots"])
    listed_product(slug="in-nuts", category=categories["nuts"])

    # when
    herbs = gql(CATEGORY, {"slug": "herbs"})
    roots = gql(CATEGORY, {"id": to_global_id("Category", str(categories["roots"].pk))})

    # then
    assert herbs.errors is None, herbs
    data = herbs.data["category"]
    assert data["level"] == 0
    assert data["parent"] is None
    assert [e["node"]["slug"] for e in data["children"]["edges"]] == ["flowers", "roots"]
    assert data["children"]["totalCount"] == 2
    assert sorted(e["node"]["slug"] for e in data["products"]["edges"]) == ["in-herbs", "in-roots"]
    assert data["products"]["totalCount"] == 2
    assert data["backgroundImage"] == {
        "url": rendition_url("category-backgrounds/herbs.jpg", "large", "jpeg"),
        "alt": "晾晒中的药材",
    }
    assert roots.data["category"]["parent"] == {"slug": "herbs"}
    assert [e["node"]["slug"] for e in roots.data["category"]["products"]["edges"]] == ["in-roots"]
    assert roots.data["category"]["backgroundImage"] is None


def test_category_products_hide_invisible_products(gql, listed_product, other_producer):
    # given
    categories = tree()
    listed_product(slug="visible", category=categories["nuts"])
    listed_product(slug="closed", category=categories["nuts"], producer=other_producer)
    other_producer.is_active = False
    other_producer.save(update_fields=["is_active"])

    # when
    response = gql(CATEGORY, {"slug": "nuts"})

    # then
    products = response.data["category"]["products"]
    assert [e["node"]["slug"] for e in products["edges"]] == ["visible"]
    assert products["totalCount"] == 1


def test_category_products_paginate_per_category(gql, listed_product):
    # given
    categories = tree()
    for i in range(3):
        listed_product(slug=f"root-{i}", category=categories["roots"])
        listed_product(slug=f"nut-{i}", category=categories["nuts"])
    query = """
    query($after: String) {
      categories(first: 10, level: 0) {
        edges { node { slug products(first: 2, after: $after) {
          pageInfo { hasNextPage endCursor } edges { node { slug } }
        } } }
      }
    }
    """

    # when
    response = gql(query, {"after": None})

    # then
    pages = {e["node"]["slug"]: e["node"]["products"] for e in response.data["categories"]["edges"]}
    assert [e["node"]["slug"] for e in pages["herbs"]["edges"]] == ["root-0", "root-1"]
    assert [e["node"]["slug"] for e in pages["nuts"]["edges"]] == ["nut-0", "nut-1"]
    assert pages["herbs"]["pageInfo"]["hasNextPage"] is True


def test_category_missing_is_null(gql, db):
    # when
    response = gql(CATEGORY, {"slug": "nothing"})

    # then
    assert response.errors is None
    assert response.data == {"category": None}

from __future__ import annotations

import pytest
from graphql import GraphQLError

from backend.graphql.core.descriptions import editorjs_document
from backend.graphql.core.images import image_or_none, image_url


def test_editorjs_document_splits_paragraphs_and_escapes_html():
    # when
    document = editorjs_document("一行\r\n两行\n\n\n<script>x</script>")

    # then
    assert document is not None
    assert [b["data"]["text"] for b in document["blocks"]] == [
        "一行<br>两行",
        "&lt;script&gt;x&lt;/script&gt;",
    ]
    assert len({b["id"] for b in document["blocks"]}) == 2


def test_editorjs_document_of_empty_text_is_none():
    # when / then
    assert editorjs_document("  \n ") is None


@pytest.mark.parametrize(
    ("size", "fmt", "expected"),
    [
        (None, None, "/media/products/a.jpg"),
        (0, "webp", "/media/products/a.jpg"),
        (100, "webp", "/media/renditions/thumbnail/products/a.jpg.webp"),
        (400, "original", "/media/renditions/card/products/a.jpg.jpeg"),
        (4000, "avif", "/media/renditions/large/products/a.jpg.webp"),
    ],
)
def test_image_url_picks_the_nearest_rendition(size, fmt, expected):
    # when / then
    assert image_url("products/a.jpg", size=size, fmt=fmt) == expected


def test_image_url_negative_size_is_refused():
    # when / then
    with pytest.raises(GraphQLError):
        image_url("products/a.jpg", size=-5, fmt=None)


def test_image_or_none_without_a_file_is_none():
    # when / then
    assert image_or_none("", "alt", size=None, fmt=None) is None

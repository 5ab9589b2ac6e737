"""Small pure pieces of the storefront: money, stock words, pages, languages, pictures."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.paginator import Paginator
from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation
from prices import Money, MoneyRange

from backend.catalog.pricing import ProductPricing
from storefront.availability import StockLevel, availability_for
from storefront.languages import language_links, language_tag, path_in_language
from storefront.paging import ProductSort, _page_numbers, page_url, pagination_for
from storefront.pictures import picture_for, scaled_size
from storefront.templatetags.storefront_tags import format_money, money, price_range


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("49.9"), "¥49.90"),
        (Decimal("0"), "¥0.00"),
        (Decimal("1299.5"), "¥1,299.50"),
        (Decimal("0.005"), "¥0.01"),
    ],
)
def test_format_money_decimal_gives_yuan_with_two_decimals(amount, text):
    # when / then
    assert format_money(amount) == text


def test_format_money_float_is_refused():
    # when / then
    with pytest.raises(TypeError):
        format_money(49.9)  # type: ignore[arg-type]


def test_money_filter_other_currency_uses_its_code():
    # when / then
    assert money(Money(Decimal("3"), "USD")) == "USD 3.00"


def test_price_range_filter_same_or_different_prices():
    # given
    same = ProductPricing(MoneyRange(Money(Decimal("5"), "CNY"), Money(Decimal("5"), "CNY")))
    spread = ProductPricing(MoneyRange(Money(Decimal("5"), "CNY"), Money(Decimal("9.5"), "CNY")))

    # when / then
    assert price_range(same) == "¥5.00"
    assert price_range(spread) == "¥5.00 – ¥9.50"
    assert price_range(ProductPricing(None)) == ""


@pytest.mark.parametrize(
    ("quantity", "tracked", "level", "chinese", "english"),
    [
        (100, True, StockLevel.IN_STOCK, "有货", "In stock"),
        (6, True, StockLevel.IN_STOCK, "有货", "In stock"),
        (5, True, StockLevel.LOW, "仅剩 5 件", "Only 5 left"),
        (1, True, StockLevel.LOW, "仅剩 1 件", "Only 1 left"),
        (0, True, StockLevel.OUT, "缺货", "Out of stock"),
        (0, False, StockLevel.IN_STOCK, "有货", "In stock"),
    ],
)
def test_availability_for_quantity_gives_words(quantity, tracked, level, chinese, english):
    # when
    with translation.override("zh-hans"):
        zh = availability_for(quantity, track_inventory=tracked)
    with translation.override("en"):
        en = availability_for(quantity, track_inventory=tracked)

    # then
    assert (zh.level, zh.text, en.text) == (level, chinese, english)


@pytest.mark.parametrize(
    ("current", "last", "expected"),
    [
        (1, 1, [1]),
        (1, 3, [1, 2, 3]),
        (1, 10, [1, 2, None, 10]),
        (5, 10, [1, None, 4, 5, 6, None, 10]),
        (3, 10, [1, 2, 3, 4, None, 10]),
        (10, 10, [1, None, 9, 10]),
    ],
)
def test_page_numbers_current_and_neighbours_with_gaps(current, last, expected):
    # when / then
    assert _page_numbers(current, last) == expected


def test_page_url_keeps_other_parameters_and_drops_page_one():
    # given
    query = QueryDict("sort=price&q=党参&page=3")

    # when / then
    assert page_url(query, 1) == "?sort=price&q=%E5%85%9A%E5%8F%82"
    assert page_url(query, 4) == "?sort=price&q=%E5%85%9A%E5%8F%82&page=4"


def test_pagination_for_middle_page_has_both_neighbours():
    # given
    page = Paginator(list(range(100)), 24).page(2)

    # when
    pagination = pagination_for(page, QueryDict("sort=name"))

    # then
    assert pagination.previous_url == "?sort=name"
    assert pagination.next_url == "?sort=name&page=3"
    assert (pagination.start_index, pagination.end_index, pagination.count) == (25, 48, 100)
    assert [link.is_current for link in pagination.links] == [False, True, False, False, False]


def test_product_sort_parse_unknown_value_is_newest():
    # when / then
    assert ProductSort.parse("-price") is ProductSort.PRICE_DESC
    assert ProductSort.parse("bogus") is ProductSort.NEWEST
    assert ProductSort.parse(None) is ProductSort.NEWEST


@pytest.mark.parametrize(
    ("code", "tag"), [("zh-hans", "zh-Hans"), ("en", "en"), ("zh-cn", "zh-CN"), (None, "zh-Hans")]
)
def test_language_tag_is_bcp47(code, tag):
    # when / then
    assert language_tag(code) == tag


@pytest.mark.parametrize(
    ("path", "code", "expected"),
    [
        ("/", "en", "/en/"),
        ("/product/x/", "en", "/en/product/x/"),
        ("/en/product/x/", "zh-hans", "/product/x/"),
        ("/en/", "zh-hans", "/"),
        ("/en/", "en", "/en/"),
        ("/english-tea/", "zh-hans", "/english-tea/"),
    ],
)
def test_path_in_language_swaps_the_prefix(path, code, expected):
    # when / then
    assert path_in_language(path, code) == expected


def test_language_links_name_each_language_in_itself_and_keep_the_query():
    # given
    request = RequestFactory().get("/en/search/", {"q": "核桃"})

    # when
    with translation.override("en"):
        links = language_links(request)

    # then
    assert [(link.tag, link.name_local, link.is_current) for link in links] == [
        ("zh-Hans", "简体中文", False),
        ("en", "English", True),
    ]
    assert links[0].url == "/search/?q=%E6%A0%B8%E6%A1%83"
    assert links[0].absolute_url == "http://testserver/search/?q=%E6%A0%B8%E6%A1%83"


@pytest.mark.parametrize(
    ("width", "height", "size", "expected"),
    [
        (1600, 1200, "large", (1200, 900)),
        (1600, 1200, "card", (480, 360)),
        (300, 200, "large", (300, 200)),
        (None, 200, "card", (None, None)),
    ],
)
def test_scaled_size_fits_the_box_without_upscaling(width, height, size, expected):
    # when / then
    assert scaled_size(width, height, size) == expected


def test_picture_for_gives_webp_and_jpeg_renditions():
    # when
    picture = picture_for("products/a.png", "card", alt="一袋党参", width=960, height=960)

    # then
    assert picture.webp_url == "/media/renditions/card/products/a.png.webp"
    assert picture.jpeg_url == "/media/renditions/card/products/a.png.jpeg"
    assert (picture.width, picture.height, picture.alt) == (480, 480, "一袋党参")

"""The PostgreSQL backend through the interface: Chinese, pinyin, initials, typos, facets."""

from __future__ import annotations

from backend.search.interface import SearchQuery, search_products
from backend.search.tests.conftest import CHENGXIAN, WEIYUAN, Catalogue


def ids(text: str, **filters: object) -> list[int]:
    result = search_products(SearchQuery(text=text, **filters))  # type: ignore[arg-type]
    return [hit.product_id for hit in result.hits]


def test_search_chinese_word_finds_name_matches_before_description_matches(
    catalogue: Catalogue,
) -> None:
    # given the catalogue (党参 in two names and in one description)
    # when
    found = ids("党参")
    # then the poor household's 党参 (boosted) and the plain one first, 黄芪 (description) last
    assert found == [
        catalogue.dangshen_poor.pk,
        catalogue.dangshen_plain.pk,
        catalogue.huangqi.pk,
    ]


def test_search_full_pinyin_finds_the_chinese_product(catalogue: Catalogue) -> None:
    # given / when
    found = ids("hetao")
    # then
    assert found == [catalogue.walnut.pk]


def test_search_spaced_pinyin_and_initials_find_dangshen(catalogue: Catalogue) -> None:
    # given / when / then
    assert set(ids("dang shen")) >= {catalogue.dangshen_poor.pk, catalogue.dangshen_plain.pk}
    assert set(ids("ds")) >= {catalogue.dangshen_poor.pk, catalogue.dangshen_plain.pk}
    assert catalogue.dangshen_poor.pk in ids("dangshen")


def test_search_pinyin_typo_falls_back_to_trigram_similarity(catalogue: Catalogue) -> None:
    # given / when
    result = search_products(SearchQuery(text="hetoa"))
    # then
    assert [hit.product_id for hit in result.hits] == [catalogue.walnut.pk]
    assert result.hits[0].explanation.relevance <= 0.25


def test_search_chinese_homophone_typo_finds_the_product(catalogue: Catalogue) -> None:
    # given 小米 mistyped as 小迷 (same pinyin, xiaomi)
    # when
    found = ids("武乡小迷")
    # then
    assert found == [catalogue.millet.pk]


def test_search_region_and_producer_words_match(catalogue: Catalogue) -> None:
    # given / when / then: the county name (region) and the producer's shop name
    assert set(ids("渭源县")) == {
        catalogue.dangshen_poor.pk,
        catalogue.dangshen_plain.pk,
        catalogue.huangqi.pk,
    }
    assert ids("王家小院") == [catalogue.dangshen_poor.pk]


def test_search_facets_count_disjunctively(catalogue: Catalogue) -> None:
    # given / when: everything, county 成县 selected
    result = search_products(SearchQuery(county_codes=(CHENGXIAN,)))
    # then
    assert result.total == 1
    counties = {v.key: (v.count, v.selected) for v in result.facets["county"]}
    assert counties[CHENGXIAN] == (1, True)
    assert counties[WEIYUAN] == (3, False)  # the county facet ignores its own selection
    categories = {v.key: v.count for v in result.facets["category"]}
    assert categories == {"nuts": 1}
    certifications = {v.key: v.count for v in result.facets["certification"]}
    assert certifications == {"organic": 1}
    bands = {v.key: v.count for v in result.facets["price_band"]}
    assert bands == {"20-50": 1}


def test_search_category_filter_includes_subcategories(catalogue: Catalogue) -> None:
    # given / when
    result = search_products(SearchQuery(category_slugs=("herbs",)))
    # then
    assert result.total == 3
    categories = {v.key: v.count for v in result.facets["category"]}
    assert categories == {"herbs": 3, "roots": 3, "nuts": 1, "grain": 1}


def test_search_tag_and_zone_filters_keep_live_tagged_producers(catalogue: Catalogue) -> None:
    # given / when
    zone = search_products(SearchQuery(zone_only=True))
    tagged = search_products(SearchQuery(tags=("poor_household",)))
    # then
    assert [h.product_id for h in zone.hits] == [catalogue.dangshen_poor.pk]
    assert [h.product_id for h in tagged.hits] == [catalogue.dangshen_poor.pk]
    assert {v.key: v.count for v in zone.facets["tag"]} == {"poor_household": 1}


def test_search_price_band_and_sorts(catalogue: Catalogue) -> None:
    # given / when
    cheap = ids("", price_band="under-20")
    by_price = ids("", sort="price_asc")
    # then
    assert cheap == [catalogue.millet.pk]
    assert by_price[:2] == [catalogue.millet.pk, catalogue.walnut.pk]
    assert by_price[-1] == catalogue.dangshen_plain.pk


def test_search_bad_queries_answer_without_error(catalogue: Catalogue) -> None:
    # given
    queries = [
        "",
        "   ",
        "!!!。，、？",
        "'; DROP TABLE search_searchdocument; --",
        "%_\\",
        "党" * 2000,
        "a:* & | ! ( )",
        "\x00",
    ]
    for text in queries:
        # when
        result = search_products(SearchQuery(text=text))
        # then
        assert result.total >= 0


def test_search_nothing_found_suggests_a_close_word(catalogue: Catalogue) -> None:
    # given / when
    result = search_products(SearchQuery(text="核桃仁干果"))
    # then
    assert result.total == 0
    assert result.suggestion == "核桃"

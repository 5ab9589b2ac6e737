from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from backend.demo.definitions import (
    FIXTURES_DIR,
    DemoDataError,
    grams_from_name,
    parse_variant,
    read_demo_data,
)
from backend.demo.identity_numbers import (
    disability_certificate_number,
    poor_household_number,
    resident_id_number,
)
from backend.producers.identity import (
    validate_disability_certificate,
    validate_poor_household_number,
    validate_resident_id,
)


@pytest.mark.parametrize(
    ("name", "grams"),
    [("250克", 250), ("1千克", 1000), ("2.5千克", 2500), ("2斤", 1000), ("小号", None)],
)
def test_grams_from_name_weights_in_chinese_units_converted(name: str, grams: int | None) -> None:
    # given a variant name
    # when its weight is read
    # then it is in grams (None when the name has no weight)
    assert grams_from_name(name) == grams


def test_parse_variant_explicit_grams_used_for_volume() -> None:
    # given a variant sold by volume, with its weight as third field
    # when parsed
    variant = parse_variant("500毫升 | 88.00 | 480", product_slug="oil")

    # then price is a Decimal and the weight is the given one
    assert (variant.name, variant.price, variant.grams) == ("500毫升", Decimal("88.00"), 480)


@pytest.mark.parametrize(
    "spec", ["500毫升 | 88.00", "500克", "500克 | 0", "500克 | 1.234", "a | 1 | 2 | 3"]
)
def test_parse_variant_bad_spec_raises_demo_data_error(spec: str) -> None:
    # given a malformed variant spec
    # when parsed
    # then the error names the product
    with pytest.raises(DemoDataError, match="oil"):
        parse_variant(spec, product_slug="oil")


def test_read_demo_data_shipped_fixtures_meet_the_issue_numbers() -> None:
    # given the YAML files shipped in fixtures/demo
    # when read and checked
    data = read_demo_data()

    # then they hold at least 24 producers and 80 products
    assert len(data.producers) >= 24
    assert len(data.products) >= 80


def test_read_demo_data_duplicate_product_slug_is_refused(tmp_path: Path) -> None:
    # given a copy of the fixtures where a product slug is used twice
    directory = tmp_path / "demo"
    shutil.copytree(FIXTURES_DIR, directory)
    producers = directory / "producers.yaml"
    text = producers.read_text(encoding="utf-8")
    producers.write_text(
        text.replace("slug: weiyuan-dangshen-slices", "slug: weiyuan-baitiao-dangshen"),
        encoding="utf-8",
    )

    # when read
    # then the duplicate is named
    with pytest.raises(DemoDataError, match="duplicate product slugs"):
        read_demo_data(directory)


def test_resident_id_number_generated_number_passes_validation() -> None:
    # given an area, a birth date and a serial
    # when numbers are generated for a man and a woman
    man = resident_id_number("621123", date(1978, 6, 2), 7, male=True)
    woman = resident_id_number("621123", date(1978, 6, 2), 7, male=False)

    # then both validate; the 17th digit is odd for the man, even for the woman
    assert validate_resident_id(man) == man
    assert validate_resident_id(woman) == woman
    assert int(man[16]) % 2 == 1
    assert int(woman[16]) % 2 == 0


def test_disability_certificate_number_ends_with_category_and_grade() -> None:
    # given a disabled person's details
    # when the certificate number is generated
    number = disability_certificate_number(
        "451003", date(1984, 2, 14), 3, male=False, category=1, grade=2
    )

    # then it has 20 characters, validates and ends with category then grade
    assert len(number) == 20
    assert validate_disability_certificate(number) == number
    assert number[-2:] == "12"


def test_poor_household_number_generated_number_passes_validation() -> None:
    # given a county, a registration year and a serial
    # when the household number is generated
    number = poor_household_number("621123", 2014, 8)

    # then it validates
    assert validate_poor_household_number(number) == number == "6211232014000008"


def test_read_demo_data_verification_of_a_shop_without_owner_is_refused(tmp_path: Path) -> None:
    # given a copy of the fixtures with a verification of a shop no demo account owns
    directory = tmp_path / "demo"
    shutil.copytree(FIXTURES_DIR, directory)
    with (directory / "verifications.yaml").open("a", encoding="utf-8") as handle:
        handle.write("- {shop: xiaojun-walnuts, kind: disabled, status: approved}\n")

    # when the data is read, then the problem names the shop
    with pytest.raises(DemoDataError, match="xiaojun-walnuts: the shop needs an owner"):
        read_demo_data(directory)


def test_read_demo_data_county_operator_without_a_demo_county_is_refused(tmp_path: Path) -> None:
    # given a copy of the fixtures with a county operator for a county the demo does not have
    directory = tmp_path / "demo"
    shutil.copytree(FIXTURES_DIR, directory)
    with (directory / "accounts.yaml").open("a", encoding="utf-8") as handle:
        handle.write(
            "- {email: x@demo.sunshine.test, name: 测试, role: county_operator, county: '110105'}\n"
        )

    # when the data is read, then the problem names the account
    with pytest.raises(DemoDataError, match=r"x@demo\.sunshine\.test: a county operator needs"):
        read_demo_data(directory)

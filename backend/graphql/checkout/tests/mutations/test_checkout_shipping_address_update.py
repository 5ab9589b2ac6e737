from __future__ import annotations

import pytest

from backend.graphql.checkout.tests.api_checkouts import create
from backend.graphql.checkout.tests.fixtures import ADDRESS, codes, gid, payload
from backend.graphql.checkout.tests.operations import ADDRESS_UPDATE
from backend.regions.models import Region

ZHEJIANG = {
    "firstName": "李四",
    "phone": "+86 150 0000 1234",
    "countryArea": "浙江",
    "city": "杭州",
    "cityArea": "西湖",
    "streetAddress1": "文三路 100 号",
    "streetAddress2": "2 幢 301",
}


@pytest.fixture
def checkout_id(api, channel, variant):  # type: ignore[no-untyped-def]
    return create(api, [(variant, 1)])["checkout"]["id"]


def update(api, checkout_id, address):  # type: ignore[no-untyped-def]
    result = api(ADDRESS_UPDATE, {"id": checkout_id, "address": address})
    return payload(result, "checkoutShippingAddressUpdate")


def test_checkout_shipping_address_update_municipality_district_stored(api, checkout_id):
    # when
    result = update(api, checkout_id, ADDRESS)

    # then
    assert result["errors"] == []
    address = result["checkout"]["shippingAddress"]
    assert (address["firstName"], address["countryArea"], address["cityArea"]) == (
        "张小花",
        "北京市",
        "朝阳区",
    )


def test_checkout_shipping_address_update_short_names_and_full_name_found(api, checkout_id):
    # when
    result = update(api, checkout_id, ZHEJIANG)

    # then
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"] == {
        "firstName": "李四",
        "lastName": "",
        "phone": "+8615000001234",
        "countryArea": "浙江省",
        "city": "杭州市",
        "cityArea": "西湖区",
        "streetAddress1": "文三路 100 号 2 幢 301",
    }


def test_checkout_shipping_address_update_county_code_alone_enough(api, checkout_id):
    # given
    address = {**ZHEJIANG, "countryArea": None, "city": None, "cityArea": "330106"}

    # when
    result = update(api, checkout_id, address)

    # then
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"]["cityArea"] == "西湖区"
    assert Region.objects.get(code="330106").name == "西湖区"


def test_checkout_shipping_address_update_province_and_city_codes_found(api, checkout_id):
    # when
    result = update(api, checkout_id, {**ZHEJIANG, "countryArea": "330000", "city": "3301"})

    # then
    assert result["errors"] == []
    assert result["checkout"]["shippingAddress"]["city"] == "杭州市"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"phone": "010 6512 3456"}, [("phone", "INVALID")]),
        ({"phone": ""}, [("phone", "REQUIRED")]),
        ({"firstName": "", "lastName": ""}, [("firstName", "REQUIRED")]),
        ({"streetAddress1": "", "streetAddress2": ""}, [("streetAddress1", "REQUIRED")]),
        ({"countryArea": "火星省"}, [("countryArea", "INVALID")]),
        ({"countryArea": None, "cityArea": "西湖区"}, [("countryArea", "REQUIRED")]),
        ({"city": None}, [("city", "REQUIRED")]),
        ({"city": "宁夏市"}, [("city", "INVALID")]),
        ({"cityArea": None}, [("cityArea", "REQUIRED")]),
        ({"cityArea": "朝阳区"}, [("cityArea", "INVALID")]),
        ({"cityArea": "999999"}, [("cityArea", "INVALID")]),
        ({"country": "US"}, [("country", "INVALID")]),
    ],
)
def test_checkout_shipping_address_update_wrong_field_reported(api, checkout_id, change, expected):
    # when
    result = update(api, checkout_id, {**ZHEJIANG, **change})

    # then
    assert codes(result) == expected
    assert {error["addressType"] for error in result["errors"]} == {"SHIPPING"}
    assert result["checkout"] is None


def test_checkout_shipping_address_update_every_mistake_at_once(api, checkout_id):
    # when
    result = update(api, checkout_id, {**ZHEJIANG, "cityArea": "没有这个区", "phone": "123"})

    # then
    assert sorted(codes(result)) == [("cityArea", "INVALID"), ("phone", "INVALID")]


def test_checkout_shipping_address_update_unknown_checkout_not_found(api, channel):
    # when
    result = update(api, gid("Checkout", "00000000-0000-4000-8000-000000000000"), ADDRESS)

    # then
    assert codes(result) == [("id", "NOT_FOUND")]

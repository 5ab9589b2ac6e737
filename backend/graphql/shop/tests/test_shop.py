from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext


def china_in_chinese() -> str:
    with translation.override("zh-hans"):
        return gettext("China")


SHOP = """{
  shop {
    id name description headerText
    defaultCountry { code country }
    countries { code }
    channelCurrencies
    domain { host sslEnabled url }
    languages { code language }
    defaultWeightUnit displayGrossPrices includeTaxesInPrices phonePrefixes
    version schemaVersion
    metadata { key }
  }
}"""


def test_shop_general_information_in_saleor_shape(gql, channel):
    # when
    response = gql(SHOP)

    # then
    assert response.errors is None, response
    shop = response.data["shop"]
    assert shop["name"] == "阳光集市"
    assert shop["defaultCountry"] == {"code": "CN", "country": china_in_chinese()}
    assert shop["countries"] == [{"code": "CN"}]
    assert shop["channelCurrencies"] == ["CNY"]
    assert shop["domain"] == {
        "host": "testserver",
        "sslEnabled": False,
        "url": "http://testserver/graphql/",
    }
    assert shop["languages"] == [
        {"code": "ZH_HANS", "language": "简体中文"},
        {"code": "EN", "language": "English"},
    ]
    assert shop["defaultWeightUnit"] == "G"
    assert shop["displayGrossPrices"] is True
    assert shop["phonePrefixes"] == ["+86"]
    assert shop["schemaVersion"] == "3.24"
    assert shop["metadata"] == []


def test_shop_name_follows_the_request_language(client, channel):
    # given
    query = '{"query": "{ shop { name } }"}'

    # when
    english = client.post(
        "/graphql/", data=query, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en"
    )
    chinese = client.post(
        "/graphql/", data=query, content_type="application/json", HTTP_ACCEPT_LANGUAGE="zh-CN"
    )

    # then
    assert english.json()["data"]["shop"]["name"] == "Sunshine Market"
    assert chinese.json()["data"]["shop"]["name"] == "阳光集市"

from __future__ import annotations

from django.utils import translation
from django.utils.translation import gettext

from backend.catalog.tests.factories import ChannelFactory
from backend.graphql.core.ids import to_global_id

CHANNELS = """{
  channels { id slug name isActive currencyCode defaultCountry { code country } countries { code } }
}"""


def test_channels_lists_active_channels(gql, channel):
    # given
    ChannelFactory(slug="closed", name="已停用", is_active=False)

    with translation.override("zh-hans"):
        china = gettext("China")

    # when
    response = gql(CHANNELS)

    # then
    assert response.errors is None, response
    assert response.data["channels"] == [
        {
            "id": to_global_id("Channel", str(channel.pk)),
            "slug": "default-channel",
            "name": "默认渠道",
            "isActive": True,
            "currencyCode": "CNY",
            "defaultCountry": {"code": "CN", "country": china},
            "countries": [{"code": "CN"}],
        }
    ]


def test_channel_by_slug_and_id(gql, channel):
    # given
    channel_id = to_global_id("Channel", str(channel.pk))

    # when
    by_slug = gql('{ channel(slug: "default-channel") { id currencyCode } }')
    by_id = gql("query($id: ID) { channel(id: $id) { slug } }", {"id": channel_id})
    missing = gql('{ channel(slug: "closed") { id } }')

    # then
    assert by_slug.data["channel"] == {"id": channel_id, "currencyCode": "CNY"}
    assert by_id.data["channel"] == {"slug": "default-channel"}
    assert missing.data["channel"] is None

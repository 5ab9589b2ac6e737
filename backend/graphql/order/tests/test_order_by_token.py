from __future__ import annotations

from backend.checkout.tests.scenarios import new_user
from backend.graphql.account.tests.scenarios import place_order
from backend.graphql.account.tokens import ACCESS, create_token
from backend.graphql.checkout.tests.fixtures import gid, payload
from backend.orders.fulfilment import fulfil_sub_order
from backend.payments.offline import confirm_offline_payment

ORDER = """
query Order($token: UUID!) {
  orderByToken(token: $token) {
    id number status userEmail
    user { email }
    shippingAddress { firstName phone streetAddress1 countryArea city cityArea regionCode }
    total { gross { amount } }
    lines { productName quantity }
    subOrders { producer { id } fulfillments { carrier trackingNumber fulfillmentOrder } }
    fulfillments { trackingNumber lines { quantity orderLine { productName } } }
  }
}
"""


def read(api, order, token=None):  # type: ignore[no-untyped-def]
    return payload(api(ORDER, {"token": str(order.token)}, token=token), "orderByToken")


def test_order_by_token_customer_sees_everything(api, channel, courier, customer, customer_token):
    # given
    order = place_order(channel, courier, customer)

    # when
    found = read(api, order, token=customer_token)

    # then
    assert found["id"] == gid("Order", order.token)
    assert found["number"] == str(order.pk)
    assert found["userEmail"] == customer.email
    assert found["user"] == {"email": customer.email}
    assert found["shippingAddress"] == {
        "firstName": "张小花",
        "phone": "+8613912345678",
        "streetAddress1": "幸福路 8 号 3 单元 501",
        "countryArea": "北京市",
        "city": "北京市",
        "cityArea": "朝阳区",
        "regionCode": "110105",
    }
    assert len(found["lines"]) == 2


def test_order_by_token_someone_else_sees_no_personal_data(api, channel, courier, customer):
    # given
    order = place_order(channel, courier, customer)
    stranger = create_token(new_user(email="stranger@example.test"), ACCESS)

    # when
    anonymous = read(api, order)
    other_user = read(api, order, token=stranger)

    # then
    for found in (anonymous, other_user):
        assert found["user"] is None
        assert found["userEmail"] == "c***@example.test"
        address = found["shippingAddress"]
        assert (address["firstName"], address["phone"], address["streetAddress1"]) == (
            "张**",
            "+86139****5678",
            "***",
        )
        assert address["cityArea"] == "朝阳区"
        assert customer.email not in str(found)
        assert "13912345678" not in str(found)


def test_order_by_token_guest_order_masked_too(api, channel, courier):
    # given
    order = place_order(channel, courier, None)

    # when
    found = read(api, order)

    # then
    assert found["userEmail"] == "b***@example.test"
    assert found["shippingAddress"]["phone"] == "+86139****5678"


def test_order_by_token_unknown_token_null(api, db):
    # when
    response = api(ORDER, {"token": "00000000-0000-4000-8000-000000000000"})

    # then
    assert payload(response, "orderByToken") is None


def test_order_by_token_malformed_token_schema_error(api, db):
    # when
    response = api(ORDER, {"token": "not-a-uuid"})

    # then
    assert response.status == 400
    assert response.data is None
    assert len(response.errors) == 1


def test_order_by_token_shipments_with_tracking(api, channel, courier, customer, customer_token):
    # given
    order = place_order(channel, courier, customer)
    confirm_offline_payment(order, actor=None)
    sub_order = order.sub_orders.order_by("pk").first()
    assert sub_order is not None
    fulfil_sub_order(sub_order, actor=None, carrier="顺丰", tracking_number="SF100")

    # when
    found = read(api, order, token=customer_token)

    # then
    shipped = [s for s in found["subOrders"] if s["fulfillments"]]
    assert [f for s in shipped for f in s["fulfillments"]] == [
        {"carrier": "顺丰", "trackingNumber": "SF100", "fulfillmentOrder": 1}
    ]
    assert found["fulfillments"][0]["trackingNumber"] == "SF100"
    assert found["fulfillments"][0]["lines"][0]["quantity"] == 1
    assert found["fulfillments"][0]["lines"][0]["orderLine"]["productName"]

"""Demo accounts for the privacy pages (`/account/privacy/`), both invented buyers with the
demo password:

- privacy-ready@demo.sunshine.test (林晓雨): one order paid, shipped and received — she can
  download her data and delete her account (the order stays, anonymised);
- privacy-waiting@demo.sunshine.test (孙志强): one bank-transfer order not paid yet — the
  deletion page says what to finish first.

Orders go through the same services as the other demo orders. Idempotent: an account is made
once (a deleted one is made again on the next load, with a new order), an order once per buyer.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.models import User
from backend.catalog.product_editing import default_channel
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading.orders import (
    BANK,
    DemoOrderDef,
    Parcel,
    can_place_orders,
    load_demo_orders,
)

OPERATOR_EMAIL = "operator@demo.sunshine.test"


@dataclass(frozen=True)
class PrivacyBuyer:
    email: str
    name: str
    order: DemoOrderDef


PRIVACY_BUYERS = (
    PrivacyBuyer(
        email="privacy-ready@demo.sunshine.test",
        name="林晓雨（演示：可注销账号）",
        order=DemoOrderDef(
            recipient="林晓雨",
            mobile="199 0000 3001",
            address_detail="东四十条 22 号院 2 号楼 601",
            gateway=BANK,
            lines=(("wuxiang-yellow-millet-2", 1),),
            paid=True,
            parcels=(Parcel("中国邮政 EMS", "1187650003001"),),
            received=1,
        ),
    ),
    PrivacyBuyer(
        email="privacy-waiting@demo.sunshine.test",
        name="孙志强（演示：订单未完成）",
        order=DemoOrderDef(
            recipient="孙志强",
            mobile="199 0000 3002",
            address_detail="安定门外大街 5 号 3 单元 201",
            gateway=BANK,
            lines=(("enshi-yulu-green-tea-1", 1),),
        ),
    ),
)


def _buyer(definition: PrivacyBuyer) -> User:
    user = User.objects.filter(email=definition.email).first()
    if user is None:
        user = User(email=definition.email, name=definition.name)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def load_demo_privacy() -> list[User]:
    """The two privacy demo buyers and their orders; returns the buyers (none when the demo
    operator is missing or orders cannot be placed here)."""
    operator = User.objects.filter(email=OPERATOR_EMAIL, is_active=True).first()
    if operator is None or not can_place_orders():
        return []
    channel = default_channel()
    buyers = []
    for definition in PRIVACY_BUYERS:
        buyer = _buyer(definition)
        load_demo_orders(
            channel, customer=buyer, operator=operator, definitions=(definition.order,)
        )
        buyers.append(buyer)
    return buyers

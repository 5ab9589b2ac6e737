"""Demo procurement: two enterprises with direct-sourcing contracts, run through the services.

- 陇原阳光团餐 (a canteen operator) and 会川中药材合作社 (the demo cooperative): an active contract
  for 一级党参 at max(market, floor); one delivery shipped and checked with 2 units rejected for
  damp, one delivery scheduled and waiting to ship (the cooperative sees it under orders to ship).
- 甘肃绿源农业 (a leading agricultural enterprise) and 春生药材小铺 (the disabled seller): an active
  contract for 白条党参 at market + 5% with a delivery accepted whole, and a second contract
  proposed and signed by the enterprise, waiting for the seller's signature.

The enterprises come from the enterprises loader (`load_demo_enterprises`) when it is installed;
otherwise they are created here by credit code. Floors and market prices cover the current year.
Idempotent: contracts are found by enterprise and title; nothing is duplicated on a second run.
Runs after `load_demo()` (it needs the demo shops, their owners and the default channel).

Logins (all with the demo password): canteen-buyer@, canteen-approver@ and agri-admin@
demo.sunshine.test; the producers sign in as coop@ and seller@demo.sunshine.test.
"""

from __future__ import annotations

import datetime
import importlib
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading.orders import can_place_orders
from backend.enterprises.credit_code import complete_credit_code
from backend.enterprises.models import (
    DeliverySite,
    Enterprise,
    EnterpriseKind,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
)
from backend.orders.fulfilment import fulfil_sub_order
from backend.procurement.contracts import (
    ContractLineInput,
    ContractTerms,
    activate_contract,
    create_contract,
    propose_contract,
    sign_contract,
)
from backend.procurement.deliveries import accept_delivery, schedule_delivery
from backend.procurement.floor_prices import record_market_price, set_floor_price
from backend.procurement.models import Contract, FloorPrice, MarketPrice, PriceRule
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.warehouse.availability import available_quantities


@dataclass(frozen=True)
class DemoEnterprise:
    kind: str
    name: str
    credit_body: str  # the first 17 characters; the check character is computed
    county: str
    people: tuple[tuple[str, str, str], ...]  # (e-mail, name, role)


CANTEEN = DemoEnterprise(
    kind=EnterpriseKind.CANTEEN,
    name="陇原阳光团餐服务有限公司（演示）",
    credit_body="91620102MA7DE0001",
    county="620102",
    people=(
        ("canteen-buyer@demo.sunshine.test", "食堂采购员赵明（演示）", EnterpriseRole.BUYER),
        ("canteen-approver@demo.sunshine.test", "食堂负责人钱芳（演示）", EnterpriseRole.APPROVER),
    ),
)
AGRI = DemoEnterprise(
    kind=EnterpriseKind.LEADING_AGRICULTURAL,
    name="甘肃绿源农业产业化龙头企业有限公司（演示）",
    credit_body="91621100MA7DE0002",
    county="621102",
    people=(("agri-admin@demo.sunshine.test", "龙头企业管理员孙强（演示）", EnterpriseRole.ADMIN),),
)

QUALITY = "一级品：条长15厘米以上，无霉变、无虫蛀，含水率不高于13%。到货三日内按批抽检验收。"
PAYMENT = "验收合格后，生产方开具增值税普通发票，企业于收票后30日内银行转账支付验收合格部分货款。"


def _user(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, name=name, is_active=True)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _enterprise(spec: DemoEnterprise, operator: User | None) -> Enterprise:
    """The enterprises loader's enterprise of this kind, else ours (found by credit code)."""
    code = complete_credit_code(spec.credit_body)
    enterprise = Enterprise.objects.filter(credit_code=code).first()
    if enterprise is None:
        enterprise = Enterprise.objects.filter(
            kind=spec.kind, status=EnterpriseStatus.VERIFIED
        ).first() or Enterprise.objects.create(
            name=spec.name,
            slug=f"demo-{spec.kind.replace('_', '-')}",
            kind=spec.kind,
            credit_code=code,
            region=Region.objects.get(code=spec.county),
            contact_name=spec.people[0][1],
            invoice_title=spec.name,
            status=EnterpriseStatus.VERIFIED,
            verified_at=timezone.now(),
            verified_by=operator,
        )
    for email, name, role in spec.people:
        user = _user(email, name)
        EnterpriseMember.objects.get_or_create(
            enterprise=enterprise, user=user, role=role, removed_at=None
        )
    if not enterprise.delivery_sites.exists():
        DeliverySite.objects.create(
            enterprise=enterprise,
            name="中心厨房",
            region=enterprise.region,
            address_detail="演示路1号",
            contact_name=spec.people[0][1],
            contact_mobile="13900000000",
        )
    return enterprise


def _member(enterprise: Enterprise, *roles: str) -> User:
    member = (
        EnterpriseMember.objects.filter(
            enterprise=enterprise, role__in=roles, removed_at__isnull=True
        )
        .select_related("user")
        .order_by("pk")
        .first()
    )
    assert member is not None, f"{enterprise} needs a member with one of {roles}"
    return member.user


def _prices(variant: ProductVariant, floor: str, market: str, operator: User | None) -> None:
    year = timezone.localdate().year
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    product = variant.product
    if (
        operator is not None
        and not FloorPrice.objects.filter(product=product, valid_from=start).exists()
    ):
        set_floor_price(
            product,
            actor=operator,
            amount_per_kg=Decimal(floor),
            valid_from=start,
            valid_until=end,
            reason=f"{year}年渭源县中药材保护价收购通知（演示）",
        )
    if not MarketPrice.objects.filter(product=product, period_start=start).exists():
        record_market_price(
            product,
            actor=operator,
            amount_per_kg=Decimal(market),
            period_start=start,
            period_end=end,
            source="渭源县中药材市场价格监测（演示）",
        )


def _contract(
    enterprise: Enterprise,
    producer: Producer,
    variant: ProductVariant,
    *,
    title: str,
    quantity: int,
    rule: str,
    percent: str = "0",
) -> tuple[Contract, bool]:
    existing = Contract.objects.filter(enterprise=enterprise, title=title).first()
    if existing is not None:
        return existing, False
    year = timezone.localdate().year
    contract = create_contract(
        enterprise,
        actor=_member(enterprise, EnterpriseRole.BUYER, EnterpriseRole.ADMIN),
        producer=producer,
        terms=ContractTerms(
            title=title,
            period_start=datetime.date(year, 1, 1),
            period_end=datetime.date(year, 12, 31),
            quality_terms=QUALITY,
            payment_terms=PAYMENT,
            price_rule=rule,
            price_rule_percent=Decimal(percent),
            delivery_site_id=enterprise.delivery_sites.values_list("pk", flat=True).first(),
        ),
        lines=[ContractLineInput(variant_id=variant.pk, quantity=quantity, grade="一级")],
    )
    return contract, True


def _deliver(contract: Contract, owner: User, units: int) -> int | None:
    """Schedule `units` (fewer if the shop has less in stock); the delivery's id or None."""
    line = contract.lines.get()
    units = min(units, available_quantities([line.variant_id])[line.variant_id])
    if units <= 0:
        return None
    delivery = schedule_delivery(
        contract, actor=owner, delivery_date=timezone.localdate(), quantities={line.pk: units}
    )
    return delivery.pk


def _ship_and_check(delivery_id: int | None, owner: User, checker: User, rejected: int) -> None:
    if delivery_id is None:
        return
    contract_delivery = Contract.objects.get(deliveries__pk=delivery_id).deliveries.get(
        pk=delivery_id
    )
    fulfil_sub_order(
        contract_delivery.order.sub_orders.get(),
        actor=owner,
        carrier="中国邮政",
        tracking_number=f"DEMO{delivery_id:08d}",
    )
    line = contract_delivery.lines.get()
    kept = max(line.quantity - rejected, 0)
    accept_delivery(
        contract_delivery,
        actor=checker,
        accepted={line.pk: kept},
        reasons={line.pk: "两袋受潮结块，退回合作社"} if kept < line.quantity else {},
        notes="抽检含水率12%，条形合格。",
    )


def load_demo_procurement() -> list[Contract]:
    """Two enterprises' contracts with deliveries (see the module); returns the contracts."""
    if not can_place_orders():
        return []  # the services own durable transactions
    loader = _enterprises_loader()
    if loader is not None:
        loader()
    operator = User.objects.filter(email="operator@demo.sunshine.test").first()
    canteen = _enterprise(CANTEEN, operator)
    agri = _enterprise(AGRI, operator)
    coop = Producer.objects.select_related("owner").get(slug="huichuan-herb-coop")
    seller = Producer.objects.select_related("owner").get(slug="chunsheng-herbs")
    assert coop.owner is not None
    assert seller.owner is not None
    dangshen = ProductVariant.objects.get(sku="huichuan-dangshen-standard-2")  # 1 kg
    baitiao = ProductVariant.objects.get(sku="weiyuan-baitiao-dangshen-3")  # 1 kg
    _prices(dangshen, floor="60.00", market="62.50", operator=operator)
    _prices(baitiao, floor="120.00", market="118.00", operator=operator)

    year = timezone.localdate().year
    first, new = _contract(
        canteen,
        coop,
        dangshen,
        title=f"{year}年食堂一级党参直采直供合同（演示）",
        quantity=120,
        rule=PriceRule.MAX_OF_MARKET_AND_FLOOR,
    )
    if new:
        _sign_and_activate(first, coop.owner)
        checked = _deliver(first, coop.owner, 10)
        _ship_and_check(checked, coop.owner, _member(canteen, EnterpriseRole.BUYER), rejected=2)
        _deliver(first, coop.owner, 6)
    second, new = _contract(
        agri,
        seller,
        baitiao,
        title=f"{year}年白条党参订单收购合同（演示）",
        quantity=40,
        rule=PriceRule.MARKET_PLUS_PERCENT,
        percent="5",
    )
    if new:
        _sign_and_activate(second, seller.owner)
        delivered = _deliver(second, seller.owner, 4)
        _ship_and_check(delivered, seller.owner, _member(agri, EnterpriseRole.ADMIN), rejected=0)
    third, new = _contract(
        agri,
        coop,
        dangshen,
        title=f"{year}年下半年党参补充采购合同（演示）",
        quantity=60,
        rule=PriceRule.MAX_OF_MARKET_AND_FLOOR,
    )
    if new:
        admin = _member(agri, EnterpriseRole.ADMIN)
        propose_contract(third, actor=admin)
        sign_contract(third, actor=admin)
    ids = [first.pk, second.pk, third.pk]
    fresh = Contract.objects.in_bulk(ids)
    return [fresh[pk] for pk in ids]


def _sign_and_activate(contract: Contract, producer_owner: User) -> None:
    enterprise = contract.enterprise
    propose_contract(
        contract, actor=_member(enterprise, EnterpriseRole.BUYER, EnterpriseRole.ADMIN)
    )
    sign_contract(
        contract, actor=_member(enterprise, EnterpriseRole.APPROVER, EnterpriseRole.ADMIN)
    )
    sign_contract(contract, actor=producer_owner)
    activate_contract(
        contract, actor=_member(enterprise, EnterpriseRole.BUYER, EnterpriseRole.ADMIN)
    )


def _enterprises_loader():  # type: ignore[no-untyped-def]
    """`load_demo_enterprises` from the enterprises loader, when that module exists."""
    try:
        module = importlib.import_module("backend.demo.loading.enterprises")
    except ModuleNotFoundError:
        return None
    return getattr(module, "load_demo_enterprises", None)

"""Demo enterprises, made through the real services (every person invented):

- 陇原阳光团餐服务有限公司（演示）, a canteen operator in 兰州 城关区: registered by its
  administrator, verified by the platform operator; buyer, approver, finance and a staff member;
  two delivery sites; a pledge of 10% of its 1,200,000 元 food purchasing this year; the staff
  member's paid personal order, which counts toward the pledge.
- 甘肃绿源农业产业化龙头企业有限公司（演示）, a leading agricultural enterprise in 定西 安定区:
  administrator and buyer; a delivery site; an OPEN purchase request for 一级党参 (300 kg, 甘肃
  producers) with quotes from the 会川 cooperative and the 春生 herb shop; a pledge of
  500,000 元; a verified benefit link (12 disabled employees), entered by the platform operator
  and verified by a second operator.

Credit codes are the procurement loader's (first 17 characters, check character from stdnum),
so both loaders meet the same two enterprises whichever runs first. Idempotent: everything is
found before it is made. Runs after `load_demo()`; the services open durable transactions, so
it does nothing inside another transaction (`can_place_orders`).

Sign-ins (password `DEMO_PASSWORD`): canteen-admin@, canteen-buyer@, canteen-approver@,
canteen-finance@, canteen-staff@, agri-admin@, agri-buyer@ and link-operator@demo.sunshine.test.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q
from django.test import override_settings
from django.utils import timezone

from backend.accounts.models import User
from backend.catalog.models import ProductVariant
from backend.catalog.product_editing import default_channel
from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.loading.orders import BANK, DemoOrderDef, can_place_orders, load_demo_orders
from backend.enterprises.benefit_links import LinkDraft, decide_benefit_link, record_benefit_link
from backend.enterprises.credit_code import complete_credit_code
from backend.enterprises.delivery_sites import SiteDraft, add_delivery_site
from backend.enterprises.membership import add_member
from backend.enterprises.models import (
    BenefitKind,
    BenefitLink,
    BenefitLinkStatus,
    DeliverySite,
    Enterprise,
    EnterpriseKind,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
    Pledge,
    PledgeKind,
)
from backend.enterprises.pledges import declare_pledge
from backend.enterprises.registration import EnterpriseDraft, register_enterprise
from backend.enterprises.verification import verify_enterprise
from backend.producers.models import Producer
from backend.regions.models import Region
from backend.sellers.models import OperatorScope
from backend.sourcing.matching import invite_producers
from backend.sourcing.models import PurchaseRequest, Quote, RequestUnit
from backend.sourcing.quotes import QuoteDraft, submit_quote
from backend.sourcing.requests import RequestDraft, post_request

DOMAIN = "demo.sunshine.test"


@dataclass(frozen=True)
class Person:
    email: str
    name: str
    role: str
    mobile: str


@dataclass(frozen=True)
class Site:
    name: str
    county: str
    address: str
    contact: str
    mobile: str


@dataclass(frozen=True)
class DemoEnterprise:
    name: str
    kind: str
    credit_body: str
    county: str
    address: str
    people: tuple[Person, ...]  # the first is the administrator who registers it
    sites: tuple[Site, ...]


CANTEEN = DemoEnterprise(
    name="陇原阳光团餐服务有限公司（演示）",
    kind=EnterpriseKind.CANTEEN,
    credit_body="91620102MA7DE0001",
    county="620102",
    address="城关区庆阳路88号（演示）",
    people=(
        Person(f"canteen-admin@{DOMAIN}", "团餐公司管理员李娟（演示）", "admin", "19900002001"),
        Person(f"canteen-buyer@{DOMAIN}", "食堂采购员赵明（演示）", "buyer", "19900002002"),
        Person(f"canteen-approver@{DOMAIN}", "食堂负责人钱芳（演示）", "approver", "19900002003"),
        Person(f"canteen-finance@{DOMAIN}", "财务周丽（演示）", "finance", "19900002004"),
        Person(f"canteen-staff@{DOMAIN}", "职工吴磊（演示）", "staff", "19900002005"),
    ),
    sites=(
        Site("中心厨房（演示）", "620102", "城关区雁滩路66号", "厨师长马强", "19900002101"),
        Site("第二职工食堂（演示）", "620103", "七里河区西津西路12号", "王师傅", "19900002102"),
    ),
)
AGRI = DemoEnterprise(
    name="甘肃绿源农业产业化龙头企业有限公司（演示）",
    kind=EnterpriseKind.LEADING_AGRICULTURAL,
    credit_body="91621100MA7DE0002",
    county="621102",
    address="安定区中华路（演示）",
    people=(
        Person(f"agri-admin@{DOMAIN}", "龙头企业管理员孙强（演示）", "admin", "19900002201"),
        Person(f"agri-buyer@{DOMAIN}", "原料采购部郑洁（演示）", "buyer", "19900002202"),
    ),
    sites=(
        Site(
            "中药材加工厂收货处（演示）", "621102", "安定区工业园区9号", "仓管刘伟", "19900002301"
        ),
    ),
)
STAFF_ORDER = DemoOrderDef(
    recipient="吴磊（演示职工）",
    mobile="199 0000 2005",
    address_detail="城关区庆阳路88号职工宿舍 3 号楼",
    gateway=BANK,
    lines=(("weiyuan-baitiao-dangshen-1", 1),),
    paid=True,
)
REQUEST_NAME = "一级党参（演示采购需求）"


def _user(person: Person) -> User:
    user = User.objects.filter(Q(email=person.email) | Q(mobile=person.mobile)).first()
    if user is None:
        user = User(email=person.email, mobile=person.mobile, name=person.name)
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _platform_operator() -> User | None:
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _second_operator(platform: User) -> User:
    """A country-wide operator who verifies what the platform operator entered (four eyes)."""
    operator = _user(Person(f"link-operator@{DOMAIN}", "平台审核员（演示）", "", "19900002900"))
    if not operator.is_staff:
        operator.is_staff = True
        operator.save(update_fields=["is_staff"])
    OperatorScope.objects.get_or_create(user=operator, region=None)
    return operator


def _enterprise(spec: DemoEnterprise, operator: User) -> Enterprise:
    code = complete_credit_code(spec.credit_body)
    admin = _user(spec.people[0])
    enterprise = Enterprise.objects.filter(credit_code=code).first()
    if enterprise is None:
        enterprise = register_enterprise(
            EnterpriseDraft(
                name=spec.name,
                kind=spec.kind,
                credit_code=code,
                region=Region.objects.get(code=spec.county),
                address_detail=spec.address,
                contact_name=spec.people[0].name,
                contact_mobile=spec.people[0].mobile,
            ),
            actor=admin,
        )
    if enterprise.status != EnterpriseStatus.VERIFIED:
        enterprise = verify_enterprise(enterprise, actor=operator)
    live = set(
        EnterpriseMember.objects.filter(enterprise=enterprise, removed_at__isnull=True).values_list(
            "user_id", "role"
        )
    )
    if not any(role == EnterpriseRole.ADMIN for _user_id, role in live):
        EnterpriseMember.objects.create(enterprise=enterprise, user=admin, role="admin")
        live.add((admin.pk, "admin"))
    for person in spec.people:
        user = _user(person)
        if (user.pk, person.role) not in live:
            add_member(enterprise, login=person.email, role=person.role, actor=admin)
    names = set(DeliverySite.objects.filter(enterprise=enterprise).values_list("name", flat=True))
    for site in spec.sites:
        if site.name not in names:
            add_delivery_site(
                enterprise,
                SiteDraft(
                    site.name,
                    Region.objects.get(code=site.county),
                    site.address,
                    site.contact,
                    site.mobile,
                ),
                actor=admin,
            )
    return enterprise


def _pledge(enterprise: Enterprise, actor: User, **values: object) -> None:
    year = timezone.localdate().year
    if not Pledge.objects.filter(enterprise=enterprise, year=year).exists():
        declare_pledge(enterprise, year=year, actor=actor, **values)  # type: ignore[arg-type]


def _open_request(enterprise: Enterprise, buyer: User) -> PurchaseRequest:
    existing = PurchaseRequest.objects.filter(
        enterprise=enterprise, product_name=REQUEST_NAME
    ).first()
    if existing is not None:
        return existing
    site = DeliverySite.objects.filter(enterprise=enterprise).order_by("pk").first()
    assert site is not None
    return post_request(
        enterprise,
        RequestDraft(
            product_name=REQUEST_NAME,
            quantity=Decimal("300"),
            unit=RequestUnit.KG,
            deadline=timezone.localdate() + datetime.timedelta(days=21),
            delivery_site=site,
            grade="一级",
            region=Region.objects.get(code="62"),
            notes="条长15厘米以上，含水率不高于13%；可分批交货。",
        ),
        actor=buyer,
    )


def _quote(request: PurchaseRequest, slug: str, sku: str, units: int, price: str) -> None:
    producer = Producer.objects.select_related("owner", "region").filter(slug=slug).first()
    variant = (
        ProductVariant.objects.select_related("product", "product__product_type")
        .filter(sku=sku)
        .first()
    )
    if producer is None or producer.owner is None or variant is None:
        return
    if Quote.objects.filter(request=request, producer=producer).exists():
        return
    submit_quote(
        request,
        producer,
        QuoteDraft(
            variant=variant,
            units=units,
            unit_price_amount=Decimal(price),
            available_on=timezone.localdate() + datetime.timedelta(days=10),
            grade="一级",
            note="合作社统一分级包装（演示）",
        ),
        actor=producer.owner,
    )


def _benefit_link(enterprise: Enterprise, platform: User) -> None:
    year = timezone.localdate().year
    if BenefitLink.objects.filter(enterprise=enterprise, year=year).exists():
        return
    link = record_benefit_link(
        enterprise,
        LinkDraft(
            kind=BenefitKind.EMPLOYS,
            year=year,
            description="加工车间残疾职工12人，劳动合同与残疾人证复印件已核对（演示）",
            disabled_employee_count=12,
        ),
        actor=platform,
    )
    if link.status == BenefitLinkStatus.PENDING:
        decide_benefit_link(link, verified=True, actor=_second_operator(platform))


def load_demo_enterprises() -> list[Enterprise]:
    """The two demo enterprises (see the module); returns them. E-mails to invented producers
    stay in memory, whatever the e-mail backend."""
    if not can_place_orders():
        return []
    platform = _platform_operator()
    if platform is None:
        return []
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        return _load(platform)


def _load(platform: User) -> list[Enterprise]:
    canteen = _enterprise(CANTEEN, platform)
    agri = _enterprise(AGRI, platform)
    canteen_finance = _user(CANTEEN.people[3])
    _pledge(
        canteen,
        canteen_finance,
        kind=PledgeKind.SHARE,
        share_percent=Decimal("10"),
        base_amount=Decimal("1200000"),
        note="预留10%食堂食材采购份额（演示）",
    )
    _pledge(agri, _user(AGRI.people[0]), kind=PledgeKind.AMOUNT, amount=Decimal("500000"))
    load_demo_orders(
        default_channel(),
        customer=_user(CANTEEN.people[4]),
        operator=platform,
        definitions=(STAFF_ORDER,),
    )
    request = _open_request(agri, _user(AGRI.people[1]))
    # normally queued after commit; called here too (idempotent) so a load inside an outer
    # transaction, as in tests, has the invitations the quotes need
    invite_producers(request.pk)
    _quote(request, "huichuan-herb-coop", "huichuan-dangshen-standard-2", 150, "65.00")
    _quote(request, "chunsheng-herbs", "weiyuan-baitiao-dangshen-3", 40, "128.00")
    _benefit_link(agri, platform)
    return [canteen, agri]

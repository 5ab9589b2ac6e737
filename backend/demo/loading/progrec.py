"""Demo programme records (every person invented), made through the programme services:

- about 40 households in the demo counties' villages: poverty status (registered, out of
  poverty, never registered), income baseline and two later years, a cadre, a plan, members
  (most households with a disabled member: category and grade), linked to the demo's
  cooperatives, bases and enterprise-run shops in their county (member / employee / supplier
  households), and one household for each demo shop run by a disabled person or a poor
  household (its `own_shop`);
- four courses (county basic and city advanced, three tracks) with enrolments, attendance,
  completions and two certificates; a self-paid course with one approved subsidy claim and one
  waiting;
- a mentor (sign-in `mentor@demo.sunshine.test`, password DEMO_PASSWORD) assigned to two shops,
  with notes, and two listing-quality reviews;
- support records (a subsidised loan, grants, a living subsidy);
- targets for every demo county for this year and last year;
- `beneficiary_household_ref` on two of every three order lines (and procurement lines) of the
  demo's cooperatives and enterprise-run shops that have none, naming their linked households.

Idempotent: households by code, courses by title, everything else found before it is made.
The services open durable transactions, so this does nothing inside another transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal
from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.utils import timezone
from PIL import Image, ImageDraw

from backend.accounts.models import User
from backend.demo.accounts import DEMO_PASSWORD, DemoLogin
from backend.demo.loading.orders import can_place_orders
from backend.orders.models import OrderLine
from backend.procurement.models import ProcurementOrderLine
from backend.producers.models import Producer, ProducerKind
from backend.programme.households import (
    link_household_to_producer,
    record_household_income,
    save_household,
    save_household_member,
)
from backend.programme.incubation import add_mentor_note, assign_mentor, review_listing_quality
from backend.programme.models import (
    Course,
    CourseTier,
    CourseTrack,
    Enrolment,
    Household,
    HouseholdLinkKind,
    HouseholdMember,
    HouseholdProducerLink,
    ListingQualityReview,
    MemberRelation,
    MentorAssignment,
    PovertyStatus,
    Sex,
    SubsidyClaim,
    SupportKind,
    SupportRecord,
    Target,
    TargetMetric,
)
from backend.programme.records import save_record
from backend.programme.subsidies import approve_subsidy_claim, submit_subsidy_claim
from backend.programme.support import record_support
from backend.programme.targets import set_target
from backend.programme.training import attach_certificate, complete_enrolment, enrol
from backend.programme.training import record_attendance as record_attendance_service
from backend.regions.models import Region, RegionLevel

HOUSEHOLDS = 28  # plus one per demo shop of a disabled person or poor household
MENTOR_EMAIL = "mentor@demo.sunshine.test"
MENTOR_MOBILE = "19900008101"
# For `LOADER_LOGINS` (backend/demo/accounts.py) once `load_demo` runs this loader.
PROGREC_LOGINS = (
    DemoLogin(
        MENTOR_EMAIL, "mentor", "", (), "incubation mentor of 春生 herbs and the 会川 cooperative"
    ),
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾"
GIVEN = ("建国", "秀兰", "志强", "桂英", "德明", "玉梅", "永福", "春花", "国庆", "海燕", "福生")
CADRES = ("驻村第一书记 刘振华（演示）", "乡镇干部 何晓梅（演示）", "县残联 唐立新（演示）")
PLANS = (
    "种植党参 3 亩，经合作社网店销售。",
    "养殖土鸡，学习网店客服后做社区团购。",
    "手工编织，由一店助多户的网店代销。",
    "在就业扶贫基地做分拣包装。",
)
NEEDS = ("网店培训", "贴息贷款", "宽带和电脑", "冷链运输", "")
HOUSEHOLD_SHOPS = (ProducerKind.COOPERATIVE, ProducerKind.ENTERPRISE_SHOP)
LINK_KINDS: dict[str, HouseholdLinkKind] = {
    ProducerKind.COOPERATIVE: HouseholdLinkKind.MEMBER,
    ProducerKind.ENTERPRISE_SHOP: HouseholdLinkKind.SUPPLIER,
    ProducerKind.EMPLOYMENT_BASE: HouseholdLinkKind.EMPLOYEE,
}


@dataclass(frozen=True)
class DemoProgrecResult:
    households: int
    members: int
    courses: int
    enrolments: int
    claims: int
    support_records: int
    targets: int
    attributed_lines: int


def _year() -> int:
    return timezone.localdate().year


def _operator() -> User | None:
    return User.objects.filter(is_superuser=True, is_active=True).order_by("pk").first()


def _mentor() -> User:
    user = User.objects.filter(Q(email=MENTOR_EMAIL) | Q(mobile=MENTOR_MOBILE)).first()
    if user is None:
        user = User(email=MENTOR_EMAIL, mobile=MENTOR_MOBILE, name="孵化中心导师 周敏（演示）")
        user.set_password(DEMO_PASSWORD)
        user.save()
    return user


def _demo_villages() -> list[Region]:
    counties = Producer.objects.values("region__county_code").distinct()
    return list(
        Region.objects.filter(level=RegionLevel.VILLAGE, county_code__in=counties).order_by(
            "county_code", "full_name", "pk"
        )
    )


def _household(code: str, region: Region, index: int, operator: User) -> Household:
    found = Household.objects.filter(code=code).first()
    if found is not None:
        return found
    year = _year()
    statuses = (
        PovertyStatus.REGISTERED,
        PovertyStatus.OUT_OF_POVERTY,
        PovertyStatus.NEVER_REGISTERED,
    )
    status = statuses[index % 3]
    household = Household(
        code=code,
        region=region,
        head_name=f"{SURNAMES[index % len(SURNAMES)]}{GIVEN[index % len(GIVEN)]}（演示）",
        poverty_status=status,
        registration_number=(
            f"{region.county_code}{index + 1:06d}"
            if status != PovertyStatus.NEVER_REGISTERED
            else ""
        ),
        out_of_poverty_year=(year - 1 - index % 2)
        if status == PovertyStatus.OUT_OF_POVERTY
        else None,
        baseline_year=year - 2,
        baseline_income_per_person=Decimal(3200 + 97 * index),
        cadre_name=CADRES[index % len(CADRES)],
        cadre_phone=f"1990000{8200 + index:04d}",
        plan=PLANS[index % len(PLANS)],
        able_and_willing=index % 5 != 4,
        needs=NEEDS[index % len(NEEDS)],
    )
    save_household(household, actor=operator)
    _members(household, index, operator)
    for offset, rise in ((1, Decimal("1.12")), (0, Decimal("1.27"))):
        record_household_income(
            household,
            actor=operator,
            year=year - offset,
            income_per_person=(Decimal(3200 + 97 * index) * rise).quantize(Decimal("0.01")),
            household_size=3,
            source="村级台账（演示）",
        )
    return household


def _members(household: Household, index: int, operator: User) -> None:
    surname = household.head_name[0]
    people: list[tuple[str, MemberRelation, tuple[int, int] | None]] = [
        (household.head_name, MemberRelation.PARENT if index % 2 else MemberRelation.SPOUSE, None),
        (f"{surname}小{GIVEN[(index + 3) % len(GIVEN)][-1]}（演示）", MemberRelation.CHILD, None),
    ]
    if index % 4 != 3:  # three households in four have a disabled member
        people.insert(
            0,
            (
                f"{surname}{GIVEN[(index + 5) % len(GIVEN)]}（演示）",
                MemberRelation.DISABLED_PERSON,
                (index % 7 + 1, index % 4 + 1),
            ),
        )
    for position, (name, relation, disability) in enumerate(people):
        save_household_member(
            HouseholdMember(
                household=household,
                name=name[:100],
                relation=relation,
                disability_category=disability[0] if disability else None,
                disability_grade=disability[1] if disability else None,
                birth_year=_year() - 30 - (index + 7 * position) % 40,
                sex=Sex.FEMALE if (index + position) % 2 else Sex.MALE,
            ),
            actor=operator,
        )


def load_households(operator: User) -> list[Household]:
    villages = _demo_villages()
    if not villages:
        return []
    households = [
        _household(
            f"SH-{villages[i % len(villages)].county_code}-{i + 1:03d}",
            villages[i % len(villages)],
            i,
            operator,
        )
        for i in range(HOUSEHOLDS)
    ]
    start = datetime.date(_year() - 2, 3, 1)
    shops = Producer.objects.select_related("region").order_by("slug")
    for index, shop in enumerate(shops, start=HOUSEHOLDS):
        if shop.kind in (ProducerKind.DISABLED_INDIVIDUAL, ProducerKind.POOR_HOUSEHOLD):
            if shop.region.level not in (RegionLevel.TOWNSHIP, RegionLevel.VILLAGE):
                continue
            own = _household(f"SH-OWN-{shop.slug}"[:64], shop.region, index, operator)
            link_household_to_producer(
                own, shop, actor=operator, kind=HouseholdLinkKind.OWN_SHOP, started_on=start
            )
            households.append(own)
        elif shop.kind in LINK_KINDS:
            same_county = [
                h
                for h in households[:HOUSEHOLDS]
                if h.region.county_code == shop.region.county_code
            ]
            for household in same_county[:4]:
                link_household_to_producer(
                    household, shop, actor=operator, kind=LINK_KINDS[shop.kind], started_on=start
                )
    return households


def attribute_household_refs() -> int:
    """Name a linked household on 2 of 3 unattributed lines of household-selling shops."""
    links: dict[int, list[str]] = {}
    for producer_id, code in (
        HouseholdProducerLink.objects.filter(
            producer__kind__in=HOUSEHOLD_SHOPS, ended_on__isnull=True
        )
        .order_by("producer_id", "household__code")
        .values_list("producer_id", "household__code")
    ):
        links.setdefault(producer_id, []).append(code)
    changed = 0
    for model in (OrderLine, ProcurementOrderLine):
        lines = model.objects.filter(producer_id__in=list(links), beneficiary_household_ref="")
        by_code: dict[str, list[int]] = {}
        for pk, producer_id in lines.order_by("pk").values_list("pk", "producer_id"):
            if pk % 3 == 0:
                continue  # a third stay unattributed, as in real data
            codes = links[producer_id]
            by_code.setdefault(codes[pk % len(codes)], []).append(pk)
        for code, pks in by_code.items():
            changed += model.objects.filter(pk__in=pks).update(beneficiary_household_ref=code)
    return changed


COURSES = (
    (
        "网店开设与装修基础班（演示）",
        CourseTier.COUNTY_BASIC,
        CourseTrack.RUNNING_A_SHOP,
        "621123",
        -1,
        Decimal("0"),
        False,
    ),
    (
        "电商客服与图片处理基础班（演示）",
        CourseTier.COUNTY_BASIC,
        CourseTrack.ECOMMERCE_WORK,
        "621221",
        0,
        Decimal("0"),
        False,
    ),
    (
        "平台网店独立运营提高班（演示）",
        CourseTier.CITY_ADVANCED,
        CourseTrack.RUNNING_A_FIRM,
        "6211",
        0,
        Decimal("800.00"),
        True,
    ),
    (
        "创业意向人员电商入门班（演示）",
        CourseTier.COUNTY_BASIC,
        CourseTrack.WOULD_BE_SELLER,
        "621123",
        0,
        Decimal("0"),
        False,
    ),
)


def _certificate_png(name: str) -> SimpleUploadedFile:
    image = Image.new("RGB", (480, 320), (250, 246, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 471, 311), outline=(160, 40, 40), width=4)
    draw.text((40, 140), "SAMPLE / DEMO CERTIFICATE", fill=(120, 30, 30))
    buffer = BytesIO()
    image.save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def load_training(operator: User) -> int:
    year = _year()
    disabled = list(
        HouseholdMember.objects.filter(
            household__code__startswith="SH-", disability_category__isnull=False
        )
        .select_related("household__region")
        .order_by("household__code", "pk")
    )
    for index, (title, tier, track, region_code, year_offset, fee, certified) in enumerate(COURSES):
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            continue
        course = Course.objects.filter(title=title).first()
        if course is None:
            starts = datetime.date(year + year_offset, 4 + index, 6)
            course = save_record(
                Course(
                    title=title,
                    tier=tier,
                    track=track,
                    provider=("县职业技术学校（演示）", "市电子商务协会（演示）")[
                        tier == CourseTier.CITY_ADVANCED
                    ],
                    region=region,
                    starts_on=starts,
                    ends_on=starts + datetime.timedelta(days=9),
                    session_count=(3, 5)[index % 2],
                    fee_amount=fee,
                    capacity=30,
                    is_certified=certified,
                ),
                actor=operator,
            )
        people = [m for m in disabled if m.household.region.county_code.startswith(region_code[:4])]
        for position, member in enumerate(people[index : index + 6]):
            if Enrolment.objects.filter(course=course, member=member).exists():
                continue
            enrolment = enrol(
                course,
                actor=operator,
                member=member,
                enrolled_on=course.starts_on - datetime.timedelta(days=7),
            )
            record_attendance_service(
                enrolment, actor=operator, sessions_attended=course.session_count - position % 2
            )
            if course.ends_on <= timezone.localdate() and position % 3 != 2:
                complete_enrolment(enrolment, actor=operator, completed_on=course.ends_on)
                if position < 2:
                    attach_certificate(enrolment, _certificate_png("结业证书.png"), actor=operator)
            if certified and position < 2 and not enrolment.subsidy_claims.exists():
                claim = submit_subsidy_claim(
                    enrolment,
                    actor=operator,
                    amount_claimed=Decimal("600.00") if position == 0 else Decimal("800.00"),
                    fee_paid_amount=fee,
                )
                if position == 0:
                    approve_subsidy_claim(claim, actor=operator, note="票据齐全（演示）")
    return Course.objects.filter(title__in=[c[0] for c in COURSES]).count()


def load_incubation(operator: User) -> None:
    mentor = _mentor()
    for slug, note in (
        ("chunsheng-herbs", "主图换成白底，标题写清产地和等级。"),
        ("huichuan-herb-coop", "详情页加上合作社社员的种植故事。"),
    ):
        shop = Producer.objects.filter(slug=slug).first()
        if shop is None or MentorAssignment.objects.filter(mentor=mentor, producer=shop).exists():
            continue
        assignment = assign_mentor(
            shop, actor=operator, mentor=mentor, started_on=datetime.date(_year() - 1, 9, 1)
        )
        add_mentor_note(assignment, actor=mentor, body=note)
        if not ListingQualityReview.objects.filter(producer=shop).exists():
            review_listing_quality(
                shop,
                actor=operator,
                scores={"photos": 3, "title": 4, "description": 3, "customer_service": 5},
                notes="演示评分",
            )


def load_support(operator: User, households: list[Household]) -> None:
    kinds = (
        (SupportKind.SUBSIDISED_LOAN, Decimal("40000.00"), "县农商银行（演示）"),
        (SupportKind.BROADBAND_GRANT, Decimal("600.00"), "县通信公司（演示）"),
        (SupportKind.EQUIPMENT_GRANT, Decimal("3500.00"), "县残联（演示）"),
        (SupportKind.STARTUP_GRANT, Decimal("5000.00"), "县人社局（演示）"),
        (SupportKind.LIVING_SUBSIDY, Decimal("1200.00"), "县民政局（演示）"),
    )
    for index, household in enumerate(households[:10]):
        reference = f"DEMO-SUP-{index + 1:02d}"
        if SupportRecord.objects.filter(reference=reference).exists():
            continue
        kind, amount, provider = kinds[index % len(kinds)]
        record_support(
            actor=operator,
            kind=kind,
            amount=amount,
            granted_on=datetime.date(_year() - index % 2, 5, 10 + index),
            household=household,
            provider=provider,
            reference=reference,
        )


TARGETS = {
    TargetMetric.PEOPLE_TRAINED: 70,
    TargetMetric.SHOPS_OPENED: 25,
    TargetMetric.LEADERS: 10,
    TargetMetric.HOUSEHOLDS_EARNING: 100,
    TargetMetric.HOUSEHOLDS_OUT_OF_POVERTY: 40,
    TargetMetric.SALES_VALUE: 2000000,
}


def load_targets(operator: User) -> None:
    codes = Producer.objects.values_list("region__county_code", flat=True).distinct()
    counties = Region.objects.filter(level=RegionLevel.COUNTY, code__in=codes).order_by("code")
    year = _year()
    for county in counties:
        for target_year in (year - 1, year):
            for metric, value in TARGETS.items():
                if Target.objects.filter(region=county, year=target_year, metric=metric).exists():
                    continue
                set_target(
                    county, actor=operator, year=target_year, metric=metric, value=Decimal(value)
                )


def load_demo_progrec() -> DemoProgrecResult | None:
    """Load the demo's programme records (after `load_demo()`); None inside a transaction."""
    if not can_place_orders():
        return None
    operator = _operator()
    if operator is None:
        return None
    households = load_households(operator)
    courses = load_training(operator)
    load_incubation(operator)
    load_support(operator, households)
    load_targets(operator)
    attributed = attribute_household_refs()
    return DemoProgrecResult(
        households=Household.objects.filter(code__startswith="SH-").count(),
        members=HouseholdMember.objects.filter(household__code__startswith="SH-").count(),
        courses=courses,
        enrolments=Enrolment.objects.count(),
        claims=SubsidyClaim.objects.count(),
        support_records=SupportRecord.objects.filter(reference__startswith="DEMO-SUP-").count(),
        targets=Target.objects.count(),
        attributed_lines=attributed,
    )

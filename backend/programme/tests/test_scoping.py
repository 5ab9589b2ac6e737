"""Who sees which programme records: a permission matrix over every record model."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any, cast

import pytest
from django.urls import reverse

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.producers.models import Producer
from backend.producers.tests.factories import ProducerFactory
from backend.programme.models import (
    ClaimStatus,
    Course,
    Enrolment,
    Household,
    HouseholdIncome,
    HouseholdLinkKind,
    HouseholdMember,
    HouseholdProducerLink,
    ListingQualityReview,
    ListingQualityScore,
    MentorAssignment,
    MentorNote,
    SubsidyClaim,
    SupportRecord,
    Target,
)
from backend.programme.scoping import records_for
from backend.programme.tests.factories import (
    CourseFactory,
    EnrolmentFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
    township,
    village,
)
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory

pytestmark = pytest.mark.django_db

MODELS = (
    Household,
    HouseholdMember,
    HouseholdIncome,
    HouseholdProducerLink,
    Course,
    Enrolment,
    SubsidyClaim,
    MentorAssignment,
    MentorNote,
    ListingQualityReview,
    ListingQualityScore,
    SupportRecord,
    Target,
)


def _records_in(county_code: str, place: Region) -> dict[type, Any]:
    """One row of every record model filed under `county_code` (the household in `place`)."""
    county = Region.objects.get(code=county_code)
    shop = cast(Producer, ProducerFactory(region=county))
    household = cast(Household, HouseholdFactory(region=place))
    member = cast(HouseholdMember, HouseholdMemberFactory(household=household))
    course = cast(Course, CourseFactory(region=county))
    enrolment = cast(Enrolment, EnrolmentFactory(course=course, member=member))
    assignment = MentorAssignment.objects.create(
        mentor=cast(User, UserFactory()), producer=shop, started_on=datetime.date(2025, 1, 1)
    )
    review = ListingQualityReview.objects.create(
        producer=shop, reviewed_on=datetime.date(2025, 1, 2)
    )
    return {
        Household: household,
        HouseholdMember: member,
        HouseholdIncome: HouseholdIncome.objects.create(
            household=household, year=2025, income_per_person=Decimal("4000")
        ),
        HouseholdProducerLink: HouseholdProducerLink.objects.create(
            household=household,
            producer=shop,
            kind=HouseholdLinkKind.MEMBER,
            started_on=datetime.date(2025, 1, 1),
        ),
        Course: course,
        Enrolment: enrolment,
        SubsidyClaim: SubsidyClaim.objects.create(
            enrolment=enrolment,
            amount_claimed=Decimal("1"),
            fee_paid_amount=Decimal("1"),
            status=ClaimStatus.SUBMITTED,
        ),
        MentorAssignment: assignment,
        MentorNote: MentorNote.objects.create(
            assignment=assignment, written_on=datetime.date(2025, 1, 3), body="记录"
        ),
        ListingQualityReview: review,
        ListingQualityScore: ListingQualityScore.objects.create(
            review=review, criterion="photos", score=3
        ),
        SupportRecord: SupportRecord.objects.create(
            kind="startup_grant",
            amount=Decimal("100"),
            granted_on=datetime.date(2025, 1, 1),
            household=household,
            region=place,
        ),
        Target: Target.objects.create(region=county, year=2025, metric="leaders", value=1),
    }


@pytest.fixture
def rows() -> tuple[dict[type, Any], dict[type, Any]]:
    ours = _records_in("621123", village())
    theirs = _records_in("621221", township("621221", "抛沙镇"))
    return ours, theirs


def _visible(user: Any, rows: tuple[dict[type, Any], dict[type, Any]]) -> dict[str, str]:
    ours, theirs = rows
    seen = {}
    for model in MODELS:
        pks = set(records_for(user, model).values_list("pk", flat=True))
        seen[model.__name__] = "".join(
            label for label, row in (("o", ours[model]), ("t", theirs[model])) if row.pk in pks
        )
    return seen


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("county", "o"),
        ("other_county", "t"),
        ("city", "o"),
        ("province", "ot"),
        ("platform", "ot"),
        ("superuser", "ot"),
        ("township", ""),
        ("staff_without_region", ""),
        ("not_staff_with_region", ""),
        ("customer", ""),
    ],
)
def test_records_for_each_role_sees_its_regions_only(rows, who, expected):
    # given
    county = Region.objects.get(code="621123")
    users = {
        "county": lambda: OperatorScopeFactory(region=county).user,
        "other_county": lambda: OperatorScopeFactory(region=Region.objects.get(code="621221")).user,
        "city": lambda: OperatorScopeFactory(region=county.parent).user,
        "province": lambda: OperatorScopeFactory(region=county.parent.parent).user,
        "platform": lambda: OperatorScopeFactory(region=None).user,
        "superuser": lambda: UserFactory(is_staff=True, is_superuser=True),
        # a township scope elsewhere in the county covers neither row
        "township": lambda: OperatorScopeFactory(region=township("621123", "清源镇")).user,
        "staff_without_region": lambda: UserFactory(is_staff=True),
        "not_staff_with_region": lambda: (
            OperatorScopeFactory(region=county, user=UserFactory(is_staff=False)).user
        ),
        "customer": lambda: UserFactory(),
    }
    user = users[who]()
    # when
    seen = _visible(user, rows)
    # then
    assert seen == dict.fromkeys((m.__name__ for m in MODELS), expected)


@pytest.mark.parametrize(
    "model",
    [m for m in MODELS if m not in (HouseholdIncome, ListingQualityScore)],
    ids=lambda m: m.__name__,
)
def test_admin_change_page_of_other_county_row_is_not_there(client, rows, model):
    # given a county operator of 621123 and the other county's row
    _ours, theirs = rows
    client.force_login(OperatorScopeFactory(region=Region.objects.get(code="621123")).user)
    name = model._meta.model_name
    # when
    listed = client.get(reverse(f"admin:programme_{name}_changelist"))
    page = client.get(reverse(f"admin:programme_{name}_change", args=[theirs[model].pk]))
    # then
    assert theirs[model].pk not in {row.pk for row in listed.context["cl"].result_list}
    assert page.status_code == 302  # "does not exist", the same as a missing row

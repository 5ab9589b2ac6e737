from __future__ import annotations

import datetime
from decimal import Decimal

import factory

from backend.programme.models import (
    Course,
    CourseTier,
    CourseTrack,
    Enrolment,
    Household,
    HouseholdMember,
    MemberRelation,
    PovertyStatus,
)
from backend.regions.loading import add_named_region
from backend.regions.models import Region, RegionLevel


def township(county_code: str = "621123", name: str = "阳光镇") -> Region:
    return add_named_region(Region.objects.get(code=county_code), name, RegionLevel.TOWNSHIP)


def village(county_code: str = "621123", name: str = "幸福村") -> Region:
    return add_named_region(township(county_code), name, RegionLevel.VILLAGE)


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    code = factory.Sequence(lambda n: f"HH-T{n:04d}")
    region = factory.LazyFunction(village)
    head_name = factory.Sequence(lambda n: f"王户主{n}")
    poverty_status = PovertyStatus.NEVER_REGISTERED
    baseline_year = 2024
    baseline_income_per_person = Decimal("3800.00")


class RegisteredHouseholdFactory(HouseholdFactory):
    poverty_status = PovertyStatus.REGISTERED
    registration_number = factory.Sequence(lambda n: f"6211230100{n:04d}")


class HouseholdMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HouseholdMember

    household = factory.SubFactory(HouseholdFactory)
    name = factory.Sequence(lambda n: f"王成员{n}")
    relation = MemberRelation.DISABLED_PERSON
    disability_category = 4
    disability_grade = 2


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    title = factory.Sequence(lambda n: f"网店开设基础班{n}")
    tier = CourseTier.COUNTY_BASIC
    track = CourseTrack.RUNNING_A_SHOP
    provider = "县职业技术学校"
    region = factory.LazyFunction(lambda: Region.objects.get(code="621123"))
    starts_on = datetime.date(2025, 3, 1)
    ends_on = datetime.date(2025, 3, 10)
    session_count = 5
    fee_amount = Decimal("800.00")
    is_certified = True


class EnrolmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrolment

    course = factory.SubFactory(CourseFactory)
    member = factory.SubFactory(HouseholdMemberFactory)
    person_name = factory.SelfAttribute("member.name")
    is_disabled = True
    enrolled_on = datetime.date(2025, 2, 20)

from __future__ import annotations

import factory
from stdnum.cn import ric

from backend.producers.models import Producer, ProducerKind
from backend.regions.models import Region


def make_resident_id(seq: int, birth: str = "19800101", area: str = "621123") -> str:
    body = f"{area}{birth}{seq % 1000:03d}"
    return body + ric.calc_check_digit(body)


def make_certificate(seq: int, category: int = 4, grade: int = 2) -> str:
    return f"{make_resident_id(seq)}{category}{grade}"


class ProducerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Producer

    kind = ProducerKind.COOPERATIVE
    name = factory.Sequence(lambda n: f"阳光合作社{n}")
    slug = factory.Sequence(lambda n: f"producer-{n}")
    story = "我们种植高山党参。"
    region = factory.LazyFunction(lambda: Region.objects.get(code="621123"))
    member_household_count = 12


class DisabledSellerFactory(ProducerFactory):
    kind = ProducerKind.DISABLED_INDIVIDUAL
    name = factory.Sequence(lambda n: f"小李的店{n}")
    disability_certificate_number = factory.Sequence(lambda n: make_certificate(n + 100))
    disability_category = 4
    disability_grade = 2
    member_household_count = 0


class PoorHouseholdFactory(ProducerFactory):
    kind = ProducerKind.POOR_HOUSEHOLD
    name = factory.Sequence(lambda n: f"王家小院{n}")
    poor_household_number = factory.Sequence(lambda n: f"6211230{n:08d}")
    member_household_count = 0

from __future__ import annotations

import factory

from backend.accounts.tests.factories import UserFactory
from backend.producers.tests.factories import ProducerFactory
from backend.regions.models import Region
from backend.sellers.models import (
    HelperGrant,
    HelperKind,
    HelperScope,
    OperatorScope,
    SellerMembership,
)


class HelperGrantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HelperGrant

    seller = factory.SubFactory(ProducerFactory)
    helper = factory.SubFactory(UserFactory, name=factory.Sequence(lambda n: f"志愿者{n}"))
    kind = HelperKind.VOLUNTEER
    scope = HelperScope.ALL


class SellerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SellerMembership

    seller = factory.SubFactory(ProducerFactory)
    user = factory.SubFactory(UserFactory)


class StaffFactory(UserFactory):
    is_staff = True
    name = factory.Sequence(lambda n: f"残联工作人员{n}")


class OperatorScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OperatorScope

    user = factory.SubFactory(StaffFactory)
    region = factory.LazyFunction(lambda: Region.objects.get(code="621123"))

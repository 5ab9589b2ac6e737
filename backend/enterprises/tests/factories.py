from __future__ import annotations

from typing import cast

import factory

from backend.accounts.models import User
from backend.accounts.tests.factories import UserFactory
from backend.enterprises.credit_code import complete_credit_code
from backend.enterprises.models import (
    DeliverySite,
    Enterprise,
    EnterpriseKind,
    EnterpriseMember,
    EnterpriseRole,
    EnterpriseStatus,
)
from backend.regions.models import Region
from backend.sellers.tests.factories import OperatorScopeFactory


def _credit_code(n: int) -> str:
    return complete_credit_code(f"91620000MA{n:07d}")


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    name = factory.Sequence(lambda n: f"阳光食堂管理有限公司{n}")
    slug = factory.Sequence(lambda n: f"enterprise-{n}")
    kind = EnterpriseKind.CANTEEN
    credit_code = factory.Sequence(_credit_code)
    region = factory.LazyFunction(lambda: Region.objects.get(code="620102"))
    contact_name = "王经理"
    contact_mobile = "13900001111"
    invoice_title = factory.SelfAttribute("name")
    status = EnterpriseStatus.VERIFIED


class EnterpriseMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnterpriseMember

    enterprise = factory.SubFactory(EnterpriseFactory)
    user = factory.SubFactory(
        UserFactory,
        email=factory.Sequence(lambda n: f"buyer{n}@enterprise.test"),
        mobile=factory.Sequence(lambda n: f"1370000{n:04d}"),
        name=factory.Sequence(lambda n: f"采购员{n}"),
    )
    role = EnterpriseRole.BUYER


class DeliverySiteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliverySite

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"中心厨房{n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="620102"))
    address_detail = "城关区天水路1号"
    contact_name = "李师傅"
    contact_mobile = "13900002222"


def new_operator(region_code: str | None = None) -> User:
    """An active staff user with an operator scope (a region code, or the whole country)."""
    region = None if region_code is None else Region.objects.get(code=region_code)
    return cast(User, OperatorScopeFactory(region=region).user)

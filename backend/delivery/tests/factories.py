from __future__ import annotations

import factory

from backend.delivery.models import PickupPoint, PickupPointKind, PickupPointStaff
from backend.regions.models import Region


class PickupPointFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PickupPoint
        skip_postgeneration_save = True

    kind = PickupPointKind.VILLAGE_STATION
    name = factory.Sequence(lambda n: f"测试村服务站{n}")
    region = factory.LazyFunction(lambda: Region.objects.get(code="621123"))
    address_detail = "村委会旁"
    opening_hours = "周一至周六 8:00–18:00"
    contact_name = "王站长"
    contact_phone = "0932-1234567"

    @factory.post_generation
    def couriers(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.couriers.set(extracted)  # type: ignore[attr-defined]


class PickupPointStaffFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PickupPointStaff

    pickup_point = factory.SubFactory(PickupPointFactory)
    user = factory.SubFactory("backend.accounts.tests.factories.UserFactory")

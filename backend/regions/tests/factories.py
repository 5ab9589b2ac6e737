from __future__ import annotations

import factory

from backend.regions.models import Region, RegionLevel


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"9{n:01d}"[-2:] if n < 10 else f"{90 + n % 10}")
    name = factory.Sequence(lambda n: f"测试省{n}")
    level = RegionLevel.PROVINCE
    province_code = factory.SelfAttribute("code")
    full_name = factory.SelfAttribute("name")


def county(code: str = "621123") -> Region:
    """An official county from the loaded code list (load_regions runs in the test database)."""
    return Region.objects.get(code=code)

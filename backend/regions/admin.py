"""Admin for administrative divisions, and the province filter other admins reuse.

There are thousands of regions: no admin lists them in a select box. Other admins pick a region
through autocomplete (searched by code prefix or name) and filter by province.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from backend.regions.models import Region, RegionLevel


def province_list_filter(field_path: str = "") -> type[admin.SimpleListFilter]:
    """A list filter by province for a model with a region foreign key at `field_path`.

    Filters on the region's denormalised `province_code`, so it costs no join per row and
    lists only the provinces (about 34), never the thousands of regions. An empty
    `field_path` filters regions themselves.
    """
    lookup = f"{field_path}__province_code" if field_path else "province_code"

    class ProvinceListFilter(admin.SimpleListFilter):
        title = _("province")
        parameter_name = "province"

        def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
            provinces = Region.objects.filter(level=RegionLevel.PROVINCE).order_by("code")
            return [(code or "", name) for code, name in provinces.values_list("code", "name")]

        def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
            code = self.value()
            if not code:
                return queryset
            return queryset.filter(**{lookup: code})

    return ProvinceListFilter


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "full_name")
    list_filter = ("level", province_list_filter())
    search_fields = ("code", "name", "full_name")
    list_select_related = ("parent",)
    autocomplete_fields = ("parent",)
    readonly_fields = ("province_code", "city_code", "county_code")
    show_full_result_count = False
    list_per_page = 50

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[Region], search_term: str
    ) -> tuple[QuerySet[Region], bool]:
        """Digits search codes by prefix (indexed); words search names. Either way one query
        over one table, without the OR-of-LIKEs the generic admin search would build."""
        term = search_term.strip()
        if not term:
            return queryset, False
        if term.isdigit():
            return queryset.filter(code__startswith=term), False
        condition = Q()
        for word in term.split():
            condition &= Q(name__contains=word) | Q(full_name__contains=word)
        return queryset.filter(condition), False

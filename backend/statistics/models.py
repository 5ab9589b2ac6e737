"""Summary tables of counted sales, kept exact by deferred refresh (see `summaries.py`).

Triggers on order lines, sub-orders, orders, producers and products write a `StaleMark` (a
producer, a supplying household reference, or both) in the same transaction as the change;
the next statistics read refreshes the marked shops' and households' summary rows from their
live order lines before it reads. `manage.py statistics_rebuild` recomputes every row (after a
bulk load, or after a change to the category tree or the region codes, which no trigger marks).

The tables carry plain integer ids, no foreign keys: they are derived data, rebuilt from the
lines, and a refresh deletes and re-inserts a shop's rows in one statement.
"""

from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models


class ShopSales(models.Model):
    """Counted sales of one shop in one month of a year in one top-level category."""

    producer_id = models.IntegerField()
    year = models.SmallIntegerField()
    month = models.SmallIntegerField()
    category_id = models.IntegerField(null=True)
    quantity = models.BigIntegerField()
    value = models.DecimalField(max_digits=16, decimal_places=2)
    household_value = models.DecimalField(max_digits=16, decimal_places=2)

    class Meta:
        indexes = [models.Index(fields=["year", "producer_id"], name="shopsales_year_producer")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(month__gte=1, month__lte=12), name="shopsales_month_valid"
            )
        ]


class ShopOrders(models.Model):
    """Counted shop orders (sub-orders) of one shop in one month of a year."""

    producer_id = models.IntegerField()
    year = models.SmallIntegerField()
    month = models.SmallIntegerField()
    orders = models.IntegerField()

    class Meta:
        indexes = [models.Index(fields=["year", "producer_id"], name="shoporders_year_producer")]


class HouseholdReach(models.Model):
    """One household reached in one area (a region and everything under it) in a year, with
    what reached it as sets: months (bit m), producer kinds (bit = position in ProducerKind),
    disability categories of the shops (bit = category, bit 0 = none), top-level categories
    and child-region keys (NULL = a shop registered at the area's own level).

    `area` is `summaries.area_key(region)`: p:<province code>, c:<city code>, k:<county code>,
    t:<township id>, v:<village id>. `household` is the 64-bit hash of the supplying
    household's reference, or minus the shop id for a shop that is itself a household.
    """

    year = models.SmallIntegerField()
    area = models.CharField(max_length=24)
    household = models.BigIntegerField()
    months = models.IntegerField()
    kinds = models.IntegerField()
    disabilities = models.IntegerField()
    categories = ArrayField(models.IntegerField(null=True))
    children = ArrayField(models.CharField(max_length=24, null=True))

    class Meta:
        indexes = [
            models.Index(fields=["year", "area"], name="householdreach_year_area"),
            models.Index(fields=["household"], name="householdreach_household"),
        ]


class StaleMark(models.Model):
    """A shop and/or a supplying household whose summary rows must be recomputed."""

    id = models.BigAutoField(primary_key=True)
    producer_id = models.IntegerField(null=True)
    household_ref = models.CharField(max_length=64, null=True)

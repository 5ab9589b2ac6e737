"""Who qualifies for each designation: one small named policy class per kind (Oscar's strategy
shape), each with its default figures in code. A region overrides figures with
`DesignationThreshold` rows; the most specific region up the tree wins, figure by figure.

Replace a policy in settings, e.g.
`DESIGNATION_POLICIES = {"leader": "myproject.policies.StricterLeaderPolicy"}`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from decimal import Decimal
from functools import cache
from typing import ClassVar

from django.conf import settings
from django.utils.module_loading import import_string

from backend.designations.models import DesignationKind, DesignationLevel, DesignationThreshold
from backend.producers.models import ProducerKind


class Subject:
    PRODUCER = "producer"
    ENTERPRISE = "enterprise"


@dataclass(frozen=True)
class Thresholds:
    """The figures one candidate is held to (None: that figure is not part of the test)."""

    min_sales_amount: Decimal | None = None
    min_households: int | None = None
    min_bases: int | None = None
    min_disabled_employees: int | None = None
    award_amount: Decimal = Decimal("0.00")


@dataclass(frozen=True)
class Figures:
    """What the ledger says about one candidate in one year."""

    sales_amount: Decimal = Decimal("0.00")
    households: int = 0
    disabled_households: int = 0
    driven_households: int = 0
    bases: int = 0
    disabled_employees: int = 0


class DesignationPolicy:
    kind: ClassVar[DesignationKind]
    subject: ClassVar[str] = Subject.PRODUCER
    # Producer kinds that may hold the designation (producer subjects only).
    producer_kinds: ClassVar[frozenset[str]] = frozenset(ProducerKind)
    # Enterprises may hold it too (employment bases).
    enterprises_too: ClassVar[bool] = False
    default_level: ClassVar[str] = DesignationLevel.COUNTY
    defaults: ClassVar[Thresholds]
    # Which households `min_households` counts: every supplying household, or only those of
    # the programme's records with a disabled member ("disabled_households").
    households_figure: ClassVar[str] = "households"

    def is_eligible(self, figures: Figures, thresholds: Thresholds) -> bool:
        return not self.shortfalls(figures, thresholds)

    def shortfalls(self, figures: Figures, thresholds: Thresholds) -> list[str]:
        """The names of the figures below their threshold (empty: eligible)."""
        missing: list[str] = []
        if (
            thresholds.min_sales_amount is not None
            and figures.sales_amount < thresholds.min_sales_amount
        ):
            missing.append("sales_amount")
        households = getattr(figures, self.households_figure)
        if thresholds.min_households is not None and households < thresholds.min_households:
            missing.append(self.households_figure)
        if thresholds.min_bases is not None and figures.bases < thresholds.min_bases:
            missing.append("bases")
        if (
            thresholds.min_disabled_employees is not None
            and figures.disabled_employees < thresholds.min_disabled_employees
        ):
            missing.append("disabled_employees")
        return missing

    def may_hold(self, *, subject: str, kind: str) -> bool:
        if subject == Subject.ENTERPRISE:
            return self.subject == Subject.ENTERPRISE or self.enterprises_too
        return self.subject == Subject.PRODUCER and kind in self.producer_kinds


class CountyDemonstrationHouseholdPolicy(DesignationPolicy):
    """县级示范户: a disabled seller or poor household selling ≥ 100,000 元 in the year."""

    kind = DesignationKind.COUNTY_DEMONSTRATION_HOUSEHOLD
    producer_kinds = frozenset({ProducerKind.DISABLED_INDIVIDUAL, ProducerKind.POOR_HOUSEHOLD})
    default_level = DesignationLevel.COUNTY
    defaults = Thresholds(min_sales_amount=Decimal("100000.00"), award_amount=Decimal("10000.00"))


class CityDemonstrationBasePolicy(DesignationPolicy):
    """市级示范基地: a base selling for ≥ 10 disabled households (supplying households with a
    disabled member in the programme's records) and ≥ 500,000 元 in the year."""

    kind = DesignationKind.CITY_DEMONSTRATION_BASE
    producer_kinds = frozenset(
        {ProducerKind.COOPERATIVE, ProducerKind.EMPLOYMENT_BASE, ProducerKind.ENTERPRISE_SHOP}
    )
    default_level = DesignationLevel.CITY
    households_figure = "disabled_households"
    defaults = Thresholds(
        min_sales_amount=Decimal("500000.00"), min_households=10, award_amount=Decimal("60000.00")
    )


class SourcingEnterprisePolicy(DesignationPolicy):
    """An enterprise buying directly (contract or quote deliveries it accepted) from ≥ 10
    bases in the year."""

    kind = DesignationKind.SOURCING_ENTERPRISE
    subject = Subject.ENTERPRISE
    default_level = DesignationLevel.CITY
    defaults = Thresholds(min_bases=10)
    # What counts as a base among the producers it bought from.
    base_kinds: ClassVar[frozenset[str]] = frozenset(
        {ProducerKind.COOPERATIVE, ProducerKind.EMPLOYMENT_BASE}
    )


class EmploymentBasePolicy(DesignationPolicy):
    """就业基地: ≥ 10 disabled employees (an employment base's count, or an enterprise's verified
    employment links for the year)."""

    kind = DesignationKind.EMPLOYMENT_BASE
    producer_kinds = frozenset({ProducerKind.EMPLOYMENT_BASE})
    enterprises_too = True
    default_level = DesignationLevel.CITY
    defaults = Thresholds(min_disabled_employees=10)


class LeaderPolicy(DesignationPolicy):
    """致富带头人: a producer driving ≥ 10 households (households supplying it, or linked to it as
    member, supplier or employee households in the programme's records)."""

    kind = DesignationKind.LEADER
    households_figure = "driven_households"
    default_level = DesignationLevel.COUNTY
    defaults = Thresholds(min_households=10)


DEFAULT_POLICIES: dict[str, type[DesignationPolicy]] = {
    policy.kind: policy
    for policy in (
        CountyDemonstrationHouseholdPolicy,
        CityDemonstrationBasePolicy,
        SourcingEnterprisePolicy,
        EmploymentBasePolicy,
        LeaderPolicy,
    )
}


@cache
def _policies(overrides: tuple[tuple[str, str], ...]) -> dict[str, DesignationPolicy]:
    classes = dict(DEFAULT_POLICIES)
    for kind, path in overrides:
        classes[kind] = import_string(path)
    return {kind: classes[kind]() for kind in DesignationKind}


def designation_policies() -> dict[str, DesignationPolicy]:
    """Every kind's policy, in the order of `DesignationKind`."""
    overrides = getattr(settings, "DESIGNATION_POLICIES", {}) or {}
    return _policies(tuple(sorted(overrides.items())))


def policy_for(kind: str) -> DesignationPolicy:
    return designation_policies()[kind]


def sourcing_base_kinds() -> frozenset[str]:
    policy = policy_for(DesignationKind.SOURCING_ENTERPRISE)
    return getattr(policy, "base_kinds", SourcingEnterprisePolicy.base_kinds)


@dataclass(frozen=True)
class RegionPath:
    """A candidate's place in the region tree, as read with its figures."""

    region_id: int
    parent_id: int | None
    province_code: str
    city_code: str
    county_code: str


_FIGURE_FIELDS = tuple(field.name for field in fields(Thresholds))


class ThresholdBook:
    """Every threshold row of the year's kinds, loaded once; answers for any region path."""

    def __init__(self, rows: Iterable[DesignationThreshold]) -> None:
        self._rows: dict[str, list[tuple[int, DesignationThreshold]]] = {}
        for row in rows:
            self._rows.setdefault(row.kind, []).append((_specificity(row), row))
        for entries in self._rows.values():
            entries.sort(key=lambda entry: entry[0])

    @classmethod
    def load(cls) -> ThresholdBook:
        return cls(DesignationThreshold.objects.select_related("region").order_by("pk"))

    def for_candidate(self, kind: str, path: RegionPath) -> Thresholds:
        thresholds = policy_for(kind).defaults
        for _rank, row in self._rows.get(kind, []):  # least specific first
            if _covers(row, path):
                changes = {
                    name: getattr(row, name)
                    for name in _FIGURE_FIELDS
                    if getattr(row, name) is not None
                }
                thresholds = replace(thresholds, **changes)
        return thresholds

    def lowest(self, kind: str) -> Thresholds:
        """The lowest figure any region asks for (to narrow the SQL before the exact test)."""
        candidates = [policy_for(kind).defaults]
        for _rank, row in self._rows.get(kind, []):
            candidates.append(row)  # type: ignore[arg-type]
        lowest: dict[str, object] = {}
        for name in ("min_sales_amount", "min_households", "min_bases", "min_disabled_employees"):
            values = [getattr(c, name) for c in candidates if getattr(c, name) is not None]
            # A figure some region leaves out of its test admits everyone on that figure.
            default_value = getattr(policy_for(kind).defaults, name)
            lowest[name] = min(values) if values and default_value is not None else None
        return Thresholds(**lowest)  # type: ignore[arg-type]


def _specificity(row: DesignationThreshold) -> int:
    return 0 if row.region is None else int(row.region.level)


def _covers(row: DesignationThreshold, path: RegionPath) -> bool:
    region = row.region
    if region is None:
        return True
    if region.pk in (path.region_id, path.parent_id):
        return True
    code = region.code or ""
    return bool(code) and code in (path.province_code, path.city_code, path.county_code)

"""Who is eligible for which designation in a year, with the evidence, in the operator's
regions. Figures come from `backend.designations.ledger` (set-based SQL); thresholds from the
policies and the regions' `DesignationThreshold` rows.

A list costs the same statements for one candidate or thousands: the thresholds, the year's
designations, the producers' figures and the enterprises' figures — one statement each.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from backend.accounts.models import User
from backend.designations.errors import DesignationError, DesignationErrorCode
from backend.designations.ledger import (
    BaseSupply,
    CandidateRow,
    HouseholdSupply,
    MonthSales,
    bases_supplying,
    employment_links,
    enterprise_figures,
    households_supplying,
    producer_figures,
    producer_sales_by_month,
)
from backend.designations.models import Designation, DesignationKind, DesignationStatus
from backend.designations.permissions import (
    DesignationAction,
    OperatorReach,
    designation_policy,
    narrowed,
)
from backend.designations.policies import (
    DesignationPolicy,
    Subject,
    ThresholdBook,
    Thresholds,
    designation_policies,
    policy_for,
    sourcing_base_kinds,
)
from backend.enterprises.models import BenefitLink
from backend.regions.models import Region


@dataclass(frozen=True)
class Candidate:
    kind: str
    row: CandidateRow
    thresholds: Thresholds
    shortfalls: tuple[str, ...]
    designation: Designation | None = None

    @property
    def eligible(self) -> bool:
        return not self.shortfalls

    @property
    def subject(self) -> str:
        return self.row.subject

    @property
    def subject_id(self) -> int:
        return self.row.subject_id

    @property
    def kind_label(self) -> str:
        return str(DesignationKind(self.kind).label)

    @property
    def policy(self) -> DesignationPolicy:
        return policy_for(self.kind)


def _kinds(kind: str | None) -> list[DesignationPolicy]:
    policies = designation_policies()
    if kind is None:
        return list(policies.values())
    if kind not in policies:
        raise DesignationError(DesignationErrorCode.NOT_FOUND, "no such designation kind")
    return [policies[kind]]


def _designations(
    year: int, reach: OperatorReach, kinds: list[str]
) -> dict[tuple[str, str, int], Designation]:
    rows = reach.designations.filter(
        year=year, kind__in=kinds, status=DesignationStatus.CONFIRMED
    ).order_by("pk")
    found: dict[tuple[str, str, int], Designation] = {}
    for designation in rows:
        if designation.producer_id is not None:
            found[(designation.kind, Subject.PRODUCER, designation.producer_id)] = designation
        else:
            found[(designation.kind, Subject.ENTERPRISE, designation.enterprise_id)] = designation  # type: ignore[index]
    return found


def _candidates_of(
    rows: list[CandidateRow],
    policies: list[DesignationPolicy],
    book: ThresholdBook,
    designations: dict[tuple[str, str, int], Designation],
    *,
    everyone: bool,
) -> list[Candidate]:
    found: list[Candidate] = []
    for row in rows:
        for policy in policies:
            if not policy.may_hold(subject=row.subject, kind=row.kind):
                continue
            thresholds = book.for_candidate(policy.kind, row.path)
            shortfalls = tuple(policy.shortfalls(row.figures, thresholds))
            designation = designations.get((policy.kind, row.subject, row.subject_id))
            if shortfalls and designation is None and not everyone:
                continue
            found.append(Candidate(policy.kind, row, thresholds, shortfalls, designation))
    return found


def eligibility_list(
    year: int, *, actor: User, kind: str | None = None, region: Region | None = None
) -> list[Candidate]:
    """The eligible candidates of the year in the actor's regions (within `region` when
    given), and those designated for it (even when no longer eligible), by kind then name."""
    policies = _kinds(kind)
    book = ThresholdBook.load()
    reach = narrowed(designation_policy.reach(actor, DesignationAction.VIEW_ELIGIBILITY), region)
    designations = _designations(year, reach, [policy.kind for policy in policies])
    return _collect(year, reach, policies, book, designations, producer_ids=None, everyone=False)


def _collect(
    year: int,
    reach: OperatorReach,
    policies: list[DesignationPolicy],
    book: ThresholdBook,
    designations: dict[tuple[str, str, int], Designation],
    *,
    producer_ids: list[int] | None,
    enterprise_ids: list[int] | None = None,
    everyone: bool,
) -> list[Candidate]:
    producer_policies = [p for p in policies if p.subject == Subject.PRODUCER]
    enterprise_policies = [
        p for p in policies if p.subject == Subject.ENTERPRISE or p.enterprises_too
    ]
    designated_producers = [k[2] for k in designations if k[1] == Subject.PRODUCER]
    designated_enterprises = [k[2] for k in designations if k[1] == Subject.ENTERPRISE]
    candidates: list[Candidate] = []
    if producer_policies and enterprise_ids is None:
        producers = reach.producers
        if producer_ids is not None:
            producers = producers.filter(pk__in=producer_ids)
        at_least = [
            (
                p.producer_kinds,
                Thresholds() if everyone else book.lowest(p.kind),
                p.households_figure,
            )
            for p in producer_policies
        ]
        rows = producer_figures(year, producers, at_least=at_least, also=designated_producers)
        candidates += _candidates_of(rows, producer_policies, book, designations, everyone=everyone)
    if enterprise_policies and producer_ids is None:
        enterprises = reach.enterprises
        if enterprise_ids is not None:
            enterprises = enterprises.filter(pk__in=enterprise_ids)
        lowest = {p.kind: book.lowest(p.kind) for p in enterprise_policies}
        sourcing = lowest.get(DesignationKind.SOURCING_ENTERPRISE)
        employment = lowest.get(DesignationKind.EMPLOYMENT_BASE)
        rows = enterprise_figures(
            year,
            enterprises,
            base_kinds=sourcing_base_kinds(),
            min_bases=None if sourcing is None else (0 if everyone else sourcing.min_bases or 0),
            min_employees=None
            if employment is None
            else (0 if everyone else employment.min_disabled_employees or 0),
            also=designated_enterprises,
        )
        candidates += _candidates_of(
            rows, enterprise_policies, book, designations, everyone=everyone
        )
    order = {kind: index for index, kind in enumerate(DesignationKind)}
    candidates.sort(key=lambda c: (order[c.kind], c.row.name, c.subject, c.subject_id))  # type: ignore[index]
    return candidates


@dataclass
class Evidence:
    candidate: Candidate
    months: list[MonthSales] = field(default_factory=list)
    households: list[HouseholdSupply] = field(default_factory=list)
    bases: list[BaseSupply] = field(default_factory=list)
    employment: list[BenefitLink] = field(default_factory=list)

    @property
    def months_total(self) -> Decimal:
        return sum((month.amount for month in self.months), Decimal("0.00"))


def candidate(
    year: int,
    kind: str,
    subject: str,
    subject_id: int,
    *,
    actor: User,
    region: Region | None = None,
) -> Candidate:
    """One subject measured against one kind, eligible or not, in the actor's regions.
    Raises DesignationError(NOT_FOUND) alike for "not in your regions", "does not exist" and
    "cannot hold this kind"."""
    policies = _kinds(kind)
    if subject not in (Subject.PRODUCER, Subject.ENTERPRISE):
        raise DesignationError(DesignationErrorCode.NOT_FOUND, "no such candidate")
    book = ThresholdBook.load()
    reach = narrowed(designation_policy.reach(actor, DesignationAction.VIEW_ELIGIBILITY), region)
    designations = {
        key: value
        for key, value in _designations(year, reach, [kind]).items()
        if key[1] == subject and key[2] == subject_id
    }
    found = _collect(
        year,
        reach,
        policies,
        book,
        designations,
        producer_ids=[subject_id] if subject == Subject.PRODUCER else None,
        enterprise_ids=[subject_id] if subject == Subject.ENTERPRISE else None,
        everyone=True,
    )
    if not found:
        raise DesignationError(DesignationErrorCode.NOT_FOUND, "no such candidate")
    return found[0]


def candidate_evidence(
    year: int,
    kind: str,
    subject: str,
    subject_id: int,
    *,
    actor: User,
    region: Region | None = None,
) -> Evidence:
    """The candidate with the evidence an operator reads before confirming."""
    found = candidate(year, kind, subject, subject_id, actor=actor, region=region)
    evidence = Evidence(found)
    if subject == Subject.PRODUCER:
        evidence.months = producer_sales_by_month(year, subject_id)
        evidence.households = households_supplying(year, subject_id)
    else:
        evidence.bases = bases_supplying(year, subject_id, base_kinds=sourcing_base_kinds())
        evidence.employment = employment_links(year, subject_id)
    return evidence

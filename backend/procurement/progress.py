"""Where a contract stands, line by line, exact to the cent: units contracted, scheduled and not
yet checked, shipped (delivered), accepted, rejected, outstanding, and the amount due
(accepted units × their unit price). One aggregate query for any number of contracts."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from backend.procurement.models import ContractLine, ProcurementOrderStatus

ZERO = Decimal("0.00")
OPEN = ProcurementOrderStatus.SCHEDULED
CHECKED = [
    ProcurementOrderStatus.ACCEPTED,
    ProcurementOrderStatus.PARTIALLY_ACCEPTED,
    ProcurementOrderStatus.REJECTED,
]


@dataclass(frozen=True)
class LineProgress:
    line_id: int
    contract_id: int
    product_name: str
    variant_name: str
    grade: str
    contracted: int
    pending: int
    delivered: int
    accepted: int
    rejected: int
    amount_due: Decimal

    @property
    def outstanding(self) -> int:
        return self.contracted - self.accepted - self.pending


@dataclass
class ContractProgress:
    lines: list[LineProgress] = field(default_factory=list)

    @property
    def contracted(self) -> int:
        return sum(line.contracted for line in self.lines)

    @property
    def pending(self) -> int:
        return sum(line.pending for line in self.lines)

    @property
    def delivered(self) -> int:
        return sum(line.delivered for line in self.lines)

    @property
    def accepted(self) -> int:
        return sum(line.accepted for line in self.lines)

    @property
    def rejected(self) -> int:
        return sum(line.rejected for line in self.lines)

    @property
    def outstanding(self) -> int:
        return sum(line.outstanding for line in self.lines)

    @property
    def amount_due(self) -> Decimal:
        return sum((line.amount_due for line in self.lines), ZERO)


def _sum(expression: object, condition: Q) -> Coalesce:
    return Coalesce(
        Sum(expression, filter=condition),  # type: ignore[arg-type]
        Value(0),
        output_field=IntegerField(),
    )


def contract_progress(contract_ids: Iterable[int]) -> dict[int, ContractProgress]:
    ids = sorted(set(contract_ids))
    status = "delivery_lines__procurement_order__status"
    live = Q(**{f"{status}__in": [OPEN, *CHECKED]})
    checked = Q(**{f"{status}__in": CHECKED})
    rows = (
        ContractLine.objects.filter(contract_id__in=ids)
        .values("pk", "contract_id", "grade", "quantity")
        .annotate(
            product_name=F("variant__product__name"),
            variant_name=F("variant__name"),
            pending=_sum(
                "delivery_lines__quantity", Q(delivery_lines__procurement_order__status=OPEN)
            ),
            delivered=_sum("delivery_lines__order_line__quantity_fulfilled", live),
            accepted=_sum("delivery_lines__quantity_accepted", checked),
            rejected=_sum(
                Case(
                    When(
                        checked,
                        then=F("delivery_lines__quantity") - F("delivery_lines__quantity_accepted"),
                    ),
                    default=Value(0),
                ),
                checked,
            ),
            amount_due=Coalesce(
                Sum("delivery_lines__accepted_amount", filter=checked), Value(ZERO)
            ),
        )
        .order_by("contract_id", "pk")
    )
    progress = {pk: ContractProgress() for pk in ids}
    for row in rows:
        progress[row["contract_id"]].lines.append(
            LineProgress(
                line_id=row["pk"],
                contract_id=row["contract_id"],
                product_name=row["product_name"],
                variant_name=row["variant_name"],
                grade=row["grade"],
                contracted=row["quantity"],
                pending=row["pending"],
                delivered=row["delivered"],
                accepted=row["accepted"],
                rejected=row["rejected"],
                amount_due=row["amount_due"],
            )
        )
    return progress

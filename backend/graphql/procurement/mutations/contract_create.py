"""`contractCreate`: an enterprise's buyer drafts a direct-sourcing contract with a producer."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.enterprises.models import Enterprise
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.procurement.errors import ContractError, procurement_errors
from backend.graphql.procurement.mutations.base import acting_user, contract_root
from backend.graphql.procurement.types import Contract
from backend.procurement.contracts import ContractLineInput, ContractTerms, create_contract
from backend.procurement.errors import ProcurementErrorCode
from backend.procurement.models import DeliveryFrequency, PriceRule
from backend.producers.models import Producer

CODE = ProcurementErrorCode


class ContractLineCreateInput(graphene.InputObjectType):
    variant = graphene.ID(required=True, description="The producer's product variant.")
    quantity = graphene.Int(required=True, description="Units over the whole period.")
    grade = graphene.String(description="Grade, like 一级.")
    floor_per_kg = graphene.String(
        description="The contract's own floor, yuan per kg (it can only raise operators' floors)."
    )


class ContractCreateInput(graphene.InputObjectType):
    enterprise = graphene.ID(required=True, description="The enterprise buying.")
    producer = graphene.ID(required=True, description="The producer, cooperative or base.")
    title = graphene.String(required=True)
    period_start = graphene.Date(required=True)
    period_end = graphene.Date(required=True)
    price_rule = graphene.String(description="max_market_floor (default) or market_plus_percent.")
    price_rule_percent = graphene.String(description="For market_plus_percent: 0 to 100.")
    delivery_frequency = graphene.String(description="weekly, monthly, quarterly or on_request.")
    delivery_site = graphene.ID(description="One of the enterprise's delivery sites.")
    quality_terms = graphene.String(required=True)
    payment_terms = graphene.String(required=True)
    payment_days = graphene.Int(description="Days to pay after the invoice (default 30).")
    lines = graphene.List(graphene.NonNull(ContractLineCreateInput), required=True)


def _decimal(value: str | None, field: str) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value).strip())
    except InvalidOperation:
        raise MutationErrors.of(
            CODE.INVALID, field=field, message=_("Enter a number, like 12.50.")
        ) from None


class ContractCreate(BaseMutation):
    contract = graphene.Field(Contract, description="The draft contract.")

    class Arguments:
        input = ContractCreateInput(required=True)

    class Meta:
        description = (
            "Draft a direct-sourcing contract (the enterprise's buyer or administrator). An "
            "enterprise the caller does not manage is NOT_FOUND."
        )
        error_type_class = ContractError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        enterprise = Enterprise.objects.filter(
            pk=from_global_id_or_error(values["enterprise"], "Enterprise")
        ).first()
        producer = Producer.objects.filter(
            pk=from_global_id_or_error(values["producer"], "Producer"), is_active=True
        ).first()
        if enterprise is None:
            raise MutationErrors.of(
                CODE.NOT_FOUND, field="enterprise", message=_("This enterprise does not exist.")
            )
        if producer is None:
            raise MutationErrors.of(
                CODE.NOT_FOUND, field="producer", message=_("This producer does not exist.")
            )
        rule = values.get("price_rule") or PriceRule.MAX_OF_MARKET_AND_FLOOR
        frequency = values.get("delivery_frequency") or DeliveryFrequency.MONTHLY
        if frequency not in DeliveryFrequency.values:
            raise MutationErrors.of(
                CODE.INVALID, field="deliveryFrequency", message=_("Choose how often to deliver.")
            )
        site = values.get("delivery_site")
        terms = ContractTerms(
            title=values["title"],
            period_start=values["period_start"],
            period_end=values["period_end"],
            quality_terms=values["quality_terms"],
            payment_terms=values["payment_terms"],
            price_rule=rule,
            price_rule_percent=_decimal(values.get("price_rule_percent"), "priceRulePercent")
            or Decimal("0"),
            delivery_frequency=frequency,
            payment_days=values.get("payment_days") or 30,
            delivery_site_id=from_global_id_or_error(site, "DeliverySite") if site else None,
        )
        lines = [
            ContractLineInput(
                variant_id=from_global_id_or_error(line["variant"], "ProductVariant"),
                quantity=line["quantity"],
                grade=line.get("grade") or "",
                floor_per_kg=_decimal(line.get("floor_per_kg"), f"lines.{index}.floorPerKg"),
            )
            for index, line in enumerate(values["lines"])
        ]
        with procurement_errors():
            contract = create_contract(
                enterprise, actor=user, producer=producer, terms=terms, lines=lines
            )
        return cls(contract=contract_root(contract.pk))

"""`purchaseRequestCreate`: a verified enterprise's buyer posts a bulk purchase request;
producers in the preferred region are told after commit."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

import graphene
from django.utils.translation import gettext_lazy as _
from graphql import GraphQLResolveInfo

from backend.catalog.models import Category
from backend.enterprises.lookups import EnterpriseNotVerified, access_enterprise
from backend.enterprises.models import DeliverySite, Enterprise
from backend.enterprises.permissions import EnterpriseAction
from backend.graphql.core.ids import from_global_id_or_error
from backend.graphql.core.mutations import BaseMutation, MutationErrors
from backend.graphql.sourcing.errors import SourcingError, sourcing_errors
from backend.graphql.sourcing.mutations.base import acting_user, not_found, request_root
from backend.graphql.sourcing.types import PurchaseRequest
from backend.regions.models import Region, RegionLevel
from backend.sourcing.errors import SourcingErrorCode
from backend.sourcing.requests import RequestDraft, not_verified_error, post_request

CODE = SourcingErrorCode


class PurchaseRequestCreateInput(graphene.InputObjectType):
    enterprise = graphene.ID(required=True)
    product_name = graphene.String(required=True)
    grade = graphene.String()
    quantity = graphene.String(required=True, description="A decimal, like 500 or 12.5.")
    unit = graphene.String(required=True, description="kg or unit")
    region_code = graphene.String(description="Official code of a province, city or county.")
    category = graphene.ID()
    deadline = graphene.Date(required=True, description="Quotes until this day.")
    delivery_site = graphene.ID(required=True)
    notes = graphene.String()


def _enterprise(user: Any, global_id: str) -> Enterprise:
    pk = from_global_id_or_error(global_id, "Enterprise")
    try:
        return access_enterprise(user, pk, EnterpriseAction.POST_REQUESTS)
    except Enterprise.DoesNotExist:
        raise not_found("enterprise", _("This enterprise does not exist.")) from None
    except EnterpriseNotVerified:
        error = not_verified_error()
        raise MutationErrors.of(error.code, field="enterprise", message=error.message) from None


class PurchaseRequestCreate(BaseMutation):
    purchase_request = graphene.Field(PurchaseRequest)

    class Arguments:
        input = PurchaseRequestCreateInput(required=True)

    class Meta:
        description = "Post a bulk purchase request (a verified enterprise's buyer or admin)."
        error_type_class = SourcingError
        login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: GraphQLResolveInfo, **data: Any) -> Any:
        user = acting_user(info)
        values = data["input"]
        enterprise = _enterprise(user, values["enterprise"])
        try:
            quantity = Decimal(str(values["quantity"]).strip())
        except InvalidOperation:
            raise MutationErrors.of(
                CODE.INVALID, field="quantity", message=_("Enter the quantity as a number.")
            ) from None
        site = DeliverySite.objects.filter(
            pk=from_global_id_or_error(values["delivery_site"], "DeliverySite"),
            enterprise_id=enterprise.pk,
        ).first()
        if site is None:
            raise not_found("deliverySite", _("Choose one of your delivery sites."))
        region = None
        if values.get("region_code"):
            region = Region.objects.filter(
                code=values["region_code"], level__lte=RegionLevel.COUNTY
            ).first()
            if region is None:
                raise MutationErrors.of(
                    CODE.INVALID, field="regionCode", message=_("No region has this code.")
                )
        category = None
        if values.get("category"):
            category = Category.objects.filter(
                pk=from_global_id_or_error(values["category"], "Category")
            ).first()
            if category is None:
                raise not_found("category", _("This category does not exist."))
        draft = RequestDraft(
            product_name=values["product_name"],
            quantity=quantity,
            unit=values["unit"],
            deadline=values["deadline"],
            delivery_site=site,
            grade=values.get("grade") or "",
            category=category,
            region=region,
            notes=values.get("notes") or "",
        )
        with sourcing_errors():
            request = post_request(enterprise, draft, actor=user)
        return cls(purchase_request=request_root(request.pk, user))

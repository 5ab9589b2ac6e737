"""Query cost, Saleor's idea (`query_cost_map.py`): every costed field adds its complexity,
multiplied by the `first`/`last` of each costed list it sits under.

    products(first: 50) { edges { node { variants { id } } } }
    = 50 × (1 [products] + 1 [variants]) = 100

Fields not in the cost map cost nothing themselves but their children still count. Fragments
are expanded; for a set of inline fragments on different types the dearest counts.
"""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
)
from graphql.execution.values import get_argument_values

from backend.graphql.core.errors import QueryCostError


def _connection(complexity: int = 1) -> dict[str, Any]:
    return {"complexity": complexity, "multipliers": ["first", "last"]}


ONE = {"complexity": 1}

COST_MAP: dict[str, dict[str, dict[str, Any]]] = {
    "Query": {
        "shop": ONE,
        "channel": ONE,
        "channels": ONE,
        "product": ONE,
        "products": _connection(),
        "productVariant": ONE,
        "category": ONE,
        "categories": _connection(),
        "collection": ONE,
        "collections": _connection(),
        "producer": ONE,
        "producers": _connection(),
        "regions": _connection(),
        "checkout": ONE,
        "me": ONE,
        "orderByToken": ONE,
        "batch": ONE,
        "pavilion": ONE,
        "pavilions": ONE,
        "regionalBrand": ONE,
        "regionalBrands": ONE,
        "campaign": ONE,
        "campaigns": ONE,
        "purchaseRequest": ONE,
        "purchaseRequests": _connection(),
        "myEnterprises": ONE,
        "pledges": _connection(),
        "contract": ONE,
        "contracts": _connection(),
        "statisticsRegions": ONE,
        "regionStatistics": {"complexity": 10},  # a region's year: a dozen aggregations
        "myTrainingEnrolments": ONE,  # the signed-in person's few course places
    },
    # Lists of objects added with zone, traceability and procurement: each priced once per row
    # of its parent, so nesting them under a page multiplies (backend/security/tests walk them).
    "Batch": {"qualityDocuments": ONE, "salesByProvince": ONE},
    "Campaign": {"featuredProducts": ONE},
    "Pavilion": {"photos": ONE, "featuredProducers": ONE, "featuredProducts": ONE},
    "RegionalBrand": {"pavilions": ONE},
    "Contract": {"lines": ONE, "deliveries": ONE},
    "RegionStatistics": {"tables": ONE, "table": ONE},
    "StatisticsTable": {"columns": ONE, "rows": ONE},
    "StatisticsRow": {"values": ONE},
    "ProcurementOrder": {"lines": ONE},
    "TrainingEnrolment": {"subsidyClaims": ONE},
    "PurchaseRequest": {"quotes": ONE},
    "Fulfillment": {"lines": ONE},
    "Product": {
        "attributes": ONE,
        "category": ONE,
        "collections": ONE,
        "defaultVariant": ONE,
        "isAvailable": ONE,
        "isAvailableForPurchase": ONE,
        "availableForPurchaseAt": ONE,
        "media": ONE,
        "pricing": ONE,
        "producer": ONE,
        "productType": ONE,
        "reviewCount": ONE,
        "reviews": _connection(),
        "tags": ONE,
        "thumbnail": ONE,
        "variants": ONE,
    },
    "ProductReview": {"photos": ONE},
    "ProductVariant": {
        "attributes": ONE,
        "media": ONE,
        "pricing": ONE,
        "product": ONE,
        "quantityAvailable": ONE,
    },
    "Category": {
        "backgroundImage": ONE,
        "children": _connection(),
        "parent": ONE,
        "products": _connection(),
    },
    "Collection": {
        "backgroundImage": ONE,
        "products": _connection(),
    },
    "Producer": {
        "logo": ONE,
        "products": _connection(),
        "rating": ONE,
        "region": ONE,
        "reviewCount": ONE,
        "reviews": _connection(),
        "shopLinks": ONE,
        "tags": ONE,
    },
    "Region": {"parent": ONE},
    "Address": {"region": ONE},
    "Checkout": {
        "availableCollectionPoints": ONE,
        "availablePaymentGateways": ONE,
        "availableShippingMethods": ONE,
        "channel": ONE,
        "deliveryMethod": ONE,
        "lines": ONE,
        "parcels": ONE,
        "problems": ONE,
        "shippingMethod": ONE,
        "shippingMethods": ONE,
        "user": ONE,
    },
    "CheckoutLine": {"problems": ONE, "variant": ONE},
    "CheckoutLineProblemInsufficientStock": {"variant": ONE},
    "CheckoutParcel": {"lines": ONE, "producer": ONE},
    "User": {
        "checkoutIds": ONE,
        "checkoutTokens": ONE,
        "checkouts": _connection(),
        "orders": _connection(),
    },
    "Order": {
        "channel": ONE,
        "deliveryUpdates": ONE,
        "fulfillments": ONE,
        "lines": ONE,
        "subOrders": ONE,
        "user": ONE,
    },
    "OrderLine": {"producer": ONE, "variant": ONE},
    "SubOrder": {"deliveryUpdates": ONE, "fulfillments": ONE, "lines": ONE, "producer": ONE},
    "ProductCreate": {"product": ONE},
    "ProductUpdate": {"product": ONE},
    "ProductChannelListingUpdate": {"product": ONE},
    "ProductVariantCreate": {"productVariant": ONE},
    "ProductVariantStocksUpdate": {"productVariant": ONE},
    "ProductMediaCreate": {"product": ONE, "media": ONE},
    "OrderFulfill": {"fulfillments": ONE},
}


class CostCalculator:
    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any] | None,
        cost_map: dict[str, dict[str, dict[str, Any]]] = COST_MAP,
    ) -> None:
        self.schema = schema
        self.variables = variables or {}
        self.cost_map = cost_map
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }

    def operation_cost(self, operation: OperationDefinitionNode) -> int:
        root = self.schema.get_root_type(operation.operation)
        if root is None:
            return 0
        return self._selection_cost(operation.selection_set, root, 1, frozenset())

    def _selection_cost(
        self,
        selection_set: SelectionSetNode | None,
        parent_type: GraphQLNamedType,
        multiplier: int,
        seen: frozenset[str],
    ) -> int:
        if selection_set is None:
            return 0
        total = 0
        by_type: dict[str, int] = {}
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self._field_cost(selection, parent_type, multiplier, seen)
            elif isinstance(selection, InlineFragmentNode | FragmentSpreadNode):
                fragment = self._fragment(selection, seen)
                if fragment is None:
                    continue
                type_name, sub_selection, sub_seen = fragment
                fragment_type = self.schema.get_type(type_name) if type_name else parent_type
                if fragment_type is None:
                    continue
                cost = self._selection_cost(sub_selection, fragment_type, multiplier, sub_seen)
                by_type[fragment_type.name] = by_type.get(fragment_type.name, 0) + cost
        return total + max(by_type.values(), default=0)

    def _fragment(
        self, node: InlineFragmentNode | FragmentSpreadNode, seen: frozenset[str]
    ) -> tuple[str | None, SelectionSetNode, frozenset[str]] | None:
        if isinstance(node, InlineFragmentNode):
            type_name = node.type_condition.name.value if node.type_condition else None
            return type_name, node.selection_set, seen
        name = node.name.value
        definition = self.fragments.get(name)
        if definition is None or name in seen:
            return None
        return definition.type_condition.name.value, definition.selection_set, seen | {name}

    def _field_cost(
        self, node: FieldNode, parent_type: GraphQLNamedType, multiplier: int, seen: frozenset[str]
    ) -> int:
        if not isinstance(parent_type, GraphQLObjectType | GraphQLInterfaceType):
            return 0
        field_def = parent_type.fields.get(node.name.value)
        if field_def is None:
            return 0
        entry = self.cost_map.get(parent_type.name, {}).get(node.name.value)
        cost = 0
        child_multiplier = multiplier
        if entry is not None:
            factor = self._multiplier(field_def, node, entry.get("multipliers", []))
            child_multiplier = multiplier * factor
            cost = entry.get("complexity", 1) * child_multiplier
        child_type = get_named_type(field_def.type)
        return cost + self._selection_cost(node.selection_set, child_type, child_multiplier, seen)

    def _multiplier(self, field_def: Any, node: FieldNode, names: list[str]) -> int:
        if not names:
            return 1
        try:
            args = get_argument_values(field_def, node, self.variables)
        except Exception:  # invalid arguments are reported by validation, not here
            args = {}
        values = [args.get(name) for name in names]
        total = sum(v for v in values if isinstance(v, int) and v > 0)
        return max(total, 1)


def query_cost(
    schema: GraphQLSchema, document: DocumentNode, variables: dict[str, Any] | None
) -> int:
    calculator = CostCalculator(schema, document, variables)
    return sum(
        calculator.operation_cost(d)
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode)
    )


def cost_extensions(cost: int, maximum: int) -> dict[str, Any]:
    return {"cost": {"requestedQueryCost": cost, "maximumAvailable": maximum}}


def cost_error(cost: int, maximum: int) -> QueryCostError:
    return QueryCostError(
        f"The query exceeds the maximum cost of {maximum}. Actual cost is {cost}.",
        extensions=cost_extensions(cost, maximum),
    )

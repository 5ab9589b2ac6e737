"""The GraphQL schema: Saleor 3's storefront names and shapes, plus Sunshine Market's
producers, regions and per-producer sub-orders. See views.py for the execution model."""

from __future__ import annotations

import graphene

from backend.graphql.account.schema import AccountMutations, AccountQueries
from backend.graphql.catalog.schema import CatalogQueries
from backend.graphql.channel.schema import ChannelQueries
from backend.graphql.checkout.schema import CheckoutMutations, CheckoutQueries
from backend.graphql.enterprises.schema import EnterpriseMutations, EnterpriseQueries
from backend.graphql.order.schema import OrderQueries
from backend.graphql.procurement.schema import ProcurementMutations, ProcurementQueries
from backend.graphql.producers.schema import ProducerQueries
from backend.graphql.programme.schema import ProgrammeMutations, ProgrammeQueries
from backend.graphql.regions.schema import RegionQueries
from backend.graphql.reviews.schema import ReviewMutations
from backend.graphql.seller.schema import SellerMutations
from backend.graphql.shop.schema import ShopQueries
from backend.graphql.sourcing.schema import SourcingMutations, SourcingQueries
from backend.graphql.statistics.schema import StatisticsQueries
from backend.graphql.traceability.schema import TraceabilityQueries
from backend.graphql.zone.schema import ZoneQueries


class Query(
    RegionQueries,
    ProducerQueries,
    CatalogQueries,
    ChannelQueries,
    ShopQueries,
    CheckoutQueries,
    AccountQueries,
    OrderQueries,
    ProcurementQueries,
    EnterpriseQueries,
    SourcingQueries,
    ZoneQueries,
    TraceabilityQueries,
    StatisticsQueries,
    ProgrammeQueries,
):
    pass


class Mutation(
    CheckoutMutations,
    AccountMutations,
    SellerMutations,
    ReviewMutations,
    ProcurementMutations,
    EnterpriseMutations,
    SourcingMutations,
    ProgrammeMutations,
):
    pass


schema = graphene.Schema(query=Query, mutation=Mutation)

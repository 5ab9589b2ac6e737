"""The GraphQL schema: Saleor 3's storefront names and shapes, plus Sunshine Market's
producers and regions. Read-only for now; see views.py for the execution model."""

from __future__ import annotations

import graphene

from backend.graphql.catalog.schema import CatalogQueries
from backend.graphql.channel.schema import ChannelQueries
from backend.graphql.producers.schema import ProducerQueries
from backend.graphql.regions.schema import RegionQueries
from backend.graphql.shop.schema import ShopQueries


class Query(RegionQueries, ProducerQueries, CatalogQueries, ChannelQueries, ShopQueries):
    pass


schema = graphene.Schema(query=Query)

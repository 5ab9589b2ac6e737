from django.apps import AppConfig


class GraphQLConfig(AppConfig):
    name = "backend.graphql"
    label = "graphql_api"

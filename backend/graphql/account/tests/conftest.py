from backend.graphql.checkout.tests.fixtures import (  # noqa: F401
    api,
    courier,
    customer,
    customer_token,
    password,
    variant,
    variant_maker,
)

"""The bench's URLconf: the site's own URLs, then the floors under /__floor__/.

The floors come last, so every page of the site resolves exactly as in production.
"""

from __future__ import annotations

from django.urls import path

from backend.config.urls import urlpatterns as site_urlpatterns
from backend.demo.bench import floor_views

FLOOR_PREFIX = "__floor__"

urlpatterns = [
    *site_urlpatterns,
    path(
        f"{FLOOR_PREFIX}/category/<slug:slug>/", floor_views.category_floor, name="floor-category"
    ),
    path(f"{FLOOR_PREFIX}/product/<str:slug>/", floor_views.product_floor, name="floor-product"),
    path(
        f"{FLOOR_PREFIX}/graphql/products/",
        floor_views.graphql_products_floor,
        name="floor-graphql-products",
    ),
]

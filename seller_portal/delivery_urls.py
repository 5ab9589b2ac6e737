from django.urls import URLPattern, URLResolver, path

from seller_portal.views import parcels

SHOP = "shop/<int:producer_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(SHOP + "parcels/<int:sub_order_id>/step/", parcels.parcel_step, name="parcel_step"),
    path("pickup-points/", parcels.pickup_point_list, name="pickup_points"),
    path(
        "pickup-points/<int:point_id>/",
        parcels.pickup_point_parcels,
        name="pickup_point_parcels",
    ),
    path(
        "pickup-points/<int:point_id>/parcels/<int:sub_order_id>/",
        parcels.pickup_point_step,
        name="pickup_point_step",
    ),
]

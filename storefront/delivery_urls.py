from django.urls import URLPattern, URLResolver, path

from storefront import delivery_views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "account/orders/<uuid:token>/parcels/<int:sub_order_id>/received/",
        delivery_views.parcel_received,
        name="parcel_received",
    ),
]

from django.urls import URLPattern, URLResolver, path

from storefront import zone_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("zone/", zone_views.zone, name="zone"),
    # A county's official code (621123) or the pavilion's slug.
    path("zone/<str:key>/", zone_views.pavilion, name="pavilion"),
    path("brands/<slug:slug>/", zone_views.brand, name="brand"),
    path("campaigns/<slug:slug>/", zone_views.campaign, name="campaign"),
    path("campaigns/<slug:slug>/add/", zone_views.campaign_add, name="campaign_add"),
]

"""Quote pages under `shop/<id>/quotes/` (kept off the product URLs' catch-all)."""

from django.urls import URLPattern, URLResolver, path

from seller_portal.views import quotes

QUOTES = "shop/<int:producer_id>/quotes/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(QUOTES, quotes.quote_list, name="quote_list"),
    path(QUOTES + "requests/<int:request_id>/", quotes.request_detail, name="quote_request"),
    path(QUOTES + "<int:quote_id>/withdraw/", quotes.quote_withdraw, name="quote_withdraw"),
]

"""Buyers' reviews in the portal, under the shop (`SHOP + "reviews/..."`, never under a
product, whose one-segment paths are questions)."""

from django.urls import URLPattern, URLResolver, path

from seller_portal.views import reviews

SHOP = "shop/<int:producer_id>/"
REVIEW = SHOP + "reviews/<int:review_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(SHOP + "reviews/", reviews.review_list, name="reviews"),
    path(REVIEW + "answer/", reviews.review_answer, name="review_answer"),
    path(REVIEW + "report/", reviews.review_report, name="review_report"),
]

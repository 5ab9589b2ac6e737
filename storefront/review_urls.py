from django.urls import URLPattern, URLResolver, path

from storefront import review_views

urlpatterns: list[URLPattern | URLResolver] = [
    path(
        "account/orders/<uuid:token>/lines/<int:line_id>/review/",
        review_views.write_review,
        name="review_write",
    ),
    path("product/<str:slug>/reviews/", review_views.product_reviews, name="product_reviews"),
]

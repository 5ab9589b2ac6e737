from django.urls import URLPattern, URLResolver, path

from storefront import trace_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("trace/<str:code>/", trace_views.batch, name="batch"),
    path(
        "trace/<str:code>/certificates/<uuid:public_id>/",
        trace_views.batch_certificate,
        name="batch_certificate",
    ),
    # Product slugs may be Chinese (allow_unicode): any text without a slash.
    path("product/<str:slug>/batches/", trace_views.product_batches, name="product_batches"),
    path("stories/", trace_views.story_list, name="stories"),
    path("stories/<slug:slug>/", trace_views.story, name="story"),
]

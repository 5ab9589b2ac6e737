from django.urls import path

from storefront import views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("category/<slug:slug>/", views.category, name="category"),
    # Product slugs may be Chinese (allow_unicode): any text without a slash.
    path("product/<str:slug>/", views.product, name="product"),
    path("shop/<slug:slug>/", views.shop, name="shop"),
]

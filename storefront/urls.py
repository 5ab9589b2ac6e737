from django.urls import include, path

from storefront import account_views, checkout_views, views

app_name = "storefront"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("category/<slug:slug>/", views.category, name="category"),
    # Product slugs may be Chinese (allow_unicode): any text without a slash.
    path("product/<str:slug>/", views.product, name="product"),
    path("shop/<slug:slug>/", views.shop, name="shop"),
    # Cart and checkout
    path("cart/", checkout_views.cart, name="cart"),
    path("cart/lines/<int:line_id>/", checkout_views.cart_line_update, name="cart_line_update"),
    path(
        "cart/lines/<int:line_id>/remove/",
        checkout_views.cart_line_remove,
        name="cart_line_remove",
    ),
    path("checkout/", checkout_views.checkout_start, name="checkout"),
    path("checkout/contact/", checkout_views.checkout_contact, name="checkout_contact"),
    path("checkout/province/", checkout_views.checkout_province, name="checkout_province"),
    path("checkout/address/", checkout_views.checkout_address, name="checkout_address"),
    path("checkout/delivery/", checkout_views.checkout_delivery, name="checkout_delivery"),
    path("checkout/payment/", checkout_views.checkout_payment, name="checkout_payment"),
    path("checkout/review/", checkout_views.checkout_review, name="checkout_review"),
    path(
        "checkout/confirmation/<uuid:token>/",
        checkout_views.order_confirmation,
        name="order_confirmation",
    ),
    path("checkout/pay/<uuid:token>/", account_views.pay, name="checkout_pay"),
    # A buyer's account
    path("account/login/", account_views.sign_in, name="login"),
    path("account/logout/", account_views.sign_out, name="logout"),
    path("account/orders/", account_views.orders, name="orders"),
    path("account/orders/<uuid:token>/", account_views.order, name="order"),
    # zone, pavilions, campaigns; reviews; batch pages and stories; pickup points; privacy
    path("", include("storefront.zone_urls")),
    path("", include("storefront.review_urls")),
    path("", include("storefront.trace_urls")),
    path("", include("storefront.delivery_urls")),
    path("", include("storefront.privacy_urls")),
]

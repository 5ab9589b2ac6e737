from django.urls import path

from seller_portal.views import (
    account,
    earnings,
    home,
    new_product,
    orders,
    photos,
    product_questions,
    products,
)

app_name = "seller_portal"

SHOP = "shop/<int:producer_id>/"
PRODUCT = SHOP + "products/<int:product_id>/"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    # orders and earnings
    path(SHOP + "orders/", orders.order_list, name="order_list"),
    path(SHOP + "orders/<int:sub_order_id>/", orders.order_detail, name="order_detail"),
    path(
        SHOP + "orders/<int:sub_order_id>/packing-slip/",
        orders.packing_slip,
        name="packing_slip",
    ),
    path(SHOP + "earnings/", earnings.earnings, name="earnings"),
    # products
    path(SHOP + "products/", products.product_list, name="product_list"),
    path(SHOP + "products/new/check/", new_product.new_product_check, name="new_product_check"),
    path(SHOP + "products/new/<slug:step>/", new_product.new_product_step, name="new_product_step"),
    path(PRODUCT, products.product_detail, name="product_detail"),
    path(PRODUCT + "publish/", products.product_publish, name="product_publish"),
    path(PRODUCT + "variants/new/", product_questions.variant_add, name="variant_add"),
    path(
        PRODUCT + "variants/<int:variant_id>/<slug:question>/",
        product_questions.variant_question,
        name="variant_question",
    ),
    path(PRODUCT + "photos/new/", photos.photo_add, name="photo_add"),
    path(PRODUCT + "photos/<int:media_id>/", photos.photo_describe, name="photo_describe"),
    path(PRODUCT + "photos/<int:media_id>/move/", photos.photo_move, name="photo_move"),
    path(PRODUCT + "photos/<int:media_id>/delete/", photos.photo_delete, name="photo_delete"),
    path(PRODUCT + "<slug:question>/", product_questions.product_question, name="product_question"),
]

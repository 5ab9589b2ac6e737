from django.urls import path

from seller_portal.views import account, earnings, home, orders

app_name = "seller_portal"
urlpatterns = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    path("shop/<int:producer_id>/orders/", orders.order_list, name="order_list"),
    path(
        "shop/<int:producer_id>/orders/<int:sub_order_id>/",
        orders.order_detail,
        name="order_detail",
    ),
    path(
        "shop/<int:producer_id>/orders/<int:sub_order_id>/packing-slip/",
        orders.packing_slip,
        name="packing_slip",
    ),
    path("shop/<int:producer_id>/earnings/", earnings.earnings, name="earnings"),
]

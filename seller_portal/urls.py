from django.urls import include, path

from seller_portal.views import (
    account,
    activity,
    confirmations,
    earnings,
    helper_grants,
    home,
    new_product,
    open_shop,
    orders,
    photos,
    product_questions,
    products,
    profile,
    refunds,
    verification,
)

app_name = "seller_portal"

SHOP = "shop/<int:producer_id>/"
PRODUCT = SHOP + "products/<int:product_id>/"
APPLICATION = SHOP + "verification/<int:application_id>/"

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    # signing up and opening a shop
    path("signup/", account.sign_up, name="sign_up"),
    path("signup/shop/check/", open_shop.open_shop_check, name="open_shop_check"),
    path("signup/shop/<slug:step>/", open_shop.open_shop_step, name="open_shop_step"),
    # shop profile
    path(SHOP + "profile/", profile.profile, name="profile"),
    path(SHOP + "profile/logo/", profile.logo, name="logo"),
    path(SHOP + "profile/logo/describe/", profile.logo_describe, name="logo_describe"),
    path(SHOP + "profile/logo/remove/", profile.logo_remove, name="logo_remove"),
    path(SHOP + "profile/links/new/", profile.link_add, name="link_add"),
    path(SHOP + "profile/links/<int:link_id>/remove/", profile.link_remove, name="link_remove"),
    path(SHOP + "profile/<slug:question>/", profile.profile_question, name="profile_question"),
    # verification
    path(SHOP + "verification/", verification.overview, name="verification"),
    path(SHOP + "verification/new/", verification.start, name="verification_start"),
    path(APPLICATION, verification.application_detail, name="verification_application"),
    path(APPLICATION + "submit/", verification.submit, name="verification_submit"),
    path(APPLICATION + "resubmit/", verification.resubmit, name="verification_resubmit"),
    path(APPLICATION + "withdraw/", verification.withdraw, name="verification_withdraw"),
    path(APPLICATION + "renew/", verification.renew, name="verification_renew"),
    # helpers, confirmations and activity
    path(SHOP + "helpers/", helper_grants.helper_list, name="helpers"),
    path(SHOP + "helpers/new/", helper_grants.helper_add, name="helper_add"),
    path(SHOP + "helpers/<int:grant_id>/scope/", helper_grants.helper_scope, name="helper_scope"),
    path(
        SHOP + "helpers/<int:grant_id>/revoke/", helper_grants.helper_revoke, name="helper_revoke"
    ),
    path(SHOP + "confirmations/", confirmations.confirmation_list, name="confirmations"),
    path(
        SHOP + "confirmations/<int:request_id>/",
        confirmations.confirmation_decide,
        name="confirmation_decide",
    ),
    path(SHOP + "activity/", activity.activity, name="activity"),
    # orders and earnings
    path(SHOP + "orders/", orders.order_list, name="order_list"),
    path(SHOP + "orders/<int:sub_order_id>/", orders.order_detail, name="order_detail"),
    path(
        SHOP + "orders/<int:sub_order_id>/packing-slip/",
        orders.packing_slip,
        name="packing_slip",
    ),
    path(
        SHOP + "orders/<int:sub_order_id>/refund/",
        refunds.refund,
        name="order_refund",
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
    # reviews, batches and stories, delivery, contracts, quotes
    path("", include("seller_portal.review_urls")),
    path("", include("seller_portal.batch_urls")),
    path("", include("seller_portal.delivery_urls")),
    path("", include("seller_portal.contract_urls")),
    path("", include("seller_portal.quote_urls")),
]

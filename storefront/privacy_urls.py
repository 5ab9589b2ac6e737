from django.urls import URLPattern, URLResolver, path

from storefront import privacy_views

urlpatterns: list[URLPattern | URLResolver] = [
    path("account/privacy/", privacy_views.privacy, name="privacy"),
    path("account/privacy/download/", privacy_views.privacy_download, name="privacy_download"),
    path("account/privacy/delete/", privacy_views.account_delete, name="account_delete"),
    path("account/deleted/", privacy_views.account_deleted, name="account_deleted"),
    path("account/password-reset/", privacy_views.password_reset, name="password_reset"),
    path(
        "account/password-reset/sent/",
        privacy_views.password_reset_sent,
        name="password_reset_sent",
    ),
    path(
        "account/password-reset/done/",
        privacy_views.password_reset_complete,
        name="password_reset_complete",
    ),
    path(
        "account/password-reset/<uidb64>/<token>/",
        privacy_views.password_reset_confirm,
        name="password_reset_confirm",
    ),
]

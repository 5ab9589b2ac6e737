from django.apps import AppConfig


class SellerPortalConfig(AppConfig):
    name = "seller_portal"

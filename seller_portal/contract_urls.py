"""Contract pages under `shop/<id>/contracts/` (kept off the product URLs' catch-all)."""

from django.urls import URLPattern, URLResolver, path

from seller_portal.views import contracts

CONTRACTS = "shop/<int:producer_id>/contracts/"
CONTRACT = CONTRACTS + "<int:contract_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(CONTRACTS, contracts.contract_list, name="contract_list"),
    path(CONTRACT, contracts.contract_detail, name="contract_detail"),
    path(CONTRACT + "sign/", contracts.contract_sign, name="contract_sign"),
    path(CONTRACT + "terminate/", contracts.contract_terminate, name="contract_terminate"),
    path(CONTRACT + "deliveries/new/", contracts.delivery_new, name="contract_delivery_new"),
    path(CONTRACT + "pdf/", contracts.contract_pdf, name="contract_pdf"),
]

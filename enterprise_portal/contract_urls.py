from django.urls import URLPattern, URLResolver, path

from enterprise_portal.views import contracts

CONTRACTS = "<int:enterprise_id>/contracts/"
CONTRACT = CONTRACTS + "<int:contract_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path(CONTRACTS, contracts.contract_list, name="contract_list"),
    path(CONTRACTS + "new/", contracts.contract_new, name="contract_new"),
    path(CONTRACTS + "new/<int:producer_id>/", contracts.contract_draft, name="contract_draft"),
    path(CONTRACT, contracts.contract_detail, name="contract_detail"),
    path(CONTRACT + "terminate/", contracts.contract_terminate, name="contract_terminate"),
    path(CONTRACT + "pdf/", contracts.contract_pdf, name="contract_pdf"),
    path(CONTRACT + "deliveries/new/", contracts.delivery_new, name="contract_delivery_new"),
    path(
        CONTRACT + "deliveries/<int:delivery_id>/",
        contracts.delivery_check,
        name="contract_delivery",
    ),
    path(CONTRACT + "<slug:step>/", contracts.contract_step, name="contract_step"),
]

from django.urls import URLPattern, URLResolver, include, path

from enterprise_portal.views import (
    account,
    home,
    members,
    pledges,
    quote_deliveries,
    registration,
    requests,
)

app_name = "enterprise_portal"

ENTERPRISE = "<int:enterprise_id>/"
REQUEST = ENTERPRISE + "requests/<int:request_id>/"
QUOTE = REQUEST + "quotes/<int:quote_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    path("register/", registration.register, name="register"),
    path("register/details/", registration.register_details, name="register_details"),
    path("register/place/", registration.register_place, name="register_place"),
    path("register/county/", registration.register_county, name="register_county"),
    path(ENTERPRISE, home.enterprise_overview, name="enterprise"),
    path(ENTERPRISE + "details/", home.enterprise_profile, name="enterprise_profile"),
    # members, sites, invoice details
    path(ENTERPRISE + "members/", members.member_list, name="member_list"),
    path(ENTERPRISE + "members/new/", members.member_add, name="member_add"),
    path(
        ENTERPRISE + "members/<int:member_id>/remove/",
        members.member_remove,
        name="member_remove",
    ),
    path(ENTERPRISE + "sites/", members.site_list, name="site_list"),
    path(ENTERPRISE + "sites/new/", members.site_edit, name="site_new"),
    path(ENTERPRISE + "sites/<int:site_id>/", members.site_edit, name="site_edit"),
    path(ENTERPRISE + "invoice/", members.invoice_details, name="invoice_details"),
    # purchase requests and quotes
    path(ENTERPRISE + "requests/", requests.request_list, name="request_list"),
    path(ENTERPRISE + "requests/new/", requests.request_new, name="request_new"),
    path(REQUEST, requests.request_detail, name="request_detail"),
    path(REQUEST + "end/", requests.request_end, name="request_end"),
    path(QUOTE + "accept/", requests.quote_accept, name="quote_accept"),
    path(QUOTE + "decline/", requests.quote_decline, name="quote_decline"),
    path(
        ENTERPRISE + "quote-deliveries/<int:delivery_id>/",
        quote_deliveries.quote_delivery,
        name="quote_delivery",
    ),
    # pledges and the benefit-link register
    path(ENTERPRISE + "pledges/", pledges.pledge_list, name="pledge_list"),
    path(ENTERPRISE + "pledges/new/", pledges.pledge_declare, name="pledge_declare"),
    path(
        ENTERPRISE + "pledges/<int:year>/statement.<str:fmt>",
        pledges.pledge_statement,
        name="pledge_statement",
    ),
    path(ENTERPRISE + "households/", pledges.benefit_links, name="benefit_links"),
    path("", include("enterprise_portal.contract_urls")),
]

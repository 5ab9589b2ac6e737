from django.urls import URLPattern, URLResolver, include, path

from enterprise_portal.views import account, home, registration

app_name = "enterprise_portal"

ENTERPRISE = "<int:enterprise_id>/"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", home.home, name="home"),
    path("login/", account.sign_in, name="sign_in"),
    path("logout/", account.sign_out, name="sign_out"),
    path("register/", registration.register, name="register"),
    path("register/details/", registration.register_details, name="register_details"),
    path("register/place/", registration.register_place, name="register_place"),
    path("register/county/", registration.register_county, name="register_county"),
    path(ENTERPRISE, home.enterprise_overview, name="enterprise"),
    path("", include("enterprise_portal.contract_urls")),
]

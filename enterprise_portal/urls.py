from django.urls import URLPattern, URLResolver, include, path

app_name = "enterprise_portal"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", include("enterprise_portal.contract_urls")),
]

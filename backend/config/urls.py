from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from backend.graphql.views import graphql_view
from backend.observability.health import live_view, ready_view
from backend.observability.metrics import metrics_view
from backend.security.media import media_file

urlpatterns = [
    re_path(r"^health/live/?$", live_view, name="health_live"),
    re_path(r"^health/ready/?$", ready_view, name="health_ready"),
    path("metrics", metrics_view, name="metrics"),
    path("graphql/", graphql_view, name="graphql"),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("payments/", include("backend.payments.urls")),
    path("evidence/", include("backend.verification.urls")),
    path(f"{settings.MEDIA_URL.lstrip('/')}renditions/", include("backend.images.urls")),
    re_path(r"^{}(?P<path>.*)$".format(settings.MEDIA_URL.lstrip("/")), media_file),
]
urlpatterns += i18n_patterns(
    path("seller/", include("seller_portal.urls")),
    path("enterprise/", include("enterprise_portal.urls")),
    path("programme/", include("programme_portal.urls")),
    path("", include("storefront.urls")),
    prefix_default_language=False,
)

"""Test-only urlconf: the project's routes with the rendition route placed before the plain
media route, as the project urlconf is asked to do (see the report to the lead)."""

from django.conf import settings
from django.urls import include, path

from backend.config import urls as project_urls
from backend.images.renditions import RENDITION_DIR

urlpatterns = [
    path(f"{settings.MEDIA_URL.lstrip('/')}{RENDITION_DIR}/", include("backend.images.urls")),
    *project_urls.urlpatterns,
]

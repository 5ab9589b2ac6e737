"""Mounted by the project urlconf at MEDIA_URL + "renditions/", before the plain media route."""

from django.urls import re_path

from backend.images.views import rendition_view

urlpatterns = [
    re_path(
        r"^(?P<size>[a-z]+)/(?P<source>.+)\.(?P<fmt>[a-z]+)$",
        rendition_view,
        name="image-rendition",
    ),
]

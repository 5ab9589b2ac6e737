"""Mounted by the project urlconf at `evidence/` (outside MEDIA_URL)."""

from django.urls import path

from backend.verification.views import evidence_file

app_name = "verification"

urlpatterns = [
    path("<uuid:public_id>/", evidence_file, name="evidence"),
]

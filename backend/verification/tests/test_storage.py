"""Evidence files live outside the public media folder, under random names, with no URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.core.checks import Error

from backend.sellers.tests.scenarios import People
from backend.verification.checks import check_evidence_root_is_private
from backend.verification.storage import evidence_storage
from backend.verification.tests.scenarios import submitted_application

pytestmark = pytest.mark.django_db


def test_added_evidence_is_stored_under_the_private_root_with_a_random_name(
    people: People, evidence_root: Path
):
    # given / when
    application = submitted_application(people)
    evidence = application.evidence.get()
    # then
    path = Path(evidence.file.path)
    assert evidence_root in path.parents
    assert Path(settings.MEDIA_ROOT).resolve() not in path.parents
    assert "残疾人证" not in evidence.file.name
    assert len(path.stem) == 32
    assert path.suffix == ".png"
    assert evidence.original_name == "残疾人证.png"


def test_evidence_storage_has_no_url():
    # given / when / then
    with pytest.raises(ValueError, match="no public URL"):
        evidence_storage().url("ab/abc.png")


def test_media_route_does_not_serve_evidence(people: People, client):
    # given
    evidence = submitted_application(people).evidence.get()
    client.force_login(people.user("owner"))
    # when
    response = client.get(f"{settings.MEDIA_URL}{evidence.file.name}")
    # then
    assert response.status_code == 404


def test_system_check_refuses_evidence_inside_media_root(settings):
    # given
    settings.VERIFICATION_EVIDENCE_ROOT = Path(settings.MEDIA_ROOT) / "evidence"
    # when
    errors = check_evidence_root_is_private()
    # then
    assert [e.id for e in errors if isinstance(e, Error)] == ["verification.E001"]


def test_system_check_accepts_the_default_private_root(settings):
    # given
    del settings.VERIFICATION_EVIDENCE_ROOT
    # when / then
    assert check_evidence_root_is_private() == []

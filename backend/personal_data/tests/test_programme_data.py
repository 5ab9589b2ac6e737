"""Programme records in the download and the deletion: household membership, training,
subsidy claims, cadre assignments; the programme's counts are unchanged."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db.models import Count, Q, Sum

from backend.personal_data.erasure import delete_account, deletion_blockers
from backend.personal_data.export import collect_personal_data
from backend.personal_data.registry import ERASED_NAME
from backend.personal_data.tests.scenarios import new_user
from backend.producers.tests.factories import make_certificate
from backend.programme.models import (
    ClaimStatus,
    Enrolment,
    Household,
    HouseholdMember,
    SubsidyClaim,
)
from backend.programme.tests.factories import (
    EnrolmentFactory,
    HouseholdFactory,
    HouseholdMemberFactory,
)

pytestmark = pytest.mark.django_db


def _programme_counts() -> dict[str, object]:
    return {
        "disabled_members": list(
            HouseholdMember.objects.filter(disability_category__isnull=False)
            .values("disability_category", "disability_grade", "sex", "birth_year")
            .annotate(n=Count("pk"))
            .order_by("disability_category")
        ),
        "trained": Enrolment.objects.filter(completed=True).aggregate(
            n=Count("pk"), disabled=Count("pk", filter=Q(is_disabled=True))
        ),
        "claims": list(
            SubsidyClaim.objects.values("status").annotate(s=Sum("amount_claimed")).order_by()
        ),
        "households": list(
            Household.objects.values("poverty_status").annotate(n=Count("pk")).order_by()
        ),
    }


@pytest.fixture
def person(db):  # type: ignore[no-untyped-def]
    user = new_user(name="赵成员", email="zhao@example.test")
    member = HouseholdMemberFactory(
        user=user, name="赵成员", disability_certificate_number=make_certificate(7), sex="female"
    )
    enrolment = EnrolmentFactory(
        member=member,
        user=user,
        person_name="赵成员",
        completed=True,
        completed_on=datetime.date(2025, 3, 10),
    )
    enrolment.certificate.save("cert.pdf", ContentFile(b"%PDF-1.4 certificate"), save=True)
    HouseholdFactory(cadre_user=user, cadre_name="赵成员", cadre_phone="13900007777")
    return user, member, enrolment


def test_collect_personal_data_lists_programme_records_with_masked_number(person) -> None:  # type: ignore[no-untyped-def]
    # given
    user, member, _enrolment = person

    # when
    programme = collect_personal_data(user)["sections"]["programme"]

    # then
    (membership,) = programme["household_memberships"]
    assert membership["name"] == "赵成员"
    assert member.disability_certificate_number not in str(programme)
    assert programme["training"][0]["certificate_uploaded"] is True
    assert programme["households_assisted_as_cadre"][0]["your_phone"] == "13900007777"


def test_delete_account_erases_programme_identity_and_keeps_the_counts(
    person,
    django_capture_on_commit_callbacks,  # type: ignore[no-untyped-def]
) -> None:
    # given
    user, member, enrolment = person
    certificate = Path(enrolment.certificate.path)
    before = _programme_counts()

    # when
    with django_capture_on_commit_callbacks(execute=True):
        delete_account(user, actor=user)

    # then
    member.refresh_from_db()
    enrolment.refresh_from_db()
    assert (member.name, member.user_id) == (ERASED_NAME, None)
    assert member.disability_certificate_number == ""
    assert member.disability_certificate_number_hash == ""
    assert (enrolment.person_name, enrolment.certificate.name) == (ERASED_NAME, "")
    assert not certificate.exists()
    assert not Household.objects.filter(cadre_phone="13900007777").exists()
    assert _programme_counts() == before


def test_deletion_blockers_subsidy_claim_waiting_for_a_decision(person) -> None:  # type: ignore[no-untyped-def]
    # given
    user, _member, enrolment = person
    SubsidyClaim.objects.create(
        enrolment=enrolment,
        amount_claimed=Decimal("300.00"),
        fee_paid_amount=Decimal("800.00"),
        submitted_by=user,
        status=ClaimStatus.SUBMITTED,
    )

    # when
    blockers = deletion_blockers(user)

    # then
    assert [b.code for b in blockers] == ["subsidy_claim_open"]

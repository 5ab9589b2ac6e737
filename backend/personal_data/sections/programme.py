"""Programme records about the person (backend.programme): their household membership, their
training enrolments with certificates and subsidy claims, the households they assist as a
cadre, and their mentoring.

Deletion keeps what the programme's figures count — a member's relation, disability category
and grade, year of birth and sex (people with disabilities in a household), completed
enrolments with `is_disabled` ("disabled people trained"), claim amounts and decisions — and
removes who the person was: member name → "已注销用户", certificate number and lookup hash,
enrolment name and certificate file (deleted after commit), a cadre's name and phone on the
households they assist. Claim receipts of approved claims stay (the subsidy paid out must be
accountable); those of rejected claims are deleted. A claim still waiting for a decision holds
the deletion back. Mentoring assignments end; mentors' notes stay (they are about the shop).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from backend.accounts.models import User
from backend.personal_data.registry import (
    ERASED_NAME,
    Erasure,
    ErasureBlocker,
    ErasureBlockerCode,
    PersonalDataSection,
)
from backend.producers.identity import mask_identity
from backend.programme.models import (
    ClaimStatus,
    Enrolment,
    Household,
    HouseholdMember,
    MentorAssignment,
    SubsidyClaim,
)


class ProgrammeSection(PersonalDataSection):
    key = "programme"

    def export(self, user: User) -> dict[str, Any]:
        members = HouseholdMember.objects.filter(user=user).select_related("household__region")
        enrolments = (
            Enrolment.objects.filter(user=user)
            .select_related("course")
            .prefetch_related("subsidy_claims")
            .order_by("enrolled_on", "pk")
        )
        assisted = Household.objects.filter(cadre_user=user).select_related("region")
        mentoring = MentorAssignment.objects.filter(mentor=user).select_related("producer")
        return {
            "household_memberships": [
                {
                    "household": member.household.code,
                    "village": member.household.region.name,
                    "name": member.name,
                    "relation": member.relation,
                    "disability_category": member.disability_category,
                    "disability_grade": member.disability_grade,
                    "disability_certificate_number_masked": mask_identity(
                        member.disability_certificate_number
                    ),
                    "birth_year": member.birth_year,
                    "sex": member.sex,
                }
                for member in members
            ],
            "training": [
                {
                    "course": enrolment.course.title,
                    "name_on_record": enrolment.person_name,
                    "enrolled": enrolment.enrolled_on,
                    "sessions_attended": enrolment.sessions_attended,
                    "completed_on": enrolment.completed_on,
                    "certificate_uploaded": bool(enrolment.certificate),
                    "subsidy_claims": [
                        {
                            "claimed": str(claim.amount_claimed),
                            "fee_paid": str(claim.fee_paid_amount),
                            "status": claim.status,
                            "submitted": claim.submitted_at,
                            "reason": claim.decision_note,
                        }
                        for claim in enrolment.subsidy_claims.all()
                    ],
                }
                for enrolment in enrolments
            ],
            "households_assisted_as_cadre": [
                {"household": h.code, "village": h.region.name, "your_phone": h.cadre_phone}
                for h in assisted
            ],
            "mentoring": [
                {"shop": a.producer.name, "from": a.started_on, "until": a.ended_on}
                for a in mentoring
            ],
        }

    def blockers(self, user: User) -> list[ErasureBlocker]:
        waiting = SubsidyClaim.objects.filter(
            Q(enrolment__user=user) | Q(submitted_by=user), status=ClaimStatus.SUBMITTED
        ).count()
        if not waiting:
            return []
        message = _(
            "Your training subsidy claim is waiting for a decision. Wait for the decision "
            "(or ask the federation to withdraw the claim), then delete your account."
        )
        return [ErasureBlocker(ErasureBlockerCode.SUBSIDY_CLAIM_OPEN, message, waiting)]

    def erase(self, user: User, erasure: Erasure) -> None:
        members = HouseholdMember.objects.filter(user=user)
        for member in members:
            member.name = ERASED_NAME
            member.disability_certificate_number = ""
            member.user = None
            member.save(
                update_fields=[
                    "name",
                    "disability_certificate_number",
                    "disability_certificate_number_hash",
                    "user",
                ]
            )
            erasure.count("household_memberships", 1)
        enrolments = Enrolment.objects.filter(user=user)
        for enrolment in enrolments.exclude(certificate=""):
            erasure.remove_file_after_commit(enrolment.certificate)
        erasure.count(
            "enrolments",
            enrolments.update(
                person_name=ERASED_NAME,
                certificate="",
                certificate_content_type="",
                certificate_size=None,
            ),
        )
        rejected = SubsidyClaim.objects.filter(
            enrolment__user=user, status=ClaimStatus.REJECTED
        ).exclude(evidence="")
        for claim in rejected:
            erasure.remove_file_after_commit(claim.evidence)
        rejected.update(evidence="", evidence_content_type="")
        erasure.count(
            "households_assisted",
            Household.objects.filter(cadre_user=user).update(
                cadre_name="", cadre_phone="", cadre_user=None
            ),
        )
        MentorAssignment.objects.filter(mentor=user, ended_on__isnull=True).update(
            ended_on=timezone.localdate()
        )

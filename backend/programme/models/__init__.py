from backend.programme.models.households import (
    EVER_REGISTERED,
    Household,
    HouseholdIncome,
    HouseholdLinkKind,
    HouseholdMember,
    HouseholdProducerLink,
    HouseholdQuerySet,
    MemberRelation,
    PovertyStatus,
    Sex,
)
from backend.programme.models.incubation import (
    MAX_CRITERION_SCORE,
    ListingCriterion,
    ListingQualityReview,
    ListingQualityScore,
    MentorAssignment,
    MentorNote,
)
from backend.programme.models.support import SupportKind, SupportRecord
from backend.programme.models.targets import Target, TargetMetric
from backend.programme.models.training import (
    ClaimStatus,
    Course,
    CourseTier,
    CourseTrack,
    Enrolment,
    SubsidyClaim,
)

__all__ = [
    "EVER_REGISTERED",
    "MAX_CRITERION_SCORE",
    "ClaimStatus",
    "Course",
    "CourseTier",
    "CourseTrack",
    "Enrolment",
    "Household",
    "HouseholdIncome",
    "HouseholdLinkKind",
    "HouseholdMember",
    "HouseholdProducerLink",
    "HouseholdQuerySet",
    "ListingCriterion",
    "ListingQualityReview",
    "ListingQualityScore",
    "MemberRelation",
    "MentorAssignment",
    "MentorNote",
    "PovertyStatus",
    "Sex",
    "SubsidyClaim",
    "SupportKind",
    "SupportRecord",
    "Target",
    "TargetMetric",
]

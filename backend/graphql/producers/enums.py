from __future__ import annotations

import graphene

from backend.producers.models import ProducerKind
from backend.verification.models import VerificationKind

ProducerKindEnum = graphene.Enum(
    "ProducerKindEnum",
    [(kind.name, kind.value) for kind in ProducerKind],
    description="What kind of seller a producer is.",
)

VerificationTagCodeEnum = graphene.Enum(
    "VerificationTagCodeEnum",
    [(kind.name, kind.value) for kind in VerificationKind],
    description="Sunshine Market: what a producer was verified as by the platform or a "
    "disability federation (registered poor household, disabled seller, cooperative, "
    "poverty-alleviation base).",
)

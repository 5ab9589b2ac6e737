from __future__ import annotations

import graphene

from backend.producers.models import ProducerKind

ProducerKindEnum = graphene.Enum(
    "ProducerKindEnum",
    [(kind.name, kind.value) for kind in ProducerKind],
    description="What kind of seller a producer is.",
)

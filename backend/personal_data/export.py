"""A person's download of everything the platform holds about them (PIPL's right of access).

One JSON file, built from every section of the personal-data policy (a fixed number of queries
whatever the number of orders or reviews), and an audit row saying it was downloaded (how many
rows of each section, never the data).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from backend.accounts.models import User
from backend.personal_data.errors import NotYourData
from backend.personal_data.events import personal_data_exported_event
from backend.personal_data.registry import get_personal_data_policy

FORMAT = "sunshine-market-personal-data/1"


@dataclass(frozen=True)
class PersonalDataFile:
    filename: str
    content: bytes
    content_type: str = "application/json; charset=utf-8"


def collect_personal_data(user: User) -> dict[str, Any]:
    """Every section's data about the person (no audit row: see `export_personal_data`)."""
    sections = {
        section.key: section.export(user) for section in get_personal_data_policy().sections()
    }
    return {"format": FORMAT, "exported_at": timezone.now(), "sections": sections}


def _rows(value: Any) -> int:
    return len(value) if isinstance(value, list) else 1


def export_personal_data(user: User, *, actor: User) -> PersonalDataFile:
    """The person's own data as a downloadable file; raises NotYourData for anyone else."""
    if actor.pk != user.pk or not user.is_active:
        raise NotYourData
    data = collect_personal_data(user)
    with transaction.atomic(durable=True):
        personal_data_exported_event(
            user, actor=actor, sections={k: _rows(v) for k, v in data["sections"].items()}
        )
    content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    stamp = timezone.localdate().isoformat()
    return PersonalDataFile(f"sunshine-market-my-data-{stamp}.json", content.encode("utf-8"))

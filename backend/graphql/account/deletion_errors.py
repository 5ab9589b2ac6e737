"""What stops an account deletion, as payload errors (one per blocker, codes as the service's)."""

from __future__ import annotations

from backend.graphql.core.mutations import FieldError, MutationErrors
from backend.personal_data.registry import ErasureBlocker


def blocked(blockers: list[ErasureBlocker]) -> MutationErrors:
    return MutationErrors([FieldError(b.code.value, None, b.message) for b in blockers])

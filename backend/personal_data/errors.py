"""Why a download or a deletion cannot go ahead."""

from __future__ import annotations

from backend.personal_data.registry import ErasureBlocker


class AccountDeletionBlocked(Exception):
    """Something is in flight; nothing was changed. `blockers` say what and what to do."""

    def __init__(self, blockers: list[ErasureBlocker]) -> None:
        self.blockers = blockers
        super().__init__(", ".join(blocker.code for blocker in blockers))


class AccountAlreadyDeleted(Exception):
    """The account was deleted already (a second click, or a second tab)."""


class NotYourData(Exception):
    """Only the person may download or delete their own data."""


class NoEmailAddress(Exception):
    """The account has no e-mail address to send a confirmation link to."""

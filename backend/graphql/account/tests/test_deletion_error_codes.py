from __future__ import annotations

from backend.graphql.account.errors import AccountErrorCode
from backend.personal_data.registry import ErasureBlockerCode


def test_every_deletion_blocker_code_is_an_account_error_code() -> None:
    # given
    blocker_codes = {code.value for code in ErasureBlockerCode}

    # when
    known = {code.value for code in AccountErrorCode}

    # then
    assert blocker_codes <= known

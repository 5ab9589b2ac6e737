"""Every sign-in the demo loaders make after accounts.yaml, in the order `demo_logins` prints."""

from __future__ import annotations

from backend.demo.accounts import LOADER_LOGINS, DemoLogin
from backend.demo.loading.privacy import PRIVACY_BUYERS
from backend.demo.loading.progrec import PROGREC_LOGINS
from backend.demo.loading.progstats import PROGSTATS_LOGINS

PRIVACY_LOGINS = tuple(
    DemoLogin(buyer.email, "customer", "", (), about)
    for buyer, about in zip(
        PRIVACY_BUYERS,
        ("may delete the account /account/privacy/", "an unpaid order holds deletion back"),
        strict=True,
    )
)


def every_loader_login() -> tuple[DemoLogin, ...]:
    return (*LOADER_LOGINS, *PROGSTATS_LOGINS, *PROGREC_LOGINS, *PRIVACY_LOGINS)

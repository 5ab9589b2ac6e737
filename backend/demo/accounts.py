"""Demo sign-ins: the platform operator (superuser), a county operator (staff, scoped to one
county by `backend.demo.loading.people`), sellers who own demo shops, a helper, a customer.

They all use DEMO_PASSWORD, which `manage.py demo_logins` prints. The password is set when an
account is created; a later load leaves a changed password alone.
"""

from __future__ import annotations

from dataclasses import dataclass

from backend.accounts.models import User
from backend.demo.definitions import AccountDef
from backend.producers.models import Producer

DEMO_PASSWORD = "sunshine-demo-2024"
ROLE_LABELS = {
    "operator": "operator (superuser)",
    "county_operator": "county operator (staff)",
    "seller": "seller",
    "helper": "helper",
    "customer": "customer",
}


@dataclass(frozen=True)
class DemoLogin:
    login: str
    role: str
    name: str
    shops: tuple[str, ...]
    about: str = ""


def load_demo_accounts(accounts: tuple[AccountDef, ...]) -> list[User]:
    users: list[User] = []
    for account in accounts:
        lookup = {"email": account.email} if account.email else {"mobile": account.login}
        user = User.objects.filter(**lookup).first()
        if user is None:
            user = User(**lookup)
            user.set_password(DEMO_PASSWORD)
        user.name = account.name
        user.is_staff = account.role in ("operator", "county_operator")
        user.is_superuser = account.role == "operator"
        user.is_active = True
        user.save()
        if account.shop_slugs:
            Producer.objects.filter(slug__in=account.shop_slugs).update(owner=user)
        users.append(user)
    return users


def demo_logins(accounts: tuple[AccountDef, ...]) -> list[DemoLogin]:
    return [
        DemoLogin(
            login=account.login,
            role=ROLE_LABELS.get(account.role, account.role),
            name=account.name,
            shops=account.shop_slugs or account.helps,
            about=account.about,
        )
        for account in accounts
    ]


# Sign-ins made by the later demo loaders (enterprises, contracts, delivery, reviews), all with
# DEMO_PASSWORD; `manage.py demo_logins` prints them after the accounts of accounts.yaml.
LOADER_LOGINS = (
    DemoLogin(
        "canteen-admin@demo.sunshine.test", "enterprise admin", "", (), "陇原阳光团餐 /enterprise/"
    ),
    DemoLogin(
        "canteen-buyer@demo.sunshine.test", "enterprise buyer", "", (), "requests, contracts"
    ),
    DemoLogin(
        "canteen-approver@demo.sunshine.test", "enterprise approver", "", (), "signs contracts"
    ),
    DemoLogin(
        "canteen-finance@demo.sunshine.test", "enterprise finance", "", (), "pledge, statements"
    ),
    DemoLogin(
        "canteen-staff@demo.sunshine.test",
        "enterprise staff",
        "",
        (),
        "purchases count to the pledge",
    ),
    DemoLogin(
        "agri-admin@demo.sunshine.test", "enterprise admin", "", (), "甘肃绿源 leading enterprise"
    ),
    DemoLogin("agri-buyer@demo.sunshine.test", "enterprise buyer", "", (), ""),
    DemoLogin(
        "link-operator@demo.sunshine.test", "operator (staff)", "", (), "verifies benefit links"
    ),
    DemoLogin(
        "station@demo.sunshine.test",
        "pickup-point staff",
        "",
        (),
        "酒仙桥社区自提点 /seller/pickup-points/",
    ),
    DemoLogin("reviewer-wu@demo.sunshine.test", "customer", "", (), "wrote reviews"),
    DemoLogin("reviewer-zheng@demo.sunshine.test", "customer", "", (), "wrote reviews"),
)

"""`manage.py demo_logins --host H --port P`: where to go and how to sign in to the demo."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from backend.demo.accounts import DEMO_PASSWORD, demo_logins
from backend.demo.definitions import demo_data
from backend.demo.loading.logins import every_loader_login

PAGES = (
    ("Storefront", "/"),
    ("Seller portal", "/seller/"),
    ("Enterprise portal", "/enterprise/"),
    ("Special-products zone", "/zone/"),
    ("Programme statistics", "/programme/"),
    ("GraphQL API", "/graphql/"),
    ("Admin", "/admin/"),
)


class Command(BaseCommand):
    help = "Print the demo URLs and the demo sign-ins."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", default="8000")

    def handle(self, *args: Any, **options: Any) -> None:
        base = f"http://{options['host']}:{options['port']}"
        width = max(len(label) for label, _ in PAGES)
        lines = ["", "Sunshine Market (阳光集市) is ready:"]
        lines += [f"  {label:<{width}}  {base}{path}" for label, path in PAGES]
        logins = [*demo_logins(demo_data().accounts), *every_loader_login()]
        login_width = max(len(login.login) for login in logins)
        lines += ["", f"Demo sign-ins (password for all: {DEMO_PASSWORD}):"]
        role_width = max(len(login.role) for login in logins)
        for login in logins:
            about = f"  {login.about}" if login.about else ""
            lines.append(f"  {login.login:<{login_width}}  {login.role:<{role_width}}{about}")
        lines.append("")
        self.stdout.write("\n".join(lines))

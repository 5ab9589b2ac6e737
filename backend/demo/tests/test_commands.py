from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from backend.demo.accounts import DEMO_PASSWORD
from backend.demo.definitions import demo_data


def test_demo_logins_host_and_port_printed_with_every_page_and_login() -> None:
    # given a host and a port
    out = StringIO()

    # when the command runs
    call_command("demo_logins", host="127.0.0.1", port="8104", stdout=out)

    # then it prints the four entry points and the demo sign-ins with the password
    text = out.getvalue()
    for path in ("/", "/seller/", "/graphql/", "/admin/"):
        assert f"http://127.0.0.1:8104{path}" in text
    assert "operator@demo.sunshine.test" in text
    assert "operator (superuser)" in text
    assert DEMO_PASSWORD in text


def test_demo_logins_every_demo_person_printed_with_a_line_on_their_role() -> None:
    # given the demo definitions
    out = StringIO()

    # when the command runs
    call_command("demo_logins", stdout=out)

    # then each sign-in has its own line with its role and what it is for
    lines = out.getvalue().splitlines()
    for account in demo_data().accounts:
        [line] = [line for line in lines if f" {account.login} " in line]
        assert account.about
        assert line.rstrip().endswith(account.about)
    text = out.getvalue()
    for role in ("county operator (staff)", "helper", "seller", "customer"):
        assert role in text


def test_loader_logins_each_sign_in_with_the_demo_password(demo) -> None:  # type: ignore[no-untyped-def]
    # given the demo loaded with every later loader
    from django.contrib.auth import authenticate

    from backend.demo.accounts import DEMO_PASSWORD
    from backend.demo.loading.logins import every_loader_login

    # when
    failed = [
        login.login
        for login in every_loader_login()
        if authenticate(None, username=login.login, password=DEMO_PASSWORD) is None
    ]

    # then
    assert failed == []

from __future__ import annotations

from io import StringIO

from django.core.management import call_command

from backend.demo.accounts import DEMO_PASSWORD


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

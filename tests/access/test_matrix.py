"""Every URL × role × scope × state × method, against the rules table."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse

from tests.access.dsl import Case
from tests.access.rules import RULES
from tests.access.world import ROLES, World

pytestmark = pytest.mark.django_db


def _params() -> list:
    params = []
    for name, cases in RULES.items():
        for case in cases:
            for role in ROLES:
                for scope in ("in", "out") if case.scoped else ("in",):
                    label = [role]
                    if case.scoped:
                        label.append(
                            f"{scope}-of-scope" if scope == "out" else "in-scope"
                        )
                    if case.state:
                        label.append(case.state)
                    label.append(case.method)
                    params.append(
                        pytest.param(
                            name,
                            case,
                            role,
                            scope,
                            id=f"{name}[{'-'.join(label)}]",
                        )
                    )
    return params


def _is_login(response: HttpResponse) -> bool:
    """The portal's login page, or the console's, which sends on to the portal's."""
    return response.status_code == 302 and response["Location"].startswith(
        (reverse("accounts:login"), reverse("admin:login"))
    )


def _body(response: HttpResponse) -> str:
    if response.streaming:
        return ""
    return response.content.decode(errors="replace")


def _check(
    response: HttpResponse, expected: str, case: Case, world: World, method: str
) -> None:
    status = response.status_code
    where = f"{status} {response.get('Location', '')}".strip()
    if expected == "login":
        assert _is_login(response), where
    elif expected == "moved":
        assert 300 <= status < 400 and not _is_login(response), where
    elif expected == "scoped":
        assert status == 200, where
        marker = case.absent(world)
        assert marker not in _body(response), f"{marker!r} shown out of scope"
    elif expected == "allow" and method == "GET":
        assert status == 200, where
    elif expected in ("allow", "refused"):
        assert status < 500 and status not in (404, 405), where
        assert not _is_login(response), where
        if expected == "allow":
            assert status != 403, where
    else:
        assert status == int(expected), where


@pytest.mark.parametrize(("name", "case", "role", "scope"), _params())
def test_access(
    client, world: World, sessions: dict, name: str, case: Case, role: str, scope: str
):
    if role in sessions:  # signed in as that role (conftest.py: made once)
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    url = reverse(name, args=case.url_args(world, scope))
    if case.query:
        url = f"{url}?{urlencode(case.query)}"
    before = case.watch(world, scope) if case.watch else None
    if case.method == "GET":
        response = client.get(url, **case.headers)
    else:
        response = client.post(
            url, case.data(world, scope) if case.data else {}, **case.headers
        )
    if response.streaming:
        # Reading through the client's wrapper closes the file without firing
        # request_finished, which would close the connection mid-transaction.
        b"".join(response.streaming_content)
    expected = case.expect[role][0 if scope == "in" else 1]
    _check(response, expected, case, world, case.method)
    if case.watch is not None:
        after = case.watch(world, scope)
        if expected == "allow" and case.method == "POST":
            assert after != before, "an allowed action changed nothing"
        else:
            assert after == before, f"{expected!r} expected, yet the action happened"

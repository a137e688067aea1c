"""No URL answers malformed input with a server error, whoever sends it.

Generated from the access matrix (every URL name of the URL configuration and the
console's registry, with its arguments from the shared world): every URL is sent,
as every role, every parameter it reads with a malformed value, then Hypothesis
draws more combinations for the roles the view actually serves. A POST that is
refused, or that its role may not make, must change nothing.
"""

from __future__ import annotations

import functools
from typing import Any

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.http import HttpResponse
from django.test import Client
from django.urls import NoReverseMatch, reverse
from hypothesis import given
from hypothesis import strategies as st

from tests.access.dsl import Case
from tests.access.hostile import (
    ADMIN_PARAMETERS,
    BAD_INPUT,
    CORE,
    CORE_POST,
    MALFORMED,
    POST_FIELDS,
    SITE_PARAMETERS,
    changelist_parameters,
    changelists,
    every_name_once,
    model_fields,
    queries,
    sweep,
    values,
)
from tests.access.rules import RULES
from tests.access.world import ROLES, World

pytestmark = pytest.mark.django_db

# Outcomes for which the view itself runs (the others are refused before it).
SERVED = {"allow", "moved", "scoped", "refused"}
CHANGELISTS = changelists()


def _cases(method: str) -> list:
    return [
        pytest.param(name, case, id=f"{name}[{case.state or index}]")
        for name, cases in RULES.items()
        for index, case in enumerate(cases)
        if case.method == method
    ]


def _client(sessions: dict[str, str], role: str) -> Client:
    client = Client()
    if role in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[role]
    return client


def _served(case: Case) -> list[str]:
    return [role for role in ROLES if case.expect[role][0] in SERVED]


@functools.cache
def _changelist_names(name: str, user_pk: int) -> tuple[str, ...]:
    from accounts.models import User

    user = User.objects.get(pk=user_pk)
    return tuple(changelist_parameters(CHANGELISTS[name], user))


def _parameters(name: str, world: World) -> list[str]:
    if name in CHANGELISTS:
        return list(_changelist_names(name, world.users["administrator"].pk))
    if name.startswith("admin:"):
        return ADMIN_PARAMETERS + SITE_PARAMETERS
    return SITE_PARAMETERS


def _read(response: HttpResponse) -> HttpResponse:
    if response.streaming:
        b"".join(response.streaming_content)
    return response


def _get(client: Client, url: str, pairs: list[tuple[str, str]]) -> HttpResponse:
    query: dict[str, list[str]] = {}
    for key, value in pairs:
        query.setdefault(key, []).append(value)
    return _read(client.get(url, query))


def _short(value: Any) -> str:
    text = value if isinstance(value, str) else type(value).__name__
    return text if len(text) <= 12 else f"{text[:6]}…({len(text)})"


def _no_server_error(response: HttpResponse, what: str) -> None:
    assert response.status_code < 500, f"{response.status_code} for {what}"


def _shown(pairs: list[tuple[str, Any]]) -> str:
    return " ".join(f"{k}={_short(v)!r}" for k, v in pairs)


@pytest.mark.parametrize(("name", "case"), _cases("GET"))
def test_get_with_malformed_parameters(
    world: World, sessions: dict, name: str, case: Case
):
    url = reverse(name, args=case.url_args(world, "in"))
    # The case's own query (e.g. the health check's scope) stays as it is.
    names = [n for n in _parameters(name, world) if n not in case.query]
    fixed = list(case.query.items())
    served = _served(case)
    for shift, (role, core) in enumerate(sweep(served, ROLES, CORE)):
        if core is None:
            pairs = fixed + every_name_once(names, shift)
        else:
            pairs = fixed + [(n, CORE[core]) for n in names]
        response = _get(_client(sessions, role), url, pairs)
        _no_server_error(response, f"{role} GET {url} {_shown(pairs)}")
    if not served:
        return

    @BAD_INPUT
    @given(data=st.data())
    def more(data: st.DataObject) -> None:
        role = data.draw(st.sampled_from(served), label="role")
        pairs = fixed + data.draw(queries(names), label="query")
        response = _get(_client(sessions, role), url, pairs)
        _no_server_error(response, f"{role} GET {url} {_shown(pairs)}")

    more()


def _form_names(name: str, body: dict[str, Any]) -> list[str]:
    names = list(body) + POST_FIELDS
    if name.endswith(("_add", "_change")) and name.startswith("admin:"):
        label = name.removeprefix("admin:").rsplit("_", 1)[0]
        model_admin = CHANGELISTS.get(f"admin:{label}_changelist")
        if model_admin is not None:
            names += model_fields(model_admin)
    return list(dict.fromkeys(names))


def _post(client: Client, url: str, body: dict[str, Any]) -> HttpResponse:
    return _read(client.post(url, body))


def _check_post(
    world: World,
    case: Case,
    role: str,
    url: str,
    body: dict[str, Any],
    client: Client,
) -> None:
    before = case.watch(world, "in") if case.watch else None
    response = _post(client, url, body)
    shown = _shown(list(body.items()))
    _no_server_error(response, f"{role} POST {url} {shown}")
    if case.watch is None:
        return
    refused = case.expect[role][0] != "allow" or response.status_code >= 400
    if refused:
        assert case.watch(world, "in") == before, (
            f"refused POST {url} as {role} changed the object: {shown}"
        )


@pytest.mark.parametrize(("name", "case"), _cases("POST"))
def test_post_with_malformed_fields(
    world: World, sessions: dict, name: str, case: Case
):
    url = reverse(name, args=case.url_args(world, "in"))
    base = case.data(world, "in") if case.data else {}
    names = _form_names(name, base)
    served = _served(case)
    for shift, (role, core) in enumerate(sweep(served, ROLES, CORE_POST)):
        if core is None:
            body = dict(every_name_once(names, shift))
        else:
            body = dict.fromkeys(names, CORE_POST[core])
        _check_post(world, case, role, url, body, _client(sessions, role))
    if not served:
        return

    @BAD_INPUT
    @given(data=st.data())
    def more(data: st.DataObject) -> None:
        role = data.draw(st.sampled_from(served), label="role")
        body = case.data(world, "in") if case.data else {}
        for key in data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=4)):
            body[key] = data.draw(values, label=key)
        _check_post(world, case, role, url, body, _client(sessions, role))

    more()


@pytest.mark.parametrize("name", sorted(CHANGELISTS))
def test_console_actions_with_malformed_selection(
    world: World, sessions: dict, name: str
):
    """A changelist action on ids that are not ids: refused, never a 500."""
    model_admin = CHANGELISTS[name]
    actions = [
        "delete_selected",
        *(a for a in model_admin.actions or () if isinstance(a, str)),
    ]
    url = reverse(name)
    for shift, role in enumerate(ROLES):
        for action in actions:
            selected = [MALFORMED[(shift + i) % len(MALFORMED)] for i in range(3)]
            body = {"action": action, "index": "0", ACTION_CHECKBOX_NAME: selected}
            response = _post(_client(sessions, role), url, body)
            _no_server_error(response, f"{role} POST {url} {body}")


def _path_variants(case: Case, world: World) -> list[list[Any]]:
    args = case.url_args(world, "in")
    variants = []
    for index, arg in enumerate(args):
        hostile = ["9" * 25, "9" * 5000]
        if not isinstance(arg, int):
            hostile += ["²", "\x00", "x" * 300]
        for value in hostile:
            variants.append([*args[:index], value, *args[index + 1 :]])
    return variants


def _with_args() -> list:
    return [
        pytest.param(name, case, id=f"{name}[{index}]")
        for name, cases in RULES.items()
        for index, case in enumerate(cases)
        if case.method == "GET" and case.args
    ]


@pytest.mark.parametrize(("name", "case"), _with_args())
def test_urls_with_malformed_ids(world: World, sessions: dict, name: str, case: Case):
    """Ids and codes in the path that match no object answer 404, never 500."""
    roles = _served(case) or ["administrator"]
    for shift, args in enumerate(_path_variants(case, world)):
        try:
            url = reverse(name, args=args)
        except NoReverseMatch:
            continue
        role = roles[shift % len(roles)]
        response = _read(_client(sessions, role).get(url))
        _no_server_error(response, f"{role} GET {url}")


# ------------------------------------------------------------------ reported cases

REPORTED = [
    ("reporting:ranking", "assessor", {"top": "²"}, 200),
    ("reporting:ranking", "verifier", {"top": "9" * 5000}, 200),
    ("reporting:ranking", "assessor", {"top": "٣"}, 200),
    ("portal:dashboard-national", "assessor", {"tahun": "²"}, 404),
    ("portal:dashboard-national", "administrator", {"tahun": "9" * 5000}, 404),
    ("admin:reporting_assessment_changelist", "verifier", {"menunggu": "²"}, 200),
    ("admin:reporting_assessment_changelist", "assessor", {"menunggu": "9" * 30}, 200),
]


@pytest.mark.parametrize(("name", "role", "query", "status"), REPORTED)
def test_reported_parameters_are_ignored_or_not_found(
    world: World, sessions: dict, name: str, role: str, query: dict, status: int
):
    args = [world.get("catalogue").year] if name == "reporting:ranking" else []
    response = _client(sessions, role).get(reverse(name, args=args), query)
    assert response.status_code == status


def test_ranking_reads_top_as_a_bounded_number(world: World, sessions: dict):
    url = reverse("reporting:ranking", args=[world.get("catalogue").year])
    client = _client(sessions, "assessor")
    for raw, shown in (("²", ""), ("٣", ""), ("-1", ""), ("7", 7), ("9" * 5000, 1000)):
        assert client.get(url, {"top": raw}).context["top"] == shown, raw


def test_console_decision_on_an_answer_that_is_not_an_id(world: World, sessions: dict):
    """answer=abc: the verifier is told to choose an answer; nothing is decided."""
    assessment = world.get("submitted_assessment")
    answer = world.get("submitted_answer")
    before = type(answer).objects.get(pk=answer.pk).status
    client = _client(sessions, "verifier")
    url = reverse("admin:reporting_assessment_decide", args=[assessment.pk])
    for value in ("abc", "²", "9" * 5000, ""):
        response = client.post(url, {"decision": "accept", "answer": value})
        assert response.status_code == 302
        shown = client.get(response["Location"]).content.decode()
        assert "Pilih jawaban yang diputuskan." in shown
    response = client.post(url, {"decision": "bulk_accept", "answer_ids": ["²", "x"]})
    assert response.status_code == 302
    assert type(answer).objects.get(pk=answer.pk).status == before


# ------------------------------------------------------------------ the console's own pieces


def test_console_change_page_with_an_empty_to_field(world: World, sessions: dict):
    url = reverse("admin:regions_province_change", args=[world.get("province").pk])
    response = _client(sessions, "administrator").get(url, {"_to_field": ""})
    assert response.status_code == 200


def test_console_action_on_ids_that_are_not_ids(world: World, sessions: dict):
    """The administrator is told the rows are unknown; nothing is deleted."""
    client = _client(sessions, "administrator")
    url = reverse("admin:regions_agency_changelist")
    before = world.get("agency").regency.agencies.count()
    body = {"action": "delete_selected", "index": "0", "post": "yes"}
    for selected in (["abc"], ["²"], ["9" * 5000], ["1.5", "-1"]):
        response = client.post(url, {**body, ACTION_CHECKBOX_NAME: selected})
        assert response.status_code == 302
        shown = client.get(response["Location"]).content.decode()
        assert "Pilihan baris tidak dikenal; tidak ada yang diubah." in shown
    assert world.get("agency").regency.agencies.count() == before


def test_console_form_shown_again_with_a_choice_that_is_not_an_id(
    world: World, sessions: dict
):
    """A refused role assignment form comes back with its errors (autocomplete)."""
    client = _client(sessions, "administrator")
    url = reverse("admin:accounts_roleassignment_add")
    response = client.post(
        url, dict.fromkeys(("user", "role", "province", "regency", "agency"), "²")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_console_json_with_a_number_of_thousands_of_digits(
    world: World, sessions: dict
):
    client = _client(sessions, "administrator")
    response = client.post(
        reverse("admin:aksiham_action_add"), {"target_groups": "9" * 5000}
    )
    assert response.status_code == 200
    assert "target_groups" in response.context["adminform"].form.errors


@pytest.mark.parametrize("name", ["indicators_indicator", "aksiham_action"])
def test_console_export_with_an_unknown_filter(world: World, sessions: dict, name: str):
    client = _client(sessions, "assessor")
    response = client.get(reverse(f"admin:{name}_export"), {"kategori": "x"})
    assert response.status_code == 302
    shown = client.get(response["Location"]).content.decode()
    assert "Filter daftar tidak dikenal; ekspor dibatalkan." in shown


def test_console_history_version_that_is_not_an_id(world: World, sessions: dict):
    answer = world.get("answer")
    url = reverse("admin:reporting_answer_simple_history", args=[answer.pk, "9" * 5000])
    assert _client(sessions, "administrator").get(url).status_code == 404

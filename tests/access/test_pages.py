"""Every page a role reaches: no control that answers 403, no raw code, no English.

The walk (``tests/access/crawl.py``) opens every page the rules table lets a role
open and the pages their links lead to. A link or GET form is checked by opening it;
a POST form or button is submitted as the page shows it (its hidden and prefilled
fields, its button) inside a transaction that is rolled back, so the status is the
answer that person would get from the server, and nothing stays changed.

The language check reads what people read or hear (text, ``alt``, ``aria-label``,
``title``, ``placeholder``, button values; not scripts or styles) in Indonesian,
the default language.
"""

from __future__ import annotations

import copy
import functools
import re
from collections import Counter, defaultdict

import pytest
from django.apps import apps
from django.db import transaction
from django.http import HttpResponse
from django.urls import reverse

from tests.access.crawl import (
    LEAVE,
    PAGE_LIMIT,
    Action,
    Walk,
    read,
    signed_in,
    url_name,
    walk,
)
from tests.access.world import ROLES, World

pytestmark = pytest.mark.django_db

# Controls checked per URL name: the view decides by role, scope and state, and
# the controls a page shows point inside the role's scope.
CHECKS_PER_NAME = {"GET": 2, "POST": 1}
PROJECT_APPS = {
    "accounts",
    "aksiham",
    "directory",
    "exports",
    "files",
    "indicators",
    "notices",
    "regions",
    "reporting",
}
# Interface English that must not show on an Indonesian page (whole words, as
# written). Words Indonesian shares with English (Status, Menu, Filter, Bonus, OPD
# names) are not in it.
ENGLISH = (
    "Add",
    "Back",
    "Breadcrumb",
    "Breadcrumbs",
    "breadcrumb",
    "Cancel",
    "Change",
    "Changes",
    "Close",
    "close",
    "Delete",
    "Deleted",
    "Download",
    "Edit",
    "False",
    "History",
    "Home",
    "Loading",
    "Log out",
    "Next",
    "None",
    "Previous",
    "Save",
    "Search",
    "search",
    "Show",
    "Sidebar",
    "Skip to",
    "Submit",
    "Toggle",
    "True",
    "Upload",
    "View site",
    "Welcome",
)
_walks: dict[str, Walk] = {}


def _walk(world: World, role: str) -> Walk:
    """One walk per role and process, shared by the module's two checks."""
    if role not in _walks:
        _walks[role] = walk(world, role)
    return _walks[role]


def raw_codes() -> set[str]:
    """Stored choice values people must never read: those their label does not spell."""
    codes = set()
    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS:
            continue
        for field in model._meta.get_fields():
            for value, label in getattr(field, "flatchoices", None) or ():
                words = re.findall(r"\w+", str(label).lower())
                if isinstance(value, str) and value.islower() and value not in words:
                    codes.add(value)
    return codes


def _words(words) -> re.Pattern:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w./:-])({alternatives})(?![\w/:-])")


@functools.cache
def _patterns() -> tuple[tuple[re.Pattern, str], ...]:
    return ((_words(raw_codes()), "code"), (_words(ENGLISH), "English"))


def findings(text: str) -> list[str]:
    """Raw codes and interface English in one page's readable text."""
    return [
        f"{kind} {match.group(1)!r} in {line.strip()!r}"
        for line in text.splitlines()
        for pattern, kind in _patterns()
        for match in pattern.finditer(line)
    ]


def _answer(client, result: Walk, action: Action, path: str) -> int:
    """The status the control gets: the page's own when the walk opened it."""
    if action.method == "GET":
        for url, page in result.pages.items():
            if url.partition("?")[0] == path:
                return page.status
        return _drained(client.get(action.url)).status_code
    data = defaultdict(list)
    for name, value in action.fields:
        data[name].append(value)
    cookies = copy.deepcopy(client.cookies)
    with transaction.atomic():
        response = _drained(client.post(action.url, dict(data)))
        transaction.set_rollback(True)
    client.cookies = cookies
    if response.get("Location", "").startswith(reverse("accounts:login")):
        return 401  # the session was lost: every later answer would mean nothing
    return response.status_code


def _drained(response: HttpResponse) -> HttpResponse:
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("role", ROLES)
def test_no_dead_ends(world: World, role: str):
    result = _walk(world, role)
    client = signed_in(world, role)
    problems = []
    checked = set()
    per_name: Counter[tuple[str, str | None]] = Counter()
    for page, action in result.shown:
        path = action.url.partition("?")[0].partition("#")[0]
        target = path if action.method == "GET" else action.url
        key = (action.method, target, tuple(action.fields))
        limit = (action.method, url_name(path))
        if limit[1] in LEAVE:
            continue
        if key in checked or per_name[limit] >= CHECKS_PER_NAME[action.method]:
            continue
        checked.add(key)
        per_name[limit] += 1
        status = _answer(client, result, action, path)
        if status == 403 or (status == 401 and world.users[role] is not None):
            problems.append(f"{status} {action.method} {action.url} on {page}")
    assert 1 < len(result.pages) < PAGE_LIMIT, "the walk was cut short"
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("role", ROLES)
def test_indonesian(world: World, role: str):
    result = _walk(world, role)
    problems = {
        f"{finding} on {url}"
        for url, page in result.pages.items()
        for finding in findings(page.text)
    }
    assert not problems, "\n".join(sorted(problems))


def test_the_checks_read_what_people_read_and_hear():
    html = (
        '<nav aria-label="Breadcrumbs"><img alt="True" src="x.svg"></nav>'
        "<p>draft → submitted, Draf → Dikirim</p>"
        '<script>var status = "draft";</script><a href="/penilaian/?status=draft">x</a>'
        '<form method="post" action="/kirim/"><input type="hidden" name="a" value="1">'
        '<button name="go" value="ya">Kirim</button></form>'
    )
    page = read("/", HttpResponse(html, content_type="text/html"))
    assert sorted(findings(page.text)) == [
        "English 'Breadcrumbs' in 'Breadcrumbs'",
        "English 'True' in 'True'",
        "code 'draft' in 'draft → submitted, Draf → Dikirim'",
        "code 'submitted' in 'draft → submitted, Draf → Dikirim'",
    ]
    posts = [(a.url, a.fields) for a in page.actions if a.method == "POST"]
    assert posts == [("/kirim/", [("a", "1")]), ("/kirim/", [("a", "1"), ("go", "ya")])]

"""A role's walk through the portal with the Django test client.

It starts from the home page and every GET page the rules table lets the role open
(``tests/access/rules.py``), follows the same-origin links, GET forms and htmx GETs
each page shows, and keeps for every page its readable text and the controls it
offers. The rules table's pages are always opened; a page found only through a link
is opened while its URL name has been opened fewer than ``VISITS_PER_NAME`` times,
and the walk stops after ``PAGE_LIMIT`` pages.
"""

from __future__ import annotations

import functools
from collections import Counter, deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit, urlunsplit

from django.conf import settings
from django.http import HttpResponse
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests.access.rules import RULES
from tests.access.world import World

BACKEND = "django.contrib.auth.backends.ModelBackend"
PAGE_LIMIT = 400
VISITS_PER_NAME = 2
# Attributes people read (or hear from a screen reader) besides the text itself.
READ_ATTRIBUTES = ("alt", "aria-label", "title", "placeholder")
HIDDEN_TAGS = {"script", "style", "template"}
# Leaving the walk: signing out (portal or console) and switching the language.
# Everyone may use them (the rules table says so); the walk never presses them.
LEAVE = ("accounts:logout", "admin:logout", "set_language")


@dataclass
class Action:
    """A control that asks the server something: a link, a form or an htmx call."""

    method: str
    url: str
    fields: list[tuple[str, str]] = field(default_factory=list)
    label: str = ""


@dataclass
class Page:
    url: str
    status: int
    text: str = ""
    actions: list[Action] = field(default_factory=list)


class _Reader(HTMLParser):
    """Visible text, read attributes, links, forms and htmx calls of one page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.actions: list[Action] = []
        self._hidden = 0
        self._form: Action | None = None
        self._buttons: list[tuple[str, str]] = []
        self._submits = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in HIDDEN_TAGS:
            self._hidden += 1
            return
        if self._hidden:
            return
        for name in READ_ATTRIBUTES:
            if values.get(name):
                self.text.append(values[name])
        if tag == "input" and values.get("type") in ("submit", "button", "reset"):
            self.text.append(values.get("value", ""))
        if tag == "a" and "href" in values:
            self.actions.append(Action("GET", values["href"], label=tag))
        for verb in ("get", "post"):
            if values.get(f"hx-{verb}"):
                self.actions.append(
                    Action(verb.upper(), values[f"hx-{verb}"], label=f"hx-{verb}")
                )
        if tag == "form":
            self._form = Action(
                (values.get("method") or "get").upper(),
                values.get("action", ""),
                label="form",
            )
            self._buttons = []
            self._submits = 0
        elif self._form is not None and tag in ("input", "select", "textarea"):
            if values.get("type") in ("submit", "image"):
                self._submits += 1
            self._field(tag, values)
        elif self._form is not None and tag == "button":
            if values.get("type", "submit") == "submit":
                self._submits += 1
                if values.get("name"):
                    self._buttons.append((values["name"], values.get("value", "")))
            if values.get("formaction"):
                self.actions.append(
                    Action(self._form.method, values["formaction"], label="formaction")
                )

    def _field(self, tag: str, values: dict[str, str]) -> None:
        name = values.get("name")
        kind = values.get("type", "text")
        if not name or kind in ("file", "submit", "button", "image"):
            return
        if kind in ("checkbox", "radio") and "checked" not in values:
            return
        if tag == "input":
            self._form.fields.append((name, values.get("value", "")))

    def handle_endtag(self, tag: str) -> None:
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag == "form" and self._form is not None:
            form, self._form = self._form, None
            if not self._submits:
                return  # nothing to press: a read-only form, or one htmx sends
            self.actions.append(form)
            for name, value in self._buttons:
                self.actions.append(
                    Action(
                        form.method,
                        form.url,
                        [*form.fields, (name, value)],
                        label=f"button {name}",
                    )
                )

    def handle_data(self, data: str) -> None:
        if not self._hidden and data.strip():
            self.text.append(data)


def read(url: str, response: HttpResponse) -> Page:
    page = Page(url=url, status=response.status_code)
    if response.streaming or "html" not in response.get("Content-Type", ""):
        return page
    reader = _Reader()
    reader.feed(response.content.decode(errors="replace"))
    page.text = "\n".join(reader.text)
    for action in reader.actions:
        target = _own(url, action.url)
        if target is not None:
            action.url = target
            page.actions.append(action)
    return page


def _own(base: str, href: str) -> str | None:
    """The same-origin path and query of ``href`` (None for elsewhere)."""
    if href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://testserver{base}", href))
    if parts.netloc != "testserver":
        return None
    if parts.path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
        return None
    return urlunsplit(("", "", parts.path, parts.query, ""))


def url_name(url: str) -> str | None:
    return _view_name(urlsplit(url).path, settings.ROOT_URLCONF)


@functools.cache
def _view_name(path: str, urlconf: str) -> str | None:
    """A crawl meets the same few hundred paths on every page it reads."""
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    return match.view_name


def seeds(world: World, role: str) -> list[str]:
    """The home page and every GET page the rules table opens for the role."""
    urls = [reverse("portal:home")]
    for name, cases in RULES.items():
        for case in cases:
            if case.method != "GET" or case.query:
                continue
            if case.expect[role][0] in ("allow", "scoped"):
                urls.append(reverse(name, args=case.url_args(world, "in")))
    return urls


@dataclass
class Walk:
    pages: dict[str, Page] = field(default_factory=dict)
    # (page, action) for every control shown on a page the role opened.
    shown: list[tuple[str, Action]] = field(default_factory=list)


def signed_in(world: World, role: str) -> Client:
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user, backend=BACKEND)
    return client


def walk(world: World, role: str) -> Walk:
    """Every page the role reaches, with what it shows."""
    client = signed_in(world, role)
    result = Walk()
    opened: Counter[str | None] = Counter()
    first = seeds(world, role)
    queue = deque((url, True) for url in first)
    while queue and len(result.pages) < PAGE_LIMIT:
        url, seed = queue.popleft()
        name = url_name(url)
        if url in result.pages or name in LEAVE:
            continue
        if not seed and opened[name] >= VISITS_PER_NAME:
            continue
        opened[name] += 1
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
        page = read(url, response)
        result.pages[url] = page
        if response.status_code in (301, 302) and "Location" in response:
            target = _own(url, response["Location"])
            if target:
                queue.append((target, False))
        for action in page.actions:
            result.shown.append((url, action))
            if action.method == "GET":
                queue.append((action.url.partition("#")[0] or url, False))
    return result

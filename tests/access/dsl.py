"""The small vocabulary of the rules table: cases, argument references, expectations.

Outcomes (what the response must be):

- ``allow``: GET answers 200; POST is not refused for permission (no 403, 404, 405
  or login redirect). With ``watch``, an allowed POST must change the watched object.
- ``moved``: a redirect, but not to the login page (e.g. a list that opens the
  user's only kab/kota).
- ``scoped``: 200, and the out-of-scope marker (``absent``) is nowhere on the page.
- ``refused``: the view answered (no 404, no 5xx) and said no: the watched object is
  unchanged. Used for state rules (a submitted answer, an open catalogue).
- ``login``: a redirect to the portal's login page.
- ``403``, ``404``, ``405``: exactly that status.

An expectation per role is ``"in/out"`` (in scope / out of scope) or one value for
both. Roles: anonymous, operator, coordinator, verifier, assessor, administrator.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from tests.access.world import ROLES, World

OUTCOMES = {"allow", "moved", "scoped", "refused", "login", "403", "404", "405"}

# Objects that exist once, nationally: their cases have no out-of-scope variant.
NATIONAL = {
    "catalogue",
    "draft_catalogue",
    "category",
    "draft_category",
    "indicator",
    "draft_indicator",
    "indicatormapping",
    "actionplan",
    "generation",
    "action",
    "period",
    "regency_type",
    "agencytype",
    "kanwiloffice",
    "officecoverage",
    "accessattempt",
    "accesslog",
    "accessfailurelog",
    "yearsettings",
    "published_catalogue",
    "datasettings",
    "partnertoken",
}


@dataclass(frozen=True)
class Ref:
    """An argument taken from the world: ``world.get(name, scope).<attr>``."""

    name: str
    attr: str | None = "pk"

    @property
    def scoped(self) -> bool:
        return self.name not in NATIONAL

    def resolve(self, world: World, scope: str) -> Any:
        obj = world.get(self.name, scope)
        return obj if self.attr is None else getattr(obj, self.attr)


def ref(name: str, attr: str | None = "pk") -> Ref:
    return Ref(name, attr)


Expect = dict[str, tuple[str, str]]


def expect(**by_role: str) -> Expect:
    """``expect(anonymous="login", verifier="allow/404", ...)``; every role named."""
    missing = set(ROLES) - set(by_role)
    assert not missing, f"no expectation for {sorted(missing)}"
    parsed = {}
    for role, text in by_role.items():
        inside, _sep, outside = text.partition("/")
        pair = (inside, outside or inside)
        assert set(pair) <= OUTCOMES, f"unknown outcome in {text!r}"
        parsed[role] = pair
    return parsed


def but(base: Expect, **changes: str) -> Expect:
    """A preset with some roles changed: ``but(SIGNED_IN, operator="403")``."""
    return {**base, **expect(**{**_text(base), **changes})}


def everyone(outcome: str, **changes: str) -> Expect:
    """The same outcome for every role but those named: ``everyone("login")``."""
    return expect(**{**dict.fromkeys(ROLES, outcome), **changes})


def _text(base: Expect) -> dict[str, str]:
    return {role: f"{a}/{b}" for role, (a, b) in base.items()}


@dataclass(frozen=True)
class Case:
    """One request shape for a URL: method, arguments, expectation, state."""

    expect: Expect
    method: str = "GET"
    args: tuple[Any, ...] = ()
    state: str = ""
    data: Callable[[World, str], dict[str, Any]] | None = None
    watch: Ref | None = None
    absent: Callable[[World], str] | None = None
    query: dict[str, str] = field(default_factory=dict)
    # Request headers (WSGI names, ``HTTP_...``), e.g. a protocol's own headers.
    headers: dict[str, str] = field(default_factory=dict)

    @property
    def scoped(self) -> bool:
        return any(isinstance(a, Ref) and a.scoped for a in self.args)

    def url_args(self, world: World, scope: str) -> list[Any]:
        return [a.resolve(world, scope) if isinstance(a, Ref) else a for a in self.args]


def get(expect: Expect, *args: Any, **options: Any) -> Case:
    return Case(expect=expect, method="GET", args=args, **options)


def post(expect: Expect, *args: Any, **options: Any) -> Case:
    return Case(expect=expect, method="POST", args=args, **options)


# ------------------------------------------------------------------ presets

PUBLIC = expect(
    anonymous="allow",
    operator="allow",
    coordinator="allow",
    verifier="allow",
    assessor="allow",
    administrator="allow",
)
SIGNED_IN = but(PUBLIC, anonymous="login")
# Pages of one kab/kota: everyone who works on it, its Kanwil, the ministry.
REGION = but(
    SIGNED_IN, operator="allow/404", coordinator="allow/404", verifier="allow/404"
)
# Lists: regional people see only their own rows.
REGION_LIST = but(SIGNED_IN, operator="scoped", coordinator="scoped", verifier="scoped")
# Coordinator-only pages and actions of one kab/kota.
COORDINATOR = but(
    REGION,
    operator="403/404",
    verifier="403/404",
    assessor="403",
    administrator="403",
)
# An action anyone in scope may post, but only the people at work may complete.
WORKERS = but(
    REGION, verifier="refused/404", assessor="refused", administrator="refused"
)
# POST-only views: a GET is refused before any object is looked up.
POST_ONLY = but(
    SIGNED_IN,
    operator="405",
    coordinator="405",
    verifier="405",
    assessor="405",
    administrator="405",
)
# The staff console (Django admin with PortalAdminSite).
CONSOLE = but(SIGNED_IN, operator="403", coordinator="403", verifier="allow/404")
CONSOLE_LIST = but(CONSOLE, verifier="scoped")
CONSOLE_ADMIN = but(CONSOLE, verifier="403/404", assessor="403")
CONSOLE_NOBODY = but(CONSOLE_ADMIN, administrator="403")
CONSOLE_ASSESSOR = but(CONSOLE_ADMIN, assessor="allow", administrator="403")
CONSOLE_POST_ONLY = but(CONSOLE, verifier="405", assessor="405", administrator="405")


def palu(world: World) -> str:
    """The out-of-scope marker on lists: Palu's name."""
    return "Kota Palu"


def draft_year_link(world: World) -> str:
    return f"/katalog/{world.get('draft_catalogue').year}/"


def report_args(name: str) -> tuple[Ref, Ref, Ref]:
    """An Aksi HAM report's URL arguments: kab/kota, period, action."""
    return (ref(name, "regency_id"), ref(name, "period_id"), ref(name, "action_id"))

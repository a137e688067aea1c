"""What a broken client or an attacker types into a URL or a form.

The parameter names come from three places: the query parameters the portal's own
views read (``SITE_PARAMETERS``), the console's changelists as Django builds them
(every list filter's ``expected_parameters()``, the date hierarchy, search, ordering
and paging), and the fields of the matrix's POST bodies plus every field the views
and the console read (``POST_FIELDS``). Unknown names are drawn too: they must be
ignored.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.options import ModelAdmin
from django.contrib.admin.views.main import (
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
)
from django.test import RequestFactory
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

BAD_INPUT = settings(
    max_examples=4,  # per URL, each by one of the roles it serves: the suite stays fast
    deadline=None,
    database=None,
    derandomize=True,  # the same examples on every run: CI never flakes
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Each one has broken a parser somewhere: int("²") raises although "²".isdigit();
# int("٣") is 3; int() refuses more than 4,300 digits; PostgreSQL refuses NUL.
MALFORMED = [
    "²",
    "٣",
    "9" * 5000,
    "-1",
    "-99999999999999999999",
    "99999999999999999999",
    "1.5",
    "1e309",
    "NaN",
    "",
    " ",
    "\x00",
    "1\x00",
    "x" * 5000,
    "2024-13-45",
    "2024-02-30",
    "0",
    "abc",
    "'; --",
    "<b>",
    "%",
    "١٢",
    "Ⅻ",
    "1,5",
]

# The classes every parameter of every URL is sent, one request each (the rest
# of MALFORMED comes through Hypothesis); a form gets fewer, its fields are text.
CORE = ["²", "9" * 5000, "-1", "1.5", "", "\x00", "x" * 3000]
CORE_POST = ["²", "9" * 5000, "abc", "\x00"]

values = st.one_of(
    st.sampled_from(MALFORMED),
    st.text(max_size=30),
    st.integers().map(str),
    st.from_regex(r"\A[0-9]{1,3}[.,][0-9]{1,3}\Z"),
)

# Query parameters the portal's own views read (request.GET in the apps, grep for
# it when adding one) and those Django's admin reads on every console page.
SITE_PARAMETERS = [
    "q",
    "kategori",
    "jenis",
    "page",
    "page_size",
    "provinsi",
    "periode",
    "top",
    "tahun",
    "scope",
    "next",
    "category",
    "agency",
    "status",
    "tahun_lalu",
    "warna",
]
ADMIN_PARAMETERS = [
    ALL_VAR,
    ERROR_FLAG,
    IS_FACETS_VAR,
    IS_POPUP_VAR,
    ORDER_VAR,
    PAGE_VAR,
    SEARCH_VAR,
    TO_FIELD_VAR,
    "_changelist_filters",
]
# POST fields read by the views and the console (request.POST and their forms).
POST_FIELDS = [
    "decision",
    "answer",
    "answer_ids",
    "reasons",
    "note",
    "raw_value",
    "points",
    "kind",
    "basis",
    "agency",
    "email",
    "name",
    "short_name",
    "first_name",
    "last_name",
    "version",
    "achievement",
    "narrative",
    "achievement_percent",
    "format",
    "year",
    "catalogue",
    "regency",
    "province",
    "deadline",
    "until",
    "reason",
    "language",
    "next",
    "action",
    "index",
    "_selected_action",
    "select_across",
    "post",
    "leaving",
    "successor",
]
RANDOM_NAMES = st.text(min_size=1, max_size=12)


def changelist_parameters(model_admin: ModelAdmin, user: Any) -> list[str]:
    """Every query parameter the changelist understands, as Django builds it."""
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = list(ADMIN_PARAMETERS)
    for spec in changelist.filter_specs:
        names.extend(spec.expected_parameters())
    if model_admin.date_hierarchy:
        field = model_admin.date_hierarchy
        names.extend(f"{field}__{part}" for part in ("year", "month", "day"))
    return list(dict.fromkeys(names))


def changelists() -> dict[str, ModelAdmin]:
    return {
        f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist": model_admin
        for m, model_admin in admin.site._registry.items()
    }


def model_fields(model_admin: ModelAdmin) -> list[str]:
    """The console form's fields, by model field name (add and change pages)."""
    fields = model_admin.model._meta.get_fields()
    return [f.name for f in fields if getattr(f, "concrete", False)]


@st.composite
def queries(draw, names: list[str]) -> list[tuple[str, str]]:
    """Some of ``names`` with malformed values, sometimes repeated, plus strangers."""
    # At least one known name: the simplest example is already a malformed one.
    chosen = (
        draw(st.lists(st.sampled_from(names), min_size=1, max_size=len(names)))
        if names
        else []
    )
    pairs = [(name, draw(values)) for name in chosen]
    pairs += draw(st.lists(st.tuples(RANDOM_NAMES, values), max_size=2))
    return pairs


def every_name_once(names: list[str], shift: int) -> list[tuple[str, str]]:
    """Every name with a malformed value, each name a different one per ``shift``."""
    return [
        (name, MALFORMED[(i + shift) % len(MALFORMED)]) for i, name in enumerate(names)
    ]


def sweep(
    served: list[str], roles: tuple[str, ...], core: list[str]
) -> list[tuple[str, int | None]]:
    """(role, index into ``core`` or None): every class once, sent by the roles the
    view serves in turn, and one request of mixed values for every other role."""
    plan: list[tuple[str, int | None]] = []
    if served:
        plan += [(served[i % len(served)], i) for i in range(len(core))]
    plan += [(role, None) for role in roles if role not in served]
    return plan

"""Every form that takes a date reads it day first, in both time styles, and refuses
month first (portal/formats, kernel/forms)."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone, translation

from aksiham.admin.forms import PeriodExtensionForm, PeriodForm
from directory.forms import CoverageChangeForm
from kernel import zones
from reporting.admin.forms import ExtendForm, OpenAssessmentsForm, PublishForm
from reporting.admin.register import CaseForm
from reporting.forms import ApprovalForm, EvidenceForm

APPS = ("accounts", "aksiham", "directory", "exports", "files", "indicators")
APPS += ("kernel", "notices", "portal", "regions", "reporting")
FORM_MODULES = [
    "accounts.admin",
    "accounts.forms",
    "aksiham.admin.forms",
    "aksiham.forms",
    "directory.forms",
    "exports.forms",
    "indicators.forms",
    "kernel.conflicts",
    "kernel.forms",
    "reporting.admin.forms",
    "reporting.admin.register",
    "reporting.forms",
]

# (form, field): every date or date-time field of the project's forms.
DATE_FIELDS = [
    (PublishForm, "decree_date"),
    (EvidenceForm, "effective_date"),
    (ApprovalForm, "approved_on"),
    (CaseForm, "reported_on"),
    (CoverageChangeForm, "valid_from"),
]
DATETIME_FIELDS = [
    (OpenAssessmentsForm, "deadline"),
    (ExtendForm, "until"),
    (PeriodForm, "opens_at"),
    (PeriodForm, "closes_at"),
    (PeriodForm, "grace_until"),
    (PeriodExtensionForm, "until"),
]
IDS = [f"{form.__name__}.{name}" for form, name in DATE_FIELDS]
DT_IDS = [f"{form.__name__}.{name}" for form, name in DATETIME_FIELDS]


def _field(form_class, name) -> forms.Field:
    return form_class.base_fields[name]


def _clean(field: forms.Field, value: str):
    """What a person types; the console's split widget gets date and time apart."""
    if isinstance(field, forms.SplitDateTimeField):
        day, _space, time = value.partition(" ")
        return field.clean([day, time])
    return field.clean(value)


@pytest.fixture(params=["id", "en"])
def language(request):
    with (
        translation.override(request.param),
        timezone.override(zones.tz("Asia/Jakarta")),
    ):
        yield request.param


@pytest.mark.parametrize(("form_class", "name"), DATE_FIELDS, ids=IDS)
@pytest.mark.parametrize("typed", ["03/04/2026", "03-04-2026", "2026-04-03"])
def test_dates_are_read_day_first(language, form_class, name, typed):
    assert _field(form_class, name).clean(typed) == datetime.date(2026, 4, 3)


@pytest.mark.parametrize(("form_class", "name"), DATE_FIELDS, ids=IDS)
@pytest.mark.parametrize(
    "typed", ["12/31/2026", "31/03/26", "2026-31-03", "31.03.2026"]
)
def test_month_first_or_ambiguous_dates_are_refused(language, form_class, name, typed):
    with pytest.raises(ValidationError):
        _field(form_class, name).clean(typed)


@pytest.mark.parametrize(("form_class", "name"), DATETIME_FIELDS, ids=DT_IDS)
@pytest.mark.parametrize(
    "typed",
    ["03/04/2026 23.59", "03/04/2026 23:59", "03-04-2026 23.59", "2026-04-03 23:59"],
)
def test_date_times_are_read_day_first_with_a_dot_or_a_colon(
    language, form_class, name, typed
):
    # Django's own Indonesian formats read "03/04/2026 23.59" as 4 March.
    value = _clean(_field(form_class, name), typed)
    assert value == datetime.datetime(
        2026, 4, 3, 23, 59, tzinfo=zones.tz("Asia/Jakarta")
    )


@pytest.mark.parametrize(("form_class", "name"), DATETIME_FIELDS, ids=DT_IDS)
@pytest.mark.parametrize(
    "typed", ["12/31/2026 23.59", "31/03/26 23.59", "31/03/2026 25.00"]
)
def test_month_first_date_times_are_refused(language, form_class, name, typed):
    with pytest.raises(ValidationError):
        _clean(_field(form_class, name), typed)


def test_the_refusal_says_how_to_write_the_date_in_indonesian():
    with translation.override("id"), pytest.raises(ValidationError) as refused:
        _field(OpenAssessmentsForm, "deadline").clean("12/31/2026 23.59")
    assert "hari lebih dulu" in str(refused.value)
    assert "31/03/2026 23.59" in str(refused.value)


def test_a_value_shown_back_in_a_form_reads_day_first():
    moment = datetime.datetime(2026, 4, 3, 23, 59, tzinfo=zones.tz("Asia/Jakarta"))
    with translation.override("id"), timezone.override(zones.tz("Asia/Jakarta")):
        html = str(ExtendForm(initial={"until": moment})["until"])
        assert 'value="03/04/2026 23.59"' in html
        assert formats.get_format("DATE_INPUT_FORMATS")[0] == "%d/%m/%Y"
        assert formats.get_format("TIME_INPUT_FORMATS")[0] == "%H.%M"


def _project_forms():
    for module in FORM_MODULES:
        importlib.import_module(module)
    seen, todo = set(), list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.split(".")[0] in APPS:
            seen.add(cls)
    return seen


def test_every_form_with_a_date_is_in_the_lists_above():
    listed = {(f, n) for f, n in DATE_FIELDS + DATETIME_FIELDS}
    found = {
        (cls, name)
        for cls in _project_forms()
        for name, field in getattr(cls, "base_fields", {}).items()
        if isinstance(
            field, forms.DateField | forms.DateTimeField | forms.SplitDateTimeField
        )
    }
    assert found <= listed, found - listed
    assert found, "no form found: the module list is stale"

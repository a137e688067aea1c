"""The rules table covers every URL: a new URL without a rule fails here."""

from __future__ import annotations

from django.contrib import admin

from portal.admin_site import PortalAdminSite
from tests.access.rules import RULES
from tests.access.urls import admin_registry_names, unnamed_patterns, url_names
from tests.access.world import ROLES


def test_every_url_name_has_a_rule():
    missing = sorted(url_names() - set(RULES))
    assert not missing, (
        "URL names without an access rule (add one line each to "
        "tests/access/rules.py or rules_console.py):\n  " + "\n  ".join(missing)
    )


def test_every_rule_names_a_real_url():
    stale = sorted(set(RULES) - url_names())
    assert not stale, "rules for URL names that no longer exist: " + ", ".join(stale)


def test_no_unnamed_url_escapes_the_matrix():
    assert unnamed_patterns() == []


def test_the_registry_walked_is_the_portal_console():
    assert isinstance(admin.site, PortalAdminSite)
    assert "admin:reporting_assessment_review" in admin_registry_names()
    assert len(admin.site._registry) >= 20


def test_every_rule_says_something_for_every_role():
    for name, cases in RULES.items():
        assert cases, name
        for case in cases:
            assert set(case.expect) == set(ROLES), name

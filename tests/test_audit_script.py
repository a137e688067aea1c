"""The audit's verdict on pip-audit's JSON: accepted findings need a written reason."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "audit.py"
spec = importlib.util.spec_from_file_location("audit", SCRIPT)
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

REPORT = [
    {
        "name": "django",
        "version": "5.2.0",
        "vulns": [
            {"id": "PYSEC-2025-1", "aliases": ["CVE-2025-1"], "fix_versions": ["5.2.1"]}
        ],
    },
    {
        "name": "weasyprint",
        "version": "65.0",
        "vulns": [{"id": "GHSA-aaaa", "aliases": ["CVE-2025-2"], "fix_versions": []}],
    },
    {"name": "redis", "version": "8.1.0", "vulns": []},
]


def test_every_unaccepted_vulnerability_is_reported():
    found = audit.unaccepted(REPORT, {})
    assert [f[2] for f in found] == ["PYSEC-2025-1", "GHSA-aaaa"]


def test_an_accepted_id_or_alias_is_not_reported():
    found = audit.unaccepted(REPORT, {"CVE-2025-2": "URL fetcher never enabled"})
    assert [f[2] for f in found] == ["PYSEC-2025-1"]


def test_the_ignore_file_needs_a_reason_per_entry(tmp_path, monkeypatch):
    ignore = tmp_path / "audit-ignore.txt"
    ignore.write_text("# comment\nGHSA-bbbb\n")
    monkeypatch.setattr(audit, "IGNORE_FILE", ignore)
    with pytest.raises(SystemExit, match="needs a reason"):
        audit.ignored_ids()
    ignore.write_text("GHSA-bbbb  # only in code we never call\n")
    assert audit.ignored_ids() == {"GHSA-bbbb": "only in code we never call"}


def test_the_committed_ignore_file_is_valid():
    assert isinstance(audit.ignored_ids(), dict)

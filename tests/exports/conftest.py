"""A helper that runs one export (the scored year comes from tests/plugin.py)."""

from __future__ import annotations

import pytest

from exports.models import ExportJob
from exports.services import export_request
from regions.models import Province, Regency


@pytest.fixture
def run_export(django_capture_on_commit_callbacks):
    """Request an export and let its task run (eagerly, after commit) as a worker would."""

    def run(kind, fmt, actor, catalogue, province="", regency="") -> ExportJob:
        with django_capture_on_commit_callbacks(execute=True):
            job = export_request(
                kind=kind,
                fmt=fmt,
                actor=actor,
                catalogue=catalogue,
                province=Province.objects.get(code=province) if province else None,
                regency=Regency.objects.get(code=regency) if regency else None,
            )
        job.refresh_from_db()
        return job

    return run

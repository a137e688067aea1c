"""Upgrading a database from before the shared apps: previews, notices and export jobs
written by the old ``reporting`` app are all still there, and still usable, after the
models moved to ``files``, ``notices`` and ``exports``."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("reporting", "0007_evidence_previews"),
    ("indicators", "0001_initial"),  # before the catalogue held the year's identity
    ("outbox", "0001_outbox_task"),
    ("regions", "0003_kanwil_offices"),  # before regions recorded their last change
    ("files", None),
    ("notices", None),
    ("exports", None),
]


def _migrate(targets=None):
    """Migrate to ``targets`` (every app's latest when None); the apps at that state."""
    executor = MigrationExecutor(connection)
    targets = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state([t for t in targets if t[1]]).apps


@pytest.fixture
def latest_schema_after():
    """Whatever the test meets, the worker's database ends at the latest migrations:
    the modules that run after it on this worker need the current schema."""
    yield
    _migrate()


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_rows_of_the_moved_models_survive_the_upgrade(
    without_regions, latest_schema_after
):
    old = _migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Province = old.get_model("regions", "Province")
    Regency = old.get_model("regions", "Regency")
    Catalogue = old.get_model("indicators", "Catalogue")
    Assessment = old.get_model("reporting", "Assessment")
    person = User.objects.create(username="lama", email="lama@example.go.id")
    province = Province.objects.get_or_create(
        code="33", defaults={"name": "Jawa Tengah"}
    )[0]
    regency = Regency.objects.get_or_create(
        code="33.73", defaults={"name": "Kota Salatiga", "province": province}
    )[0]
    catalogue = Catalogue.objects.create(
        year=2030, data_year=2029, title="Katalog contoh", legal_basis="-"
    )
    assessment = Assessment.objects.create(
        regency=regency, catalogue=catalogue, deadline="2030-03-31T16:59:00Z"
    )
    old.get_model("reporting", "Preview").objects.create(sha256="a" * 64, size=10)
    old.get_model("reporting", "Notification").objects.create(
        recipient=person,
        event_key="submitted:1",
        assessment=assessment,
        subject="Penilaian dikirim",
        body="-",
        url="/",
    )
    old.get_model("reporting", "ExportJob").objects.create(
        requested_by=person, kind="scorecard", format="pdf", catalogue=catalogue
    )
    old.get_model("outbox", "OutboxTask").objects.create(
        task="reporting.tasks.render_export", args=[1]
    )

    new = _migrate()

    assert new.get_model("files", "Preview").objects.get().sha256 == "a" * 64
    notice = new.get_model("notices", "Notification").objects.get()
    assert (notice.about_type.app_label, notice.about_type.model) == (
        "reporting",
        "assessment",
    )
    assert notice.about_id == assessment.pk
    assert new.get_model("exports", "ExportJob").objects.get().kind == "scorecard"
    assert new.get_model("outbox", "OutboxTask").objects.get().task == (
        "exports.tasks.render_export"
    )
    # A region row from before has the time of its last change (the upgrade's).
    assert new.get_model("regions", "Regency").objects.get().changed_at is not None
    tables = connection.introspection.table_names()
    assert {"files_preview", "notices_notification", "exports_exportjob"} <= set(tables)
    assert not {"reporting_preview", "reporting_notification"} & set(tables)

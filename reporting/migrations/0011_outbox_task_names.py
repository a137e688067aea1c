"""Tasks still waiting in the outbox under their old names (``reporting.tasks.*``)
are renamed to the apps they now live in, so none is lost across the upgrade."""

from django.db import migrations

MOVED = {
    "render_preview": "files",
    "purge_removed_evidence": "files",
    "send_notification_email": "notices",
    "render_export": "exports",
    "expire_exports": "exports",
    "sweep_stale_exports": "exports",
}


def _rename(apps, old, new):
    OutboxTask = apps.get_model("outbox", "OutboxTask")
    for name, app in MOVED.items():
        OutboxTask.objects.filter(task=old(name, app)).update(task=new(name, app))


def forwards(apps, schema_editor):
    _rename(apps, lambda n, a: f"reporting.tasks.{n}", lambda n, a: f"{a}.tasks.{n}")


def backwards(apps, schema_editor):
    _rename(apps, lambda n, a: f"{a}.tasks.{n}", lambda n, a: f"reporting.tasks.{n}")


class Migration(migrations.Migration):

    dependencies = [
        ("reporting", "0010_exportjob_moves_to_exports"),
        ("files", "0001_initial"),
        ("notices", "0001_initial"),
        ("exports", "0001_initial"),
        ("outbox", "0001_outbox_task"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

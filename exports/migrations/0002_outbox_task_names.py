"""Tasks still waiting in the outbox under their old names (``reporting.tasks.*``)
are renamed to where the tasks now live, so none is lost across the upgrade."""

from django.db import migrations

TASKS = ['render_export', 'expire_exports', 'sweep_stale_exports']


def forwards(apps, schema_editor):
    OutboxTask = apps.get_model("outbox", "OutboxTask")
    for name in TASKS:
        OutboxTask.objects.filter(task=f"reporting.tasks.{name}").update(
            task=f"exports.tasks.{name}"
        )


def backwards(apps, schema_editor):
    OutboxTask = apps.get_model("outbox", "OutboxTask")
    for name in TASKS:
        OutboxTask.objects.filter(task=f"exports.tasks.{name}").update(
            task=f"reporting.tasks.{name}"
        )


class Migration(migrations.Migration):

    dependencies = [
        ("exports", "0001_initial"),
        ("outbox", "0001_outbox_task"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]

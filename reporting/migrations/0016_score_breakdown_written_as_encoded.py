import kernel.json
from django.db import migrations, models


def breakdown_lz4(apps, schema_editor):
    """PostgreSQL: compress the breakdowns with lz4 where the server has it; a
    national recompute rewrites 514 of them (about 8 MB) and pglz costs about a
    third of that write."""
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 'lz4' = ANY(enumvals) FROM pg_settings "
            "WHERE name = 'default_toast_compression'"
        )
        row = cursor.fetchone()
        if row and row[0]:
            cursor.execute(
                "ALTER TABLE reporting_score ALTER COLUMN breakdown SET COMPRESSION lz4"
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0015_answer_sheet_plan_kept_for_confirmation"),
    ]

    operations = [
        migrations.AlterField(
            model_name="score",
            name="breakdown",
            field=models.JSONField(
                encoder=kernel.json.PreEncodedJSON, verbose_name="rincian"
            ),
        ),
        migrations.RunPython(breakdown_lz4, migrations.RunPython.noop),
    ]

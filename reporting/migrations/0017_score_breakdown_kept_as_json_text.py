"""Score breakdowns kept as their JSON text (PostgreSQL ``text``, was ``jsonb``): a
national recompute writes about 4 MB of them, and jsonb's parse was most of that
write. The category scores that lists of many scores read get their own small
column, filled here from each stored breakdown. The breakdown column keeps lz4
compression where the server has it."""

from importlib import import_module

import kernel.json
from django.db import migrations, models

# The lz4 step of the migration before, applied again after the type change.
breakdown_lz4 = import_module(
    "reporting.migrations.0016_score_breakdown_written_as_encoded"
).breakdown_lz4


def category_scores_from_breakdowns(apps, schema_editor):
    Score = apps.get_model("reporting", "Score")
    for score in Score.objects.only("breakdown").iterator(chunk_size=200):
        categories = (score.breakdown or {}).get("categories", [])
        score.category_scores = [
            {"code": c.get("code", ""), "score": c.get("score", "0")}
            for c in categories
        ]
        score.save(update_fields=["category_scores"])


def _breakdown_type(type_):
    def alter(apps, schema_editor):
        # Both fields are JSONFields to Django, which would not write the USING.
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(
                f"ALTER TABLE reporting_score ALTER COLUMN breakdown "
                f"TYPE {type_} USING breakdown::{type_}"
            )

    return alter


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0016_score_breakdown_written_as_encoded"),
    ]

    operations = [
        migrations.AddField(
            model_name="score",
            name="category_scores",
            field=models.JSONField(default=list, verbose_name="nilai per kategori"),
        ),
        migrations.RunPython(
            category_scores_from_breakdowns, migrations.RunPython.noop
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="score",
                    name="breakdown",
                    field=kernel.json.JSONDocumentField(
                        encoder=kernel.json.PreEncodedJSON, verbose_name="rincian"
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(_breakdown_type("text"), _breakdown_type("jsonb")),
            ],
        ),
        migrations.RunPython(breakdown_lz4, migrations.RunPython.noop),
    ]

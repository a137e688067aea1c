"""Preview now belongs to the files app (its table was renamed there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0007_evidence_previews'),
        ('files', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Preview')],
            database_operations=[],
        ),
    ]

"""Notification now belongs to the notices app (its table was renamed there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0008_preview_moves_to_files'),
        ('notices', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Notification')],
            database_operations=[],
        ),
    ]

"""ExportJob now belongs to the exports app (its table was renamed there)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0009_notification_moves_to_notices'),
        ('exports', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='ExportJob')],
            database_operations=[],
        ),
    ]

"""Preview moves here from reporting: the state is taken over, then the table renamed."""

from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('reporting', '0007_evidence_previews'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.CreateModel(
                    name='Preview',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sha256', models.CharField(max_length=64, verbose_name='SHA-256')),
                        ('size', models.PositiveBigIntegerField(verbose_name='ukuran (bita)')),
                        ('status', models.CharField(choices=[('pending', 'Menunggu'), ('running', 'Diproses'), ('done', 'Selesai'), ('failed', 'Gagal')], default='pending', max_length=10, verbose_name='status')),
                        ('reason', models.CharField(blank=True, max_length=300, verbose_name='alasan')),
                        ('cpu_seconds', models.DecimalField(blank=True, decimal_places=2, max_digits=8, null=True, verbose_name='detik CPU')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='dibuat pada')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='mulai')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='selesai')),
                    ],
                    options={
                        'verbose_name': 'pratinjau',
                        'verbose_name_plural': 'pratinjau',
                        'db_table': 'reporting_preview',
                        'constraints': [models.UniqueConstraint(fields=('sha256', 'size'), name='preview_one_per_content')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='preview', table=None),
    ]

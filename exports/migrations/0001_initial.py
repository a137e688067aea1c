"""ExportJob moves here from reporting: the state is taken over, then the table renamed."""

import django.db.models.deletion
import django.utils.timezone
import exports.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('indicators', '0001_initial'),
        ('regions', '0001_initial'),
        ('reporting', '0009_notification_moves_to_notices'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='ExportJob',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(max_length=40, verbose_name='jenis')),
                        ('format', models.CharField(choices=[('pdf', 'PDF'), ('xlsx', 'XLSX'), ('zip', 'ZIP')], max_length=4, verbose_name='format')),
                        ('status', models.CharField(choices=[('pending', 'Menunggu'), ('running', 'Diproses'), ('done', 'Selesai'), ('failed', 'Gagal'), ('expired', 'Kedaluwarsa')], default='pending', max_length=10, verbose_name='status')),
                        ('progress', models.PositiveSmallIntegerField(default=0, verbose_name='kemajuan (%)')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='percobaan')),
                        ('file', models.FileField(max_length=200, upload_to=exports.models.export_path, verbose_name='berkas')),
                        ('file_name', models.CharField(blank=True, max_length=150, verbose_name='nama berkas')),
                        ('size', models.PositiveBigIntegerField(default=0, verbose_name='ukuran (bita)')),
                        ('error', models.TextField(blank=True, verbose_name='alasan gagal')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='diminta pada')),
                        ('started_at', models.DateTimeField(blank=True, null=True, verbose_name='mulai diproses')),
                        ('heartbeat_at', models.DateTimeField(blank=True, null=True, verbose_name='tanda hidup')),
                        ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='selesai pada')),
                        ('expires_at', models.DateTimeField(blank=True, null=True, verbose_name='kedaluwarsa pada')),
                        ('catalogue', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to='indicators.catalogue', verbose_name='katalog')),
                        ('province', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='regions.province', verbose_name='provinsi')),
                        ('regency', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='regions.regency', verbose_name='kabupaten/kota')),
                        ('requested_by', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='export_jobs', to=settings.AUTH_USER_MODEL, verbose_name='diminta oleh')),
                    ],
                    options={
                        'verbose_name': 'ekspor',
                        'verbose_name_plural': 'ekspor',
                    'db_table': 'reporting_exportjob',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'started_at'], name='export_status_idx'), models.Index(fields=['requested_by', '-created_at'], name='export_mine_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='export_progress_max_100')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='exportjob', table=None),
    ]

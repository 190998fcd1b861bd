from django.db import migrations


class Migration(migrations.Migration):
    """TaskWorker moved to the documents app; its table stays (documents 0002 takes it over)."""

    dependencies = [
        ("committee", "0008_task_worker_leases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="TaskWorker")]),
    ]

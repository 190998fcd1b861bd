from django.db import migrations, models


class Migration(migrations.Migration):
    """TaskWorker, moved here from the committee app: the table exists already (committee 0008)."""

    dependencies = [
        ("documents", "0001_initial"),
        ("committee", "0008_task_worker_leases"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="TaskWorker",
                    fields=[
                        ("worker_id", models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ("seen_at", models.DateTimeField()),
                    ],
                    options={"db_table": "committee_taskworker"},
                ),
            ]
        ),
    ]

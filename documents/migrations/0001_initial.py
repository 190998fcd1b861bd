from django.db import migrations, models


class Migration(migrations.Migration):
    """FileFacts, moved here from the open data app: the table exists already (opendata 0003)."""

    initial = True

    dependencies = [
        ("opendata", "0003_tombstones_and_file_facts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="FileFacts",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "file_id",
                            models.CharField(help_text='Its OParl file id: "report-12"', max_length=60, unique=True),
                        ),
                        (
                            "version",
                            models.CharField(help_text="Which build of the file these facts describe", max_length=100),
                        ),
                        ("size", models.PositiveBigIntegerField()),
                        ("sha512", models.CharField(max_length=128)),
                        ("text", models.TextField(blank=True, help_text="The file's text, where the council has it")),
                        ("recorded_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={"db_table": "opendata_filefacts", "verbose_name_plural": "file facts"},
                ),
            ]
        ),
    ]

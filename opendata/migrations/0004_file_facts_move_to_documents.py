from django.db import migrations


class Migration(migrations.Migration):
    """FileFacts moved to the documents app; its table stays where it is (documents 0001 takes it over)."""

    dependencies = [
        ("opendata", "0003_tombstones_and_file_facts"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[migrations.DeleteModel(name="FileFacts")]),
    ]

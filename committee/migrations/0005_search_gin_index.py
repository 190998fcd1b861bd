"""The search index's GIN index. PostgreSQL only: SQLite has no tsvector, and search there
falls back to a plain substring match (publishing/search.py)."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS searchdoc_vector_gin ON committee_searchdocument USING gin (search_vector)"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS searchdoc_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("committee", "0004_meetings_minutes_packs_search")]

    operations = [migrations.RunPython(create_index, drop_index)]

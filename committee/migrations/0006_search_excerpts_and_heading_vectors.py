"""Search results' snippets come from a stored excerpt, and the best matches are chosen by a small
title-and-summary vector (publishing/search.py). Existing entries are filled in here."""

import django.contrib.postgres.search
from django.db import migrations, models

EXCERPT_CHARS = 800


def fill(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # As publishing.search.excerpt: whitespace folded, at most EXCERPT_CHARS, cut at a word.
        schema_editor.execute(
            "UPDATE committee_searchdocument SET "
            "excerpt = left(regexp_replace(btrim(summary || ' ' || body), '\\s+', ' ', 'g'), %s), "
            "heading_vector = setweight(to_tsvector('english', title), 'A') "
            "|| setweight(to_tsvector('english', summary), 'B')",
            [EXCERPT_CHARS + 1],
        )
        schema_editor.execute(
            "UPDATE committee_searchdocument SET excerpt = regexp_replace(excerpt, ' \\S*$', '') "
            "WHERE length(excerpt) > %s",
            [EXCERPT_CHARS],
        )
        return
    SearchDocument = apps.get_model("committee", "SearchDocument")
    for document in SearchDocument.objects.only("summary", "body"):
        text = " ".join(f"{document.summary} {document.body}".split())
        document.excerpt = text if len(text) <= EXCERPT_CHARS else text[:EXCERPT_CHARS].rsplit(" ", 1)[0]
        document.save(update_fields=["excerpt"])


class Migration(migrations.Migration):
    dependencies = [("committee", "0005_search_gin_index")]

    operations = [
        migrations.AddField(model_name="searchdocument", name="excerpt", field=models.TextField(blank=True)),
        migrations.AddField(
            model_name="searchdocument",
            name="heading_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["-date", "-id"], name="searchdoc_newest_idx"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=True),
    ]

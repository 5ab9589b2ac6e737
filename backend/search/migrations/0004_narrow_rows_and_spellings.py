"""Narrow document rows (large vectors out of line), name terms for the first ranking phase,
and the spelling dictionary of the typo pass (backend/search/models.py)."""

import django.contrib.postgres.indexes
import django.contrib.postgres.search
from django.db import migrations, models

DOC = "search_searchdocument"


class Migration(migrations.Migration):
    dependencies = [("search", "0003_document_head_terms")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="name_terms",
            field=django.contrib.postgres.search.SearchVectorField(null=True),
        ),
        migrations.CreateModel(
            name="SearchSpelling",
            fields=[
                (
                    "id",
                    models.AutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("spelling", models.TextField(unique=True)),
            ],
            options={
                "indexes": [
                    django.contrib.postgres.indexes.GinIndex(
                        django.contrib.postgres.indexes.OpClass("spelling", name="gin_trgm_ops"),
                        name="search_spelling_trgm",
                    )
                ],
            },
        ),
        migrations.RemoveIndex(model_name="searchdocument", name="search_doc_spelling_trgm"),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["spelling"], name="search_doc_spelling"),
        ),
        migrations.RunSQL(
            [
                # Rows over 512 bytes move their largest values (terms, head_terms) out of line.
                f"ALTER TABLE {DOC} SET (toast_tuple_target = 512)",
                f"ALTER TABLE {DOC} ALTER COLUMN name_terms SET STORAGE PLAIN",
                f"UPDATE {DOC} SET name_terms = strip(ts_filter(head_terms, '{{a}}')) "
                "WHERE head_terms IS NOT NULL",
                "INSERT INTO search_searchspelling (spelling) SELECT DISTINCT spelling "
                f"FROM {DOC} WHERE spelling <> '' ON CONFLICT DO NOTHING",
            ],
            [f"ALTER TABLE {DOC} RESET (toast_tuple_target)"],
        ),
    ]

"""pg_trgm's `<%` costs ~14 µs a row (word similarity), but the planner prices it as a
cheap operator and scans the whole spelling dictionary rather than its trigram index (1.1 s
against 0.09 s at 100,000 spellings). Price it as what it is. Needs the function's owner (the
embedded server's superuser); elsewhere it is skipped and the index is merely not preferred."""

from django.db import migrations

RAISE = """
DO $$ BEGIN
    ALTER FUNCTION word_similarity_op(text, text) COST 100;
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$;
"""
RESET = """
DO $$ BEGIN
    ALTER FUNCTION word_similarity_op(text, text) COST 1;
EXCEPTION WHEN insufficient_privilege THEN NULL;
END $$;
"""


class Migration(migrations.Migration):
    dependencies = [("search", "0005_document_cluster_order")]

    operations = [migrations.RunSQL(RAISE, RESET)]

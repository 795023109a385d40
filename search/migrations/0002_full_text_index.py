"""The vendor-specific full-text index beside SearchEntry (see search/backends/database.py)."""

from django.db import migrations


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        # Holds the Dutch stems made by search.text.analyse; rowid is SearchEntry.id.
        schema_editor.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, body, file_text, tokenize = 'unicode61')"
        )
    elif vendor == "postgresql":
        # vector (everything) matches through the GIN index; head (title and summary) is small, so
        # ranking many matches never has to read the large vectors of long bodies and files.
        schema_editor.execute("ALTER TABLE search_searchentry ADD COLUMN vector tsvector")
        schema_editor.execute("ALTER TABLE search_searchentry ADD COLUMN head tsvector")
        schema_editor.execute("CREATE INDEX search_entry_vector ON search_searchentry USING GIN (vector)")


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    elif vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_vector")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS vector")
        schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS head")


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]

"""SQLite: what a search needs beside the full-text match, without reading the wide entry rows.

* ``search_entry_id_type_date``: the ranking's penalty and order need each match's type and
  date; read from the entry itself they cost a walk through the overflow pages of its body.
* ``search_index_state``: a random token that every change of the index replaces, so that
  each process can keep the facet values' entry sets (search.backends.database) until then.

PostgreSQL has its own narrow table and generation (0004, 0005): nothing changes there.
"""

from django.db import migrations


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute(
        "CREATE INDEX search_entry_id_type_date ON search_searchentry (id, type, date)"
    )
    schema_editor.execute(
        "CREATE TABLE search_index_state (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL)"
    )
    schema_editor.execute("INSERT INTO search_index_state (id, token) VALUES (1, lower(hex(randomblob(16))))")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_id_type_date")
    schema_editor.execute("DROP TABLE IF EXISTS search_index_state")


class Migration(migrations.Migration):
    dependencies = [("search", "0008_editors_manage_synonyms")]

    operations = [migrations.RunPython(forwards, backwards)]

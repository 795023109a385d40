"""PostgreSQL only: facet values on the entry itself, a date order index and an index generation.

``facets`` holds an entry's "facet:value" keys (as SearchFacetValue rows do), so
that a search filters through one GIN index and counts facets over its own
matches only, without joining a side table of several values per entry.
``search_index_generation`` is bumped on every change of the index; cached
counts of the unfiltered index are keyed by it (see search/backends/database.py).
"""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("ALTER TABLE search_searchentry ADD COLUMN facets text[] NOT NULL DEFAULT '{}'")
    schema_editor.execute(
        "UPDATE search_searchentry AS e SET facets = f.keys FROM "
        "(SELECT entry_id, array_agg(value) AS keys FROM search_searchfacetvalue GROUP BY entry_id) AS f "
        "WHERE e.id = f.entry_id"
    )
    schema_editor.execute("CREATE INDEX search_entry_facets ON search_searchentry USING GIN (facets)")
    schema_editor.execute(
        "CREATE INDEX search_entry_newest ON search_searchentry (date DESC NULLS LAST, id DESC)"
    )
    schema_editor.execute("CREATE SEQUENCE search_index_generation")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("DROP SEQUENCE IF EXISTS search_index_generation")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_newest")
    schema_editor.execute("DROP INDEX IF EXISTS search_entry_facets")
    schema_editor.execute("ALTER TABLE search_searchentry DROP COLUMN IF EXISTS facets")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_editors_manage_picks")]

    operations = [migrations.RunPython(create, drop)]

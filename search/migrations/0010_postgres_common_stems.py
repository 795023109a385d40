"""PostgreSQL only: the entries of the index's common words as bit sets (search.backends.common_words).

``search_common_stem`` holds per stem that many entries hold the entries with it anywhere,
in the title and in the head, as bytes (bit n stands for entry id n). It starts empty: the
next full reindex or ``search_common_words`` fills it; until then searches use the GIN index.
Emptying the entries (a test teardown's TRUNCATE) empties it too, as it does the match table.
"""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION search_entry_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE search_entry_match;{common}
    ELSE
        DELETE FROM search_entry_match AS m USING gone WHERE m.id = gone.id;
    END IF;
    RETURN NULL;
END $$;
"""

CREATE = (
    """
CREATE TABLE search_common_stem (
    stem text PRIMARY KEY,
    matched bytea NOT NULL,
    title bytea NOT NULL,
    head bytea NOT NULL
);
-- Read whole on every first search of a word: stored uncompressed, nothing to unpack.
ALTER TABLE search_common_stem ALTER COLUMN matched SET STORAGE EXTERNAL,
    ALTER COLUMN title SET STORAGE EXTERNAL, ALTER COLUMN head SET STORAGE EXTERNAL;
"""
    + FUNCTION.replace("{common}", "\n        TRUNCATE search_common_stem;")
)

DROP = FUNCTION.replace("{common}", "") + "DROP TABLE search_common_stem;"


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0009_sqlite_search_speed")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

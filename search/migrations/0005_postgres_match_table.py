"""PostgreSQL only: what a search matches and counts moves to a narrow table beside SearchEntry.

``search_entry_match`` holds per entry only its date, its facet keys as integer
ids, the ranked title-and-summary vector ``head`` and the full ``vector``, which a
search never reads: the GIN index answers the text match. PostgreSQL moves values
out of line only from rows over 2 kB; such rows are then shrunk down to 128 bytes
(``toast_tuple_target``), the full vector going first. At 50,000 bench items the
table has about 7 rows per page, SearchEntry (with its bodies) 5; a search reads
fewer and denser pages, and no bodies. ``search_facet_key`` numbers the
"facet:value" keys: counting groups integers instead of strings.

SearchEntry rows are deleted by the ORM and truncated by test teardowns, which
know nothing of this table: triggers delete its rows with them.
"""

from django.db import migrations

CREATE = """
CREATE TABLE search_facet_key (
    id serial PRIMARY KEY,
    key varchar(200) NOT NULL UNIQUE,
    facet varchar(50) NOT NULL
);
CREATE INDEX search_facet_key_facet ON search_facet_key (facet);
CREATE TABLE search_entry_match (
    id integer PRIMARY KEY,
    date date,
    facets integer[] NOT NULL DEFAULT '{}',
    head tsvector NOT NULL,
    vector tsvector NOT NULL
) WITH (toast_tuple_target = 128);
-- A search reads facets and head: inline (out of line only if a row could not fit); the full vector goes first.
ALTER TABLE search_entry_match ALTER COLUMN facets SET STORAGE MAIN,
    ALTER COLUMN head SET STORAGE MAIN, ALTER COLUMN vector SET STORAGE EXTERNAL;

INSERT INTO search_facet_key (key, facet)
    SELECT DISTINCT k, split_part(k, ':', 1) FROM search_searchentry, unnest(facets) AS k ORDER BY 1;
INSERT INTO search_entry_match (id, date, facets, head, vector)
    SELECT e.id, e.date, ARRAY(SELECT k.id FROM search_facet_key AS k WHERE k.key = ANY(e.facets)),
        coalesce(e.head, ''), coalesce(e.vector, '')
    FROM search_searchentry AS e;
CREATE INDEX search_match_vector ON search_entry_match USING GIN (vector);
CREATE INDEX search_match_facets ON search_entry_match USING GIN (facets);
CREATE INDEX search_match_newest ON search_entry_match (date DESC NULLS LAST, id DESC);

CREATE FUNCTION search_entry_match_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        TRUNCATE search_entry_match;
    ELSE
        DELETE FROM search_entry_match AS m USING gone WHERE m.id = gone.id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER search_entry_match_delete AFTER DELETE ON search_searchentry
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION search_entry_match_delete();
CREATE TRIGGER search_entry_match_truncate AFTER TRUNCATE ON search_searchentry
    FOR EACH STATEMENT EXECUTE FUNCTION search_entry_match_delete();

DROP INDEX search_entry_vector;
DROP INDEX search_entry_facets;
DROP INDEX search_entry_newest;
ALTER TABLE search_searchentry DROP COLUMN vector, DROP COLUMN head, DROP COLUMN facets;
"""

DROP = """
ALTER TABLE search_searchentry ADD COLUMN vector tsvector, ADD COLUMN head tsvector,
    ADD COLUMN facets text[] NOT NULL DEFAULT '{}';
UPDATE search_searchentry AS e SET vector = m.vector, head = m.head,
    facets = ARRAY(SELECT k.key FROM search_facet_key AS k WHERE k.id = ANY(m.facets))
    FROM search_entry_match AS m WHERE m.id = e.id;
CREATE INDEX search_entry_vector ON search_searchentry USING GIN (vector);
CREATE INDEX search_entry_facets ON search_searchentry USING GIN (facets);
CREATE INDEX search_entry_newest ON search_searchentry (date DESC NULLS LAST, id DESC);
DROP TRIGGER search_entry_match_truncate ON search_searchentry;
DROP TRIGGER search_entry_match_delete ON search_searchentry;
DROP FUNCTION search_entry_match_delete();
DROP TABLE search_entry_match;
DROP TABLE search_facet_key;
"""


def run(sql):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # Without parameters: several statements (and a function body) in one go.
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0004_postgres_facet_array")]

    operations = [migrations.RunPython(run(CREATE), run(DROP))]

"""SQLite's FTS5 index gets columns for keywords (theme, target group and tag names) and compound parts.

The index is refilled from the entries here; on PostgreSQL the vectors change
meaning too (stems from search.text.analyse, parts and keywords): run
``manage.py search_reindex`` after this migration there.
"""

from django.db import migrations

COLUMNS = "title, summary, keywords, title_parts, body, file_text, text_parts"


def refill(apps, schema_editor):
    from search.backends.base import SearchDocument
    from search.backends.database import FTS_COLUMNS, _fts_texts

    SearchEntry = apps.get_model("search", "SearchEntry")
    SearchFacetValue = apps.get_model("search", "SearchFacetValue")
    keywords = {}
    for entry_id, value in SearchFacetValue.objects.filter(
        value__regex=r"^(theme|target_group|tag):"
    ).values_list("entry_id", "value"):
        keywords.setdefault(entry_id, []).append(value.partition(":")[2])
    rows = []
    for entry in SearchEntry.objects.all().iterator(chunk_size=500):
        document = SearchDocument(
            key=entry.key, type=entry.type, title=entry.title, url=entry.url, summary=entry.summary,
            body=entry.body, file_text=entry.file_text, tags=tuple(keywords.get(entry.pk, ())),
        )  # fmt: skip
        rows.append((entry.pk, *_fts_texts(document)))
    with schema_editor.connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO search_fts (rowid, {', '.join(FTS_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows
        )


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    schema_editor.execute(f"CREATE VIRTUAL TABLE search_fts USING fts5({COLUMNS}, tokenize = 'unicode61')")
    refill(apps, schema_editor)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TABLE IF EXISTS search_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, summary, body, file_text, tokenize = 'unicode61')"
    )


class Migration(migrations.Migration):
    dependencies = [("search", "0006_synonymgroup")]

    operations = [migrations.RunPython(forwards, backwards)]

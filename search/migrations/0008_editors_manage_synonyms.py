"""Editors and moderators keep the search synonyms, as they keep the editor's picks (0003)."""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants({group: {"search": actions_on(("synonymgroup",))} for group in ("Editors", "Moderators")})


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_fts_keywords_parts")]

    operations = [migrations.RunPython(grant, revoke)]

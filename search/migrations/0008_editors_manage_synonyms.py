"""Editors and moderators keep the search synonyms, as they keep the editor's picks (0003)."""

from importlib import import_module

from django.db import migrations

granting = import_module("search.migrations.0003_editors_manage_picks").granting

CODENAMES = ["add_synonymgroup", "change_synonymgroup", "delete_synonymgroup", "view_synonymgroup"]


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_fts_keywords_parts")]

    operations = [migrations.RunPython(*granting(CODENAMES))]

"""Editors verify and maintain organisations and the vocabularies of the social map in the Wagtail admin.

membership.py emails the Editors and Moderators groups when an organisation waits for verification,
so both must be able to open and verify it:

- Editors: view, add, change and delete organisations, their categories and languages, and the
  shared vocabularies (themes, target groups, municipalities). They keep the lists clean.
- Moderators: view and change organisations, enough to verify or archive one. They moderate
  content; the vocabularies and deleting organisations stay with the editors.

The groups come from Wagtail's own migrations; a site without them gets nothing here
(members.demo recreates them with the same rights).
"""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants(
    {
        "Editors": {
            "members": actions_on(("organisation", "organisationcategory", "language")),
            "core": actions_on(("theme", "targetgroup", "municipality")),
        },
        "Moderators": {"members": actions_on(("organisation",), ("view", "change"))},
    }
)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_invitation_profile_joinrequest"),
        ("core", "0003_load_municipalities"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

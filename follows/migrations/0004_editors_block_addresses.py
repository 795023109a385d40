"""Editors block addresses that bounced or complained in the Wagtail admin (Settings)."""

from django.db import migrations

from core.migration_permissions import actions_on, group_grants

grant, revoke = group_grants({"Editors": {"follows": actions_on(("suppressedaddress",))}})


class Migration(migrations.Migration):
    dependencies = [
        ("follows", "0003_guest_digest_watermark"),
        ("wagtailcore", "0002_initial_data"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]

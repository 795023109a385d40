"""Existing organisations in the shape the model's rules now give: postcode '1234 AB', phone numbers in one
format, and no slug that a page of the site uses. A value that breaks the rule is left as it is (an editor
fixes it the next time the profile is saved); nothing is thrown away."""

from django.core.exceptions import ValidationError
from django.db import migrations

from core.fields import normalise_phone, normalise_postcode

RESERVED_SLUGS = {"nieuw"}  # as members.models.organisations.RESERVED_SLUGS when this was written


def normalised(value, normalise):
    try:
        return normalise(value.strip())
    except ValidationError:
        return value


def forwards(apps, schema_editor):
    Organisation = apps.get_model("members", "Organisation")
    for organisation in Organisation.objects.exclude(postcode="", phone="").iterator():
        changed = []
        for name, normalise in (("postcode", normalise_postcode), ("phone", normalise_phone)):
            value = getattr(organisation, name)
            if value and normalised(value, normalise) != value:
                setattr(organisation, name, normalised(value, normalise))
                changed.append(name)
        if changed:
            organisation.save(update_fields=changed)
    for organisation in Organisation.objects.filter(slug__in=RESERVED_SLUGS):
        number = 2
        while Organisation.objects.filter(slug=f"{organisation.slug}-{number}").exists():
            number += 1
        organisation.slug = f"{organisation.slug}-{number}"
        organisation.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [("members", "0009_organisation_rules_postcode_phone_reserved_slug")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]

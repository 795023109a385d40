"""All Dutch municipalities, shipped as data so that every site can offer the full list.

`core/data/municipalities.csv` holds the municipal division of the Netherlands on 1 January 2025
as published by CBS (Centraal Bureau voor de Statistiek, "Gemeentelijke indeling op 1 januari
2025"): 342 municipalities with their CBS code (GM + four digits), name and province. After a
municipal merger, update the file from CBS's list and run `manage.py load_municipalities`.
"""

import csv
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from .taxonomy import Municipality

DATA_FILE = Path(__file__).resolve().parent / "data" / "municipalities.csv"
# Names people use that are not the official one.
ALIASES = {"den haag": "'s-Gravenhage", "den bosch": "'s-Hertogenbosch"}


def find_municipality(name):
    """The municipality called `name` (ignoring case, or a common alias), or None. Importers use this
    instead of creating one: a typo must not add a municipality to the filters."""
    name = " ".join(name.split())
    return Municipality.objects.filter(name__iexact=ALIASES.get(name.lower(), name)).first()


def unknown_municipality_error(value):
    return _(
        "onbekende gemeente '%(value)s' in 'municipality'; gebruik de officiële naam van een Nederlandse gemeente "
        "(bijvoorbeeld 's-Gravenhage of Súdwest-Fryslân)"
    ) % {"value": value}


def read_municipalities(path=DATA_FILE):
    """[{"code", "name", "province"}] from the shipped CSV file."""
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            {"code": row["code"].strip(), "name": row["name"].strip(), "province": row["province"].strip()}
            for row in csv.DictReader(handle)
        ]


def load_municipalities(model=None, rows=None):
    """Add missing municipalities and fill in code and province of existing ones; returns (created, updated).

    An existing row is matched on its CBS code, else on its name (ignoring case), and keeps its name
    and slug: content, filters and links already use them. Running it again changes nothing.
    Migrations pass their historical model; everything else uses the current one.
    """
    model = Municipality if model is None else model
    rows = read_municipalities() if rows is None else rows
    existing = list(model.objects.all())
    by_code = {municipality.code: municipality for municipality in existing if municipality.code}
    by_name = {municipality.name.casefold(): municipality for municipality in existing}
    slugs = {municipality.slug for municipality in existing}
    created, updated = [], 0
    for row in rows:
        municipality = by_code.get(row["code"]) or by_name.get(row["name"].casefold())
        if municipality is None:
            slug = base = slugify(row["name"])[:74]
            counter = 2
            while slug in slugs:
                slug, counter = f"{base}-{counter}", counter + 1
            slugs.add(slug)
            created.append(model(name=row["name"], slug=slug, code=row["code"], province=row["province"]))
        elif (municipality.code, municipality.province) != (row["code"], row["province"]):
            municipality.code, municipality.province = row["code"], row["province"]
            municipality.save(update_fields=["code", "province"])
            updated += 1
    model.objects.bulk_create(created)
    return len(created), updated


def load():
    """Demo loader: a database emptied by tests or by hand gets the full list back."""
    load_municipalities()

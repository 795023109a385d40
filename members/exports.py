"""Export of a filtered social map list as CSV for a municipality's own directory.

One query for the organisations plus one per prefetched relation, however many rows there are.
"""

import csv
import io

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Organisation

MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A cell a spreadsheet never runs as a formula: a leading = + - @ gets a quote in front."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def export_rows(filters):
    organisations = (
        filters.apply(Organisation.objects.public())
        .select_related("category", "municipality")
        .prefetch_related("services")
        .order_by("name")[:MAX_ROWS]
    )
    prefix = reverse("members:organisation", args=["-"])[:-2]
    for organisation in organisations:
        yield [
            organisation.name,
            organisation.get_kind_display(),
            organisation.category.name if organisation.category else "",
            ", ".join(sorted(theme.name for theme in organisation.services.all())),
            organisation.address,
            organisation.postcode,
            organisation.city,
            organisation.municipality.name if organisation.municipality else "",
            organisation.phone,
            organisation.email,
            organisation.website,
            f"{prefix}{organisation.slug}/",
            organisation.last_confirmed.isoformat() if organisation.last_confirmed else "",
        ]


def header():
    return [
        _("Naam"),
        _("Soort"),
        _("Categorie"),
        _("Thema's"),
        _("Adres"),
        _("Postcode"),
        _("Plaats"),
        _("Gemeente"),
        _("Telefoon"),
        _("E-mailadres"),
        _("Website"),
        _("Profiel"),
        _("Laatst bevestigd"),
    ]


def social_map_csv(filters, base_url=""):
    """The filtered list as CSV text: UTF-8 with BOM and ';' between cells, as Dutch Excel opens it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in export_rows(filters):
        row[11] = base_url + row[11]
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()

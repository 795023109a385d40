"""Export of a filtered social map list as CSV for a municipality's own directory.

One query for the organisations plus one per prefetched relation, however many rows there are.
"""

import csv
import io

from django.urls import reverse
from django.utils.translation import gettext as _

from core.siteurl import absolute_url

from .models import Organisation

MAX_ROWS = 5000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
WEEKDAY_ABBREVIATIONS = ("ma", "di", "wo", "do", "vr", "za", "zo")


def safe_cell(value):
    """A cell a spreadsheet never runs as a formula: a leading = + - @ gets a quote in front."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def yes_no(value):
    """Ja, nee, or empty when the organisation did not say."""
    if value is None:
        return ""
    return _("ja") if value else _("nee")


def walk_in_times(organisation):
    """ "di 13:00–16:00; do 09:00–12:00": the weekly walk-in hours, from the prefetched rows."""
    return "; ".join(
        f"{WEEKDAY_ABBREVIATIONS[hour.weekday]} {hour.starts:%H:%M}–{hour.ends:%H:%M}"
        for hour in sorted(organisation.walk_in_hours.all(), key=lambda hour: (hour.weekday, hour.starts))
    )


def export_rows(filters):
    organisations = (
        filters.apply(Organisation.objects.public())
        .select_related("category", "municipality")
        .prefetch_related("services", "walk_in_hours", "languages", "help_services")
        .order_by("name")[:MAX_ROWS]
    )
    prefix = absolute_url(reverse("members:organisation", args=["-"])[:-2])  # one reverse, not one per row
    for organisation in organisations:
        yield [
            organisation.name,
            organisation.get_kind_display(),
            organisation.category.name if organisation.category else "",
            ", ".join(sorted(theme.name for theme in organisation.services.all())),
            ", ".join(service.name for service in organisation.help_services.all()),
            organisation.address,
            organisation.postcode,
            organisation.city,
            organisation.municipality.name if organisation.municipality else "",
            organisation.phone,
            organisation.email,
            organisation.website,
            walk_in_times(organisation),
            organisation.eligibility,
            yes_no(organisation.is_free),
            organisation.fees,
            yes_no(organisation.walk_in),
            yes_no(organisation.by_phone),
            yes_no(organisation.by_appointment),
            yes_no(organisation.by_referral),
            organisation.application_process,
            organisation.required_documents,
            ", ".join(sorted(language.name for language in organisation.languages.all())),
            yes_no(organisation.interpreter),
            yes_no(organisation.wheelchair),
            organisation.accessibility,
            f"{prefix}{organisation.slug}/",
            organisation.last_confirmed.isoformat() if organisation.last_confirmed else "",
        ]


def header():
    return [
        _("Naam"),
        _("Soort"),
        _("Categorie"),
        _("Thema's"),
        _("Diensten"),
        _("Adres"),
        _("Postcode"),
        _("Plaats"),
        _("Gemeente"),
        _("Telefoon"),
        _("E-mailadres"),
        _("Website"),
        _("Inlooptijden"),
        _("Voor wie"),
        _("Gratis"),
        _("Kosten"),
        _("Binnenlopen"),
        _("Bellen"),
        _("Afspraak"),
        _("Verwijzing"),
        _("Hoe vraagt u het aan"),
        _("Wat neemt u mee"),
        _("Talen"),
        _("Tolk mogelijk"),
        _("Rolstoeltoegankelijk"),
        _("Toegankelijkheid"),
        _("Profiel"),
        _("Laatst bevestigd"),
    ]


def social_map_csv(filters):
    """The filtered list as CSV text: UTF-8 with BOM and ';' between cells, as Dutch Excel opens it."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(header())
    for row in export_rows(filters):
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue()

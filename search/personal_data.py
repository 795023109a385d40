"""Search statistics in the retention run (core.personal_data): they hold no person, but people type names."""

from django.utils.translation import gettext as _

from core.personal_data import register

from .services import purge_query_statistics


def purge():
    return _("Oude zoekstatistieken verwijderd: %(statistics)d.") % {"statistics": purge_query_statistics()}


register("search", purge=purge)

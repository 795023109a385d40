"""What the agenda adds to the personal-data export, erasure and retention (core.personal_data)."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.personal_data import register

from .services import erase_for_user, personal_data, purge_personal_data


def purge():
    anonymised, deleted = purge_personal_data()
    months = settings.EVENTS_PERSONAL_DATA_RETENTION_MONTHS
    return (
        ngettext(
            "Aanmeldingen geanonimiseerd: %(anonymised)d (ouder dan %(months)d maand na de bijeenkomst).",
            "Aanmeldingen geanonimiseerd: %(anonymised)d (ouder dan %(months)d maanden na de bijeenkomst).",
            months,
        )
        % {"anonymised": anonymised, "months": months}
        + " "
        + _("Verlopen onbevestigde aanmeldingen verwijderd: %(deleted)d.") % {"deleted": deleted}
    )


register(
    "events",
    export=lambda user: {"event_registrations": personal_data(user)},
    erase=erase_for_user,  # coming registrations are cancelled (their seats go to the waiting list), the rest anonymised
    purge=purge,
)

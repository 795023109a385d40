"""Apply the privacy rule of core/private_media.py once to every image and document, e.g. after upgrading."""

from collections import Counter

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from wagtail.images import get_image_model

from core import private_media


class Command(BaseCommand):
    help = _(
        "Maak afbeeldingen en documenten die alleen niet-gepubliceerde of afgeschermde pagina's gebruiken "
        "niet-openbaar, en bestanden die een openbare pagina gebruikt openbaar."
    )

    def handle(self, *args, **options):
        verbosity = options["verbosity"]
        what = {
            private_media.MADE_PRIVATE: _("niet-openbaar gemaakt"),
            private_media.MADE_PUBLIC: _("openbaar gemaakt"),
            private_media.UNCHANGED: _("al goed, ongewijzigd"),
            private_media.UNUSED: _("door niets gebruikt, ongewijzigd"),
        }
        counts, renditions = Counter(), 0
        for outcome in private_media.apply_rule_to_every_file():
            counts[outcome.kind] += 1
            renditions += outcome.renditions_deleted
            label = self._label(outcome.file)
            if outcome.kind == private_media.MISSING:
                self.stderr.write(_("%(file)s: het bestand ontbreekt in de opslag; niet verplaatst.") % {"file": label})
            elif outcome.kind == private_media.FAILED:
                self.stderr.write(
                    _("%(file)s: overgeslagen, niet verplaatst: %(error)s") % {"file": label, "error": outcome.error}
                )
            elif outcome.kind in (private_media.MADE_PRIVATE, private_media.MADE_PUBLIC) and verbosity >= 1:
                line = f"{label}: {what[outcome.kind]}"
                if outcome.renditions_deleted:
                    line += _(" (%(count)s renditions verwijderd)") % {"count": outcome.renditions_deleted}
                self.stdout.write(line + ".")
            elif verbosity >= 2:
                self.stdout.write(f"{label}: {what[outcome.kind]}.")
        if verbosity >= 1:
            self.stdout.write(
                _(
                    "%(checked)s bestanden bekeken: %(private)s niet-openbaar gemaakt, %(public)s openbaar gemaakt, "
                    "%(unchanged)s al goed, %(unused)s door niets gebruikt (ongewijzigd), %(missing)s ontbrekend, "
                    "%(failed)s overgeslagen; %(renditions)s renditions verwijderd (worden opnieuw gemaakt)."
                )
                % {
                    "checked": counts.total(),
                    "private": counts[private_media.MADE_PRIVATE],
                    "public": counts[private_media.MADE_PUBLIC],
                    "unchanged": counts[private_media.UNCHANGED],
                    "unused": counts[private_media.UNUSED],
                    "missing": counts[private_media.MISSING],
                    "failed": counts[private_media.FAILED],
                    "renditions": renditions,
                }
            )

    @staticmethod
    def _label(file):
        kind = _("Afbeelding") if isinstance(file, get_image_model()) else _("Document")
        return _("%(kind)s %(pk)s (%(name)s)") % {"kind": kind, "pk": file.pk, "name": file.file.name}

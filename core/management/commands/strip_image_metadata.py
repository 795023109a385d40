"""Strip EXIF (GPS, camera owner), XMP and comments from images stored before uploads were re-encoded."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from PIL import UnidentifiedImageError
from wagtail.images import get_image_model

from core.images import strip_stored_image


class Command(BaseCommand):
    help = _("Verwijder metadata (EXIF, GPS, XMP, commentaar) uit opgeslagen afbeeldingen en hun renditions.")

    def handle(self, *args, **options):
        checked = stripped = renditions = failed = 0
        for image in get_image_model().objects.order_by("pk").iterator():
            checked += 1
            try:
                deleted = strip_stored_image(image)
            except (OSError, UnidentifiedImageError, ValueError) as error:
                failed += 1
                self.stderr.write(
                    _("Afbeelding %(pk)s (%(name)s) overgeslagen: %(error)s")
                    % {"pk": image.pk, "name": image.file.name, "error": error}
                )
                continue
            if deleted is not None:
                stripped += 1
                renditions += deleted
                self.stdout.write(
                    _("Afbeelding %(pk)s (%(name)s): metadata verwijderd.") % {"pk": image.pk, "name": image.file.name}
                )
        self.stdout.write(
            _(
                "%(checked)s afbeeldingen bekeken, %(stripped)s ontdaan van metadata, %(renditions)s renditions "
                "verwijderd (worden opnieuw gemaakt), %(failed)s overgeslagen."
            )
            % {"checked": checked, "stripped": stripped, "renditions": renditions, "failed": failed}
        )

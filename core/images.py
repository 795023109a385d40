"""Images: uploads keep their pixels and nothing else, within a pixel count; a page's main image has alt text.

Photos from phones carry EXIF tags with the place they were taken (GPS), the camera's owner and
more. Every image is re-encoded when its file is stored, whichever form it came through (Wagtail
admin, organisation logo, story photo), so that neither the original nor any rendition made from
it carries that data.
"""

import io
import os

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from PIL import ImageOps
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

# What an image needs to look the same; everything else in Pillow's info (exif, xmp, comments,
# text chunks, dpi with its camera data) is left behind.
KEEP_INFO = {"icc_profile", "transparency", "duration", "loop", "background"}
SAVE_OPTIONS = {
    "JPEG": {"quality": 90},
    "WEBP": {"quality": 90},
}


def validate_pixel_count(width, height):
    """Refuse an image that would take too much memory to open (a 9000 × 9000 photo takes hundreds of MB)."""
    limit = settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    if width * height > limit:
        raise ValidationError(
            _(
                "Deze afbeelding is te groot: %(width)s × %(height)s pixels. Er mogen hoogstens "
                "%(megapixels)s miljoen pixels in zitten; maak de afbeelding eerst kleiner."
            ),
            code="too_many_pixels",
            params={"width": width, "height": height, "megapixels": limit // 1_000_000},
        )


def reencode(fileobj):
    """The image in `fileobj` as bytes of the same format, turned upright, without metadata; with its size."""
    fileobj.seek(0)
    with PILImage.open(fileobj) as original:
        image_format = original.format
        frames = getattr(original, "n_frames", 1)
        original.load()
        if frames == 1:
            # The orientation tag goes with the rest, so turn the pixels themselves.
            image = ImageOps.exif_transpose(original)
        else:
            image = original
        image.info = {key: value for key, value in original.info.items() if key in KEEP_INFO}
        options = dict(SAVE_OPTIONS.get(image_format, {}))
        if "icc_profile" in image.info:
            options["icc_profile"] = image.info["icc_profile"]
        if frames > 1:
            options["save_all"] = True
        output = io.BytesIO()
        image.save(output, format=image_format, **options)
        width, height = image.size
    fileobj.seek(0)
    return output.getvalue(), width, height


# Pillow's info keys that carry data about the photo rather than its pixels.
METADATA_KEYS = {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop", "iptc", "mp"}


def has_metadata(fileobj):
    """Whether a stored image still carries EXIF, XMP, comments or text chunks (files from before re-encoding)."""
    fileobj.seek(0)
    with PILImage.open(fileobj) as image:
        found = bool(image.getexif()) or bool(METADATA_KEYS & set(image.info)) or bool(getattr(image, "text", None))
    fileobj.seek(0)
    return found


def strip_stored_image(image):
    """Re-encode a stored image in place, without metadata; its renditions go and are made again when asked for.

    Returns the number of renditions deleted, or None when the image had nothing to strip.
    """
    with image.open_file() as stored:
        data = io.BytesIO(stored.read())
    if not has_metadata(data):
        return None
    clean, width, height = reencode(data)
    storage, name = image.file.storage, image.file.name
    storage.delete(name)
    saved = storage.save(name, ContentFile(clean))
    image.file.name = saved
    image.width, image.height = width, height
    image.file_size = len(clean)
    image._set_file_hash()
    type(image).objects.filter(pk=image.pk).update(
        file=saved, width=width, height=height, file_size=image.file_size, file_hash=image.file_hash
    )
    renditions = list(image.renditions.all())
    for rendition in renditions:
        rendition.delete()
    return len(renditions)


def strip_metadata(image):
    """Replace a newly uploaded, not yet stored file of a Wagtail image by its re-encoded pixels."""
    file = image.file
    if not file or getattr(file, "_committed", True):
        return
    data, width, height = reencode(file.file)
    image.file = ContentFile(data, name=os.path.basename(file.name))
    image.width, image.height = width, height
    image._set_image_file_metadata()


ALT_REQUIRED = _("Beschrijf wat de afbeelding laat zien, of zet 'Alleen decoratief' aan.")


class PageImageMixin(models.Model):
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("afbeelding"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternatieve tekst"),
        max_length=250,
        blank=True,
        help_text=_("Wat ziet iemand op de afbeelding? Schrijf het zoals u het aan iemand aan de telefoon vertelt."),
    )
    image_decorative = models.BooleanField(
        _("alleen decoratief"),
        default=False,
        help_text=_("Aan als de afbeelding niets toevoegt aan de tekst; schermlezers slaan haar dan over."),
    )

    image_panels = [
        MultiFieldPanel(
            [FieldPanel("image"), FieldPanel("image_alt"), FieldPanel("image_decorative")], heading=_("Afbeelding")
        )
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.image_id and not self.image_decorative and not self.image_alt.strip():
            raise ValidationError({"image_alt": ALT_REQUIRED})

    @property
    def image_alt_text(self):
        """The alt attribute: empty for a decorative image, so screen readers skip it."""
        return "" if self.image_decorative else self.image_alt

"""A page's main image: chosen from Wagtail's image library, with alt text the editor must give or mark decorative."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

ALT_REQUIRED = _("Beschrijf wat de afbeelding laat zien, of zet 'Alleen decoratief' aan.")


class PageImageMixin(models.Model):
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("afbeelding"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt = models.CharField(
        _("alternatieve tekst"), max_length=250, blank=True,
        help_text=_("Wat ziet iemand op de afbeelding? Schrijf het zoals u het aan iemand aan de telefoon vertelt."),
    )
    image_decorative = models.BooleanField(
        _("alleen decoratief"), default=False,
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

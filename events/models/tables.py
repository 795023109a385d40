from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.models import Orderable


class DialogueTable(Orderable):
    """A parallel table within an event with its own topic, host and capacity."""

    event = ParentalKey("events.EventPage", on_delete=models.CASCADE, related_name="tables")
    topic = models.CharField(_("onderwerp"), max_length=160)
    host = models.CharField(_("tafelgastheer of -vrouw"), max_length=160, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    capacity = models.PositiveIntegerField(_("aantal plaatsen"), validators=[MinValueValidator(1)])

    panels = [FieldPanel("topic"), FieldPanel("host"), FieldPanel("description"), FieldPanel("capacity")]

    class Meta(Orderable.Meta):
        verbose_name = _("dialoogtafel")
        verbose_name_plural = _("dialoogtafels")

    def __str__(self):
        return self.topic

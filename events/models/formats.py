from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    """How a meeting takes place; its own module so that the agenda's filters need not import the pages."""

    IN_PERSON = "in_person", _("op locatie")
    ONLINE = "online", _("online")
    HYBRID = "hybrid", _("op locatie en online")

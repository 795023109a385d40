"""Walk-ins that several organisations hold together: what a partner's profile and the shared page show,
and a partner admin's changes to their own turns."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from . import openinghours
from .models import Organisation, SharedWalkIn, SharedWalkInTurn


def _turns():
    return Prefetch(
        "turns", queryset=SharedWalkInTurn.objects.select_related("organisation").order_by("weekday", "starts")
    )


def _partners():
    return Prefetch("partners", queryset=Organisation.objects.public().order_by("name"))


def for_organisation(organisation):
    """The shared walk-ins `organisation` takes part in: [{walk_in, other_partners, turns}], three queries."""
    found = []
    for walk_in in organisation.shared_walk_ins.order_by("name").prefetch_related(_partners(), _turns()):
        others = [partner.name for partner in walk_in.partners.all() if partner.pk != organisation.pk]
        found.append(
            {
                "walk_in": walk_in,
                "other_partners": get_text_list(others, _("en")) if others else _("andere organisaties"),
                "turns": [turn for turn in walk_in.turns.all() if turn.organisation_id == organisation.pk],
            }
        )
    return found


def public_walk_in(slug):
    """The shared walk-in for its public page, with its public partners and turns; None if not public."""
    return SharedWalkIn.objects.public().prefetch_related(_partners(), _turns()).filter(slug=slug).first()


def upcoming(walk_in, now=None):
    """The next 7 days of a shared walk-in, from its turns: [(date label, [turn, ...])]."""
    now = now or timezone.now()
    today = timezone.localtime(now, openinghours.zone()).date()
    public = {partner.pk for partner in walk_in.partners.all()}
    days = []
    for offset in range(openinghours.DAYS_AHEAD):
        day = today + datetime.timedelta(days=offset)
        turns = [turn for turn in walk_in.turns.all() if turn.organisation_id in public and turn.falls_on(day)]
        if offset == 0:
            turns = [turn for turn in turns if turn.ends > timezone.localtime(now, openinghours.zone()).time()]
        if turns:
            days.append((date_format(day, "l j F").capitalize(), turns))
    return days

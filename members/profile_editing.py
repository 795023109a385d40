"""An organisation's admins keep its services and walk-in exceptions (closures, changed hours, notices) right
on the site. Views call these; each raises ProfileEditError with a Dutch message when a rule says no, and then
changes nothing. The rules about a single service or period are the models'."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Organisation, WalkInChangedHours, WalkInClosure, WalkInNotice
from .models.walkins import MAX_EXCEPTIONS

MAX_SERVICES = 30
# The kinds of exception as they appear in addresses, and the model of each.
EXCEPTION_KINDS = {"sluiting": WalkInClosure, "andere-tijden": WalkInChangedHours, "mededeling": WalkInNotice}


class ProfileEditError(Exception):
    """A rule refused the change; str(error) is the Dutch message for the admin."""


def _touch(organisation):
    # Other systems ask the HSDS API what changed since a moment; a new closure changes the schedule.
    Organisation.objects.filter(pk=organisation.pk).update(modified=timezone.now())


@transaction.atomic
def save_service(organisation, form):
    if form.instance.pk is None and organisation.help_services.count() >= MAX_SERVICES:
        raise ProfileEditError(
            _("Een organisatie kan hoogstens %(count)d diensten hebben. Voeg diensten samen of verwijder er een.")
            % {"count": MAX_SERVICES}
        )
    _touch(organisation)
    return form.save()


@transaction.atomic
def delete_service(organisation, pk):
    """Whether a service of this organisation was deleted."""
    deleted, _rows = organisation.help_services.filter(pk=pk).delete()
    if deleted:
        _touch(organisation)
    return bool(deleted)


def current_exceptions(organisation, today=None):
    """{kind: [period, ...]} of what has not ended yet, soonest first."""
    today = today or timezone.localdate()
    found = {}
    for kind, model in EXCEPTION_KINDS.items():
        periods = model.objects.filter(organisation=organisation, ends__gte=today).order_by("starts", "pk")
        if model is WalkInChangedHours:
            periods = periods.prefetch_related("hours")
        found[kind] = list(periods)
    return found


@transaction.atomic
def add_exception(organisation, form, hours=None):
    """Save a closure, notice or period of changed hours (with its ``hours`` formset)."""
    model = form._meta.model
    if model.objects.filter(organisation=organisation, ends__gte=timezone.localdate()).count() >= MAX_EXCEPTIONS:
        raise ProfileEditError(
            _("Er staan al %(count)d hiervan klaar. Verwijder er eerst een.") % {"count": MAX_EXCEPTIONS}
        )
    _touch(organisation)
    period = form.save()
    if hours is not None:
        hours.instance = period
        hours.save()
    return period


@transaction.atomic
def remove_exception(organisation, kind, pk):
    """Whether an exception of this organisation was removed."""
    model = EXCEPTION_KINDS.get(kind)
    if model is None:
        return False
    deleted, _rows = model.objects.filter(organisation=organisation, pk=pk).delete()
    if deleted:
        _touch(organisation)
    return bool(deleted)

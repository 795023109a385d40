"""The agenda's parts of pages other apps own (core.sections): "Mijn aanmeldingen", its line in "Mijn gegevens"
and an organisation's meetings."""

from core import sections

from .services import events_for_organisation, registrations_for_user

sections.register(
    sections.ACCOUNT,
    "events/includes/my_registrations.html",
    lambda request, user: {"registrations": registrations_for_user(user)},
    order=10,
)
sections.register(sections.MY_DATA, "events/includes/my_data.html", lambda request, data: {}, order=10)
sections.register(
    sections.ORGANISATION,
    "events/includes/organisation_events.html",
    lambda request, organisation: {"organisation_events": events_for_organisation(organisation)},
    order=20,
)

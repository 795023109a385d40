"""The guest form answers the same whether or not an address is registered; the rest goes by email."""

import pytest
from django.core import mail
from django.test import Client

from events import services
from events.models import Registration

from .factories import EventPageFactory, EventSeriesPageFactory

pytestmark = pytest.mark.django_db


def guest_post(url, email):
    client = Client()
    response = client.post(url, {"name": "Iemand", "email": email}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    # The page is the same for every address, apart from the CSRF token.
    return response.redirect_chain, [str(message) for message in response.context["messages"]], page


def answers(url, known, unknown):
    known_chain, known_messages, _page = guest_post(url, known)
    unknown_chain, unknown_messages, _page = guest_post(url, unknown)
    assert known_chain == unknown_chain
    assert known_messages == unknown_messages
    assert "al aangemeld" not in " ".join(known_messages)
    return known_messages


def test_a_confirmed_guest_address_gets_the_same_answer_as_a_new_one(event):
    registration = services.register(event, name="Fatima", email="fatima@voorbeeld.nl")
    services.confirm(registration)
    mail.outbox.clear()

    messages = answers(event.url + "aanmelden/", "fatima@voorbeeld.nl", "nieuw@voorbeeld.nl")
    assert "e-mail" in messages[0]
    to_fatima = [message for message in mail.outbox if message.to == ["fatima@voorbeeld.nl"]]
    assert len(to_fatima) == 1
    assert "al aangemeld" in to_fatima[0].subject
    assert "niets veranderd" in to_fatima[0].body
    # Nothing changed for the registered person.
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED and registration.name == "Fatima"
    assert Registration.objects.filter(email="fatima@voorbeeld.nl").count() == 1


def test_a_members_address_gets_the_same_answer(event, member):
    services.register(event, user=member)
    mail.outbox.clear()
    answers(event.url + "aanmelden/", member.email, "nieuw@voorbeeld.nl")
    assert [m.subject for m in mail.outbox if m.to == [member.email]] == [
        f"[Kennisplatform] U was al aangemeld: {event.title}"
    ]


def test_asking_again_and_again_sends_at_most_one_email_in_ten_minutes(event):
    registration = services.register(event, name="Fatima", email="fatima@voorbeeld.nl")
    services.confirm(registration)
    mail.outbox.clear()
    for _attempt in range(3):
        guest_post(event.url + "aanmelden/", "fatima@voorbeeld.nl")
    assert len(mail.outbox) == 1


def test_a_series_answers_the_same_too(index):
    series = EventSeriesPageFactory(title="Reeks schuldhulp")
    EventPageFactory(title="Deel 1", parent=series)
    registrations = services.register_for_series(series, name="Fatima", email="fatima@voorbeeld.nl")
    services.confirm(registrations[0])
    mail.outbox.clear()
    answers(series.url + "aanmelden/", "fatima@voorbeeld.nl", "nieuw@voorbeeld.nl")
    assert any("al aangemeld" in m.subject for m in mail.outbox if m.to == ["fatima@voorbeeld.nl"])


def test_the_emailed_link_tells_the_guest_where_they_stand(event):
    """The form says the same to everyone; whoever opens the emailed link owns the address and hears the outcome."""
    guest_post(event.url + "aanmelden/", "fatima@voorbeeld.nl")
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/aanmelding/bevestigen/" in line).strip()
    path = link[link.index("/aanmelding/") :]
    response = Client().post(path, follow=True)
    shown = [str(message) for message in response.context["messages"]]
    assert shown == ["U bent aangemeld. U krijgt een bevestiging per e-mail."]
    assert Registration.objects.get(email="fatima@voorbeeld.nl").status == Registration.Status.CONFIRMED

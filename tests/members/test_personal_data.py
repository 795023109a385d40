import json

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from tests.conftest import with_totp
from tests.factories import ContentPageFactory

pytestmark = pytest.mark.django_db
User = get_user_model()


def test_my_data_page_shows_what_is_stored(client, member):
    client.force_login(member)
    response = client.get("/account/gegevens/")
    assert response.status_code == 200
    html = response.content.decode()
    assert member.email in html
    assert "niet ingesteld" in html


def test_data_download_contains_the_account_but_no_secrets(client, member):
    with_totp(member)
    client.force_login(member)
    response = client.get("/account/gegevens/?download=1")
    assert response["Content-Disposition"] == 'attachment; filename="mijn-gegevens.json"'
    data = json.loads(response.content)
    assert data["account"]["email"] == member.email
    assert data["email_addresses"] == [{"email": member.email, "verified": True, "primary": True}]
    assert data["two_factor_authentication"] == ["totp"]
    assert "password" not in response.content.decode()
    assert "secret" not in response.content.decode()


def test_visitors_are_sent_to_login(client, db):
    for path in ("/account/gegevens/", "/account/verwijderen/"):
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/account/login/")


def test_wrong_password_deletes_nothing(client, member):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": "fout", "confirm": "on"})
    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_missing_confirmation_deletes_nothing(client, member):
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord"})
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    assert User.objects.filter(pk=member.pk).exists()


def test_deleting_the_account_erases_the_person_and_logs_out(client, member, home):
    page = ContentPageFactory(parent=home, owner=member)
    with_totp(member)
    client.force_login(member)
    response = client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord", "confirm": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == "/"
    assert "Uw account en uw gegevens zijn verwijderd." in response.content.decode()
    assert not User.objects.filter(email=member.email).exists()
    assert not EmailAddress.objects.filter(email=member.email).exists()
    assert "_auth_user_id" not in client.session
    page.refresh_from_db()
    assert page.owner is None  # the page stays; the link to the person goes


def test_the_only_admin_is_warned_and_editors_hear_when_they_leave(client, member, editor):
    from django.core import mail

    from members.models import Membership, Organisation
    from tests.factories import UserFactory

    from .conftest import make

    alone = make("Inloophuis De Brug", municipality="Almere")
    shared = make("Voedselbank Almere", municipality="Almere")
    Membership.objects.create(user=member, organisation=alone, role="admin")
    Membership.objects.create(user=member, organisation=shared, role="admin")
    Membership.objects.create(user=UserFactory(), organisation=shared, role="admin")
    Membership.objects.create(user=UserFactory(), organisation=alone, role="member")
    client.force_login(member)

    warning = client.get("/account/verwijderen/").content.decode()
    assert "U bent de enige beheerder van:" in warning
    assert "Inloophuis De Brug" in warning and "Voedselbank Almere" not in warning

    client.post("/account/verwijderen/", {"password": "een-sterk-wachtwoord", "confirm": "on"})
    assert not User.objects.filter(email=member.email).exists()
    [message] = [m for m in mail.outbox if "geen beheerder meer" in m.subject]
    assert "Inloophuis De Brug" in message.subject
    assert message.to == [editor.email]
    assert Organisation.objects.filter(name="Inloophuis De Brug").exists()  # the profile stays


def test_no_warning_for_someone_who_is_not_the_only_admin(client, member):
    client.force_login(member)
    assert "U bent de enige beheerder" not in client.get("/account/verwijderen/").content.decode()

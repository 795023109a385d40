"""One login for the whole site: allauth, with its second factor, its limits and verified addresses only."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client, override_settings
from wagtail.models import PageViewRestriction

from tests.conftest import with_totp
from tests.factories import ContentPageFactory, UserFactory

from .test_accounts import PASSWORD, current_totp

pytestmark = pytest.mark.django_db


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def test_wagtails_front_end_login_sends_to_the_site_login(home):
    client = Client()
    response = client.get("/_util/login/?next=/besloten/")
    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/besloten/"


def test_a_password_alone_at_wagtails_login_form_logs_nobody_in(superuser):
    with_totp(superuser)
    client = Client()
    response = client.post("/_util/login/", {"username": superuser.email, "password": PASSWORD})
    assert logged_in_user_id(client) is None
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_a_private_page_sends_visitors_to_the_site_login(home):
    page = ContentPageFactory(parent=home, title="Alleen voor leden", slug="alleen-voor-leden")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client = Client()
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")


def test_a_superuser_passes_both_steps_to_reach_the_user_admin_from_a_private_page(home, superuser):
    secret = with_totp(superuser)
    page = ContentPageFactory(parent=home, title="Alleen voor leden", slug="alleen-voor-leden")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client = Client()
    login_url = client.get(page.url)["Location"]
    response = client.post(login_url, {"login": superuser.email, "password": PASSWORD})
    assert response["Location"].startswith("/account/2fa/authenticate/")
    assert logged_in_user_id(client) is None
    assert client.get("/admin/users/")["Location"].startswith("/account/login/")

    response = client.post("/account/2fa/authenticate/", {"code": current_totp(secret)})
    assert response["Location"] == page.url
    assert client.get(page.url).status_code == 200
    assert client.get("/admin/users/").status_code == 200


@pytest.mark.parametrize("path", ["/admin/users/", "/", "/account/gegevens/"])
def test_a_session_that_skipped_the_second_factor_is_logged_out(superuser, home, path):
    """A session that holds a login without the 'mfa' step (Wagtail's form did that) gets nothing."""
    with_totp(superuser)
    client = Client()
    client.force_login(superuser)  # a login without allauth's records, as Django's own login view makes
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=")
    assert logged_in_user_id(client) is None


def test_a_password_only_login_through_allauth_is_not_enough_either(superuser, home):
    with_totp(superuser)
    client = Client()
    client.post("/account/login/", {"login": superuser.email, "password": PASSWORD})
    # Half way: allauth knows the password step, the person is not logged in.
    assert logged_in_user_id(client) is None
    assert client.get("/admin/users/")["Location"].startswith("/account/login/")


def test_members_without_a_second_factor_stay_logged_in(member, home):
    client = Client()
    response = client.post("/account/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(member.pk)
    assert client.get("/account/gegevens/").status_code == 200


def test_an_unverified_account_cannot_log_in_anywhere(home):
    user = UserFactory(email="nog-niet-bevestigd@voorbeeld.nl", verified=False)
    assert not EmailAddress.objects.get(user=user).verified
    client = Client()
    client.post("/account/login/", {"login": user.email, "password": PASSWORD})
    assert logged_in_user_id(client) is None
    client.post("/_util/login/", {"username": user.email, "password": PASSWORD})
    assert logged_in_user_id(client) is None
    client.post("/admin/login/", {"username": user.email, "password": PASSWORD})
    assert logged_in_user_id(client) is None


def test_the_login_stops_after_repeated_wrong_passwords(member, home):
    client = Client()
    for _attempt in range(6):
        client.post("/account/login/", {"login": member.email, "password": "fout-wachtwoord-123"})
    client.post("/account/login/", {"login": member.email, "password": PASSWORD})
    assert logged_in_user_id(client) is None


def failed_logins(client, addresses, forwarded_for):
    for address in addresses:
        client.post(
            "/account/login/",
            {"login": address, "password": "fout-wachtwoord-123"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def correct_login(user, forwarded_for):
    client = Client()
    client.post(
        "/account/login/",
        {"login": user.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return logged_in_user_id(client)


ATTACKED = [f"iemand{n}@voorbeeld.nl" for n in range(11)]


@override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_proxy_one_clients_failures_do_not_lock_out_another(member, home):
    failed_logins(Client(), ATTACKED, "203.0.113.9")
    assert correct_login(member, "198.51.100.7") == str(member.pk)
    # The client that failed is the one that waits.
    assert correct_login(member, "203.0.113.9") is None


@override_settings(ALLAUTH_TRUSTED_CLIENT_IP_HEADER="X-Real-IP")
def test_a_proxy_header_naming_the_client_is_used_when_configured(member, home):
    client = Client()
    for address in ATTACKED:
        client.post(
            "/account/login/",
            {"login": address, "password": "fout-wachtwoord-123"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_REAL_IP="203.0.113.9",
        )
    other = Client()
    other.post(
        "/account/login/",
        {"login": member.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_REAL_IP="198.51.100.7",
    )
    assert logged_in_user_id(other) == str(member.pk)


def test_without_the_proxy_setting_every_client_shares_the_proxy_address(member, home):
    """What the setting fixes: counted per proxy address, one visitor locks everyone out."""
    failed_logins(Client(), ATTACKED, "203.0.113.9")
    assert correct_login(member, "198.51.100.7") is None

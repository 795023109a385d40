import re

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import override_settings

from tests.conftest import with_totp

pytestmark = pytest.mark.django_db
User = get_user_model()
PASSWORD = "een-sterk-wachtwoord"
# allauth mails codes such as "LCJN-NSNB" on a line of their own.
CODE_PATTERN = r"^\s*([A-Z0-9]{4}-?[A-Z0-9]{4}|[A-Z0-9]{6})\s*$"


def current_totp(secret):
    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def test_user_has_no_username_and_logs_in_with_email():
    assert not hasattr(User, "username") or User.USERNAME_FIELD == "email"
    user = User.objects.create_user("Iemand@Voorbeeld.NL", "wachtwoord-123")
    assert user.email == "iemand@voorbeeld.nl"
    assert str(user) == "iemand@voorbeeld.nl"


def test_signup_requires_email_verification_before_login(client):
    response = client.post(
        "/account/signup/",
        {"email": "nieuw@voorbeeld.nl", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    user = User.objects.get(email="nieuw@voorbeeld.nl")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nieuw@voorbeeld.nl"]
    # Not logged in until the address is confirmed.
    assert "_auth_user_id" not in client.session

    code = re.search(CODE_PATTERN, message.body, re.M).group(1)
    response = client.post("/account/confirm-email/", {"code": code})
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified
    assert client.session["_auth_user_id"] == str(user.pk)


def test_signup_with_a_taken_email_changes_nothing(client, member):
    client.post("/account/signup/", {"email": member.email, "password1": PASSWORD, "password2": PASSWORD})
    assert User.objects.filter(email=member.email).count() == 1


def test_signup_rejects_a_weak_password_with_a_dutch_error(client):
    response = client.post("/account/signup/", {"email": "zwak@voorbeeld.nl", "password1": "1234", "password2": "1234"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Dit wachtwoord is te kort" in html
    assert 'aria-invalid="true"' in html
    assert not User.objects.filter(email="zwak@voorbeeld.nl").exists()


def test_login_with_password(client, member):
    response = client.post("/account/login/", {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_wrong_password_gives_a_dutch_error_tied_to_the_form(client, member):
    response = client.post("/account/login/", {"login": member.email, "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "niet correct" in html
    assert "_auth_user_id" not in client.session


def test_login_by_emailed_code(client, member):
    response = client.post("/account/login/code/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    code = re.search(CODE_PATTERN, mail.outbox[0].body, re.M).group(1)
    response = client.post("/account/login/code/confirm/", {"code": code})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(member.pk)


def test_password_reset_sends_an_email(client, member):
    response = client.post("/account/password/reset/", {"email": member.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [member.email]
    assert "/account/password/reset/key/" in mail.outbox[0].body


@override_settings(CACHES={"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}})
def test_repeated_failed_logins_are_rate_limited(client, member):
    for _ in range(5):
        client.post("/account/login/", {"login": member.email, "password": "fout"})
    # Even the right password is refused while the limit holds.
    response = client.post("/account/login/", {"login": member.email, "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert "Te veel inlogpogingen" in response.content.decode()


def test_rate_limits_use_a_cache_shared_between_processes():
    from kennisplatform.settings import base

    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    # allauth's own limits stay as allauth sets them; the site only adds limits for its own forms.
    allauth_keys = {"login", "login_failed", "signup", "reset_password", "reset_password_from_key", "confirm_email"}
    assert base.ACCOUNT_RATE_LIMITS and not allauth_keys & set(base.ACCOUNT_RATE_LIMITS)


def test_every_member_can_set_up_totp(client, member):
    client.force_login(member)
    response = client.get("/account/2fa/")
    assert response.status_code == 200
    assert "/account/2fa/totp/activate/" in response.content.decode()


def test_staff_without_mfa_cannot_use_the_admin(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/2fa/totp/activate/")


def test_superuser_without_mfa_is_sent_to_setup_too(client, superuser):
    client.force_login(superuser)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert "/account/2fa/totp/activate/" in response["Location"]


def test_staff_with_mfa_reach_the_admin(client, editor):
    with_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/").status_code == 200


def test_member_without_admin_access_gets_a_clear_403_not_a_redirect_loop(client, member):
    client.force_login(member)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Geen toegang tot de beheeromgeving" in response.content.decode()
    assert client.get("/admin/pages/").status_code == 403


def test_admin_login_goes_through_allauth_with_a_second_step(client, editor):
    secret = with_totp(editor)
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")

    response = client.post("/account/login/", {"login": editor.email, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/account/2fa/authenticate/"
    assert "_auth_user_id" not in client.session

    response = client.post("/account/2fa/authenticate/", {"code": "000000"})
    assert "_auth_user_id" not in client.session

    response = client.post("/account/2fa/authenticate/", {"code": current_totp(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)
    assert client.get("/admin/").status_code == 200


def test_wagtail_admin_redirects_anonymous_visitors_to_the_site_login(client, home):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/")


def test_activating_totp_creates_recovery_codes(client, member):
    client.force_login(member)
    # Setting up a second factor asks for the password again first.
    response = client.get("/account/2fa/totp/activate/")
    assert response["Location"].startswith("/account/reauthenticate/")
    client.post("/account/reauthenticate/", {"password": PASSWORD})
    assert client.get("/account/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/account/2fa/totp/activate/", {"code": current_totp(secret)})
    assert response.status_code == 302
    types = set(Authenticator.objects.filter(user=member).values_list("type", flat=True))
    assert types == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}


@pytest.mark.parametrize("path", ["/admin/", "/admin/pages/", "/admin/users/", "/admin/users/new/"])
def test_superuser_with_mfa_can_manage_users_in_the_admin(client, superuser, path):
    with_totp(superuser)
    client.force_login(superuser)
    assert client.get(path).status_code == 200


def test_editor_cannot_manage_users(client, editor):
    with_totp(editor)
    client.force_login(editor)
    assert client.get("/admin/users/").status_code in (302, 403)


def test_admin_creates_a_user_by_email_address(client, superuser):
    with_totp(superuser)
    client.force_login(superuser)
    response = client.post(
        "/admin/users/new/",
        {
            "email": "nieuwe.redacteur@voorbeeld.nl",
            "first_name": "Nina",
            "last_name": "Nieuw",
            "password1": "een-heel-sterk-wachtwoord",
            "password2": "een-heel-sterk-wachtwoord",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert User.objects.filter(email="nieuwe.redacteur@voorbeeld.nl").exists()

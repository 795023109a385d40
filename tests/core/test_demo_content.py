import io

import pytest
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from wagtail.models import Page, Revision

from home.models import ContentPage, HomePage
from tests.conftest import DUMMY_TASK_BACKEND

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": list(Page.objects.order_by("path").values_list("path", "title", "live", "latest_revision_id")),
        "revisions": Revision.objects.count(),
        "users": list(get_user_model().objects.order_by("email").values_list("email", "password")),
        "authenticators": Authenticator.objects.count(),
    }


def load():
    out = io.StringIO()
    call_command("load_demo_content", force=True, stdout=out)
    return out.getvalue()


def test_demo_content_builds_the_general_pages_and_accounts():
    output = load()
    home = HomePage.objects.get()
    assert home.live and home.intro
    slugs = set(ContentPage.objects.live().values_list("slug", flat=True))
    assert {"over-het-platform", "privacyverklaring", "toegankelijkheidsverklaring", "contact"} <= slugs
    assert ContentPage.objects.filter(show_in_footer=True).count() == 4
    # The output tells a newcomer how to log in, including the second step for the admin.
    assert "beheerder@kennisplatform.example" in output
    assert "lid@kennisplatform.example" in output
    assert "TOTP-geheim" in output
    admin = get_user_model().objects.get(email="beheerder@kennisplatform.example")
    assert admin.is_superuser
    assert Authenticator.objects.filter(user=admin, type=Authenticator.Type.TOTP).exists()


def test_second_run_changes_nothing():
    load()
    before = snapshot()
    load()
    assert snapshot() == before


def test_refuses_without_debug_unless_forced(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("load_demo_content", stdout=io.StringIO())
    assert not get_user_model().objects.exists()


def test_demo_member_can_log_in_with_the_printed_password(client):
    load()
    response = client.post(
        "/account/login/", {"login": "lid@kennisplatform.example", "password": "demo-wachtwoord-2026"}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_demo_content_ends_with_a_search_index_even_when_tasks_are_queued(client, settings):
    # With a real task queue nothing is indexed while the demo loads; the last loader builds the index.
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASK_BACKEND}}
    output = load()
    assert "Zoekindex:" in output
    html = client.get("/zoeken/", {"q": "alliantie"}).content.decode()
    assert "Vier partners, één alliantie tegen schulden in Almere" in html
    assert "Ocan Almere" in client.get("/zoeken/", {"q": "Ocan"}).content.decode()

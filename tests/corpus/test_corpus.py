"""The bad-input corpus (tests/corpus/inputs.py, over a thousand inputs) through every query parameter,
JSON endpoint, form and import format: never a server error, a Dutch message where input is refused,
nothing stored from refused input, and every stored value rendered escaped.

Inputs are batched: each request fills all parameters of an endpoint with different inputs, every
form is validated with every input in every text field, and the paths that store pages get a spread
over every category (inputs.sample()).
"""

import csv
import io
import json
import re
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import translation

from core.taxonomy import Municipality
from core.text import forbidden_characters
from events.forms import RegistrationForm
from events.models import Registration
from library.forms import StorySubmissionForm
from library.models import LibraryPage, StoryPage
from members.forms import InvitationForm, JoinRequestForm, PersonProfileForm, RegisterOrganisationForm, WalkInHourForm
from members.models import Membership, Organisation, Profile
from tests.events.factories import EventPageFactory, agenda
from tests.factories import StoryPageFactory, UserFactory

from .inputs import TEXTS, chunks, sample

pytestmark = pytest.mark.django_db

# Django's English defaults that would show if a message were not translated.
ENGLISH = re.compile(r"\b(This field|Enter a|Ensure this|Select a valid|is required|characters|Null characters)\b")


def encode(data):
    """A form body or query string as a client would send it: lone surrogates as their UTF-8-like bytes."""
    parts = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            parts.append(quote(name) + "=" + quote(str(item).encode("utf-8", "surrogatepass"), safe=""))
    return "&".join(parts)


def get(client, path, params):
    return client.get(path, QUERY_STRING=encode(params))


def post(client, path, data):
    return client.post(path, encode(data), content_type="application/x-www-form-urlencoded")


class Failures(list):
    def check(self, where, text, call):
        try:
            response = call()
        except Exception as error:  # noqa: BLE001 - the test client re-raises what would have been a 500; every one is recorded
            self.append(f"{where} {text[:60]!r}: {type(error).__name__}: {str(error)[:200]}")
            return None
        if response.status_code >= 500:
            self.append(f"{where} {text[:60]!r}: HTTP {response.status_code}")
        return response

    def assert_none(self):
        assert not self, f"{len(self)} failures:\n" + "\n".join(self[:30])


def unescaped(html, texts):
    """Stored inputs with markup that appear raw in a page."""
    return [text for text in texts if "<" in text and re.search(r"<[a-zA-Z!/]", text) and text in html]


@pytest.fixture(autouse=True)
def no_rate_limits(settings):
    # Hundreds of inputs from one test client's address; the limits have tests of their own.
    settings.ACCOUNT_RATE_LIMITS = False


@pytest.fixture
def content(home):
    StoryPageFactory(title="Schulden in de wijk")
    agenda()
    event = EventPageFactory(title="Netwerkbijeenkomst", capacity=2000, tables=[("Noodhulp", 1000)])
    almere = Municipality.objects.get(name="Almere")
    organisation = Organisation.objects.create(
        name="Humanitas Almere", slug="humanitas-almere", kind="formeel", status="verified", municipality=almere
    )
    return {"event": event, "organisation": organisation, "almere": almere}


def test_the_corpus_has_over_a_thousand_inputs():
    assert len(TEXTS) >= 1000
    assert len(set(TEXTS)) >= 1000


# Parameters that take several values (the filters) get PER_LIST inputs per request, the others one.
PER_LIST = 5
QUERY_ENDPOINTS = {
    "/bibliotheek/": ["soort*", "thema*", "doelgroep*", "gemeente*", "organisatie*", "jaar*", "pagina"],
    "/agenda/": ["thema*", "gemeente*", "vorm*", "maand*", "pagina"],
    "/sociale-kaart/": [
        "gemeente*",
        "wijk*",
        "soort*",
        "categorie*",
        "hulp*",
        "doelgroep*",
        "taal*",
        "open*",
        "q",
        "pagina",
    ],
    "/sociale-kaart/waar-kan-ik-terecht/": ["vraag", "gemeente"],
    "/api/v1/organisations/": ["gemeente*", "soort*", "hulp*", "open*", "q", "pagina"],
    "/zoeken/": ["q", "type*", "theme*", "year*", "sort", "pagina"],
    "/zoeken/suggest": ["q"],
    "/api/v1/search/": ["q", "type*", "municipality*", "year*", "sort", "pagina"],
}


def query_batches(params):
    """Query strings that together put every input of the corpus in a parameter of the endpoint."""
    sizes = [PER_LIST if param.endswith("*") else 1 for param in params]
    texts = iter(TEXTS)
    while True:
        data = {}
        for param, size in zip(params, sizes, strict=True):
            values = [text for _n, text in zip(range(size), texts, strict=False)]
            if values:
                data[param.rstrip("*")] = values
        if not data:
            return
        yield data


@pytest.mark.parametrize("path", list(QUERY_ENDPOINTS))
def test_every_input_in_every_query_parameter(client, content, path):
    failures = Failures()
    for data in query_batches(QUERY_ENDPOINTS[path]):
        failures.check(path, repr(data)[:60], lambda data=data: get(client, path, data))
    failures.assert_none()


FORMS = {
    "story": (
        lambda content, user: StorySubmissionForm(
            organisations=Organisation.objects.filter(pk=content["organisation"].pk)
        ),
        lambda content: {
            "title": "Titel",
            "summary": "Kort.",
            "body": "Tekst.",
            "organisation": content["organisation"].pk,
            "municipality": content["almere"].pk,
        },
        ["title", "summary", "body", "image_alt", "municipality", "themes"],
    ),
    "guest registration": (
        lambda content, user: RegistrationForm(tables=content["event"].tables.all()),
        lambda content: {"name": "Ans", "email": "ans@voorbeeld.nl", "table": content["event"].tables.first().pk},
        ["name", "email", "organisation_name", "organisation_kind", "note", "table"],
    ),
    "organisation": (
        lambda content, user: RegisterOrganisationForm(),
        lambda content: {
            "name": "Nieuwe stichting",
            "kind": "informeel",
            "municipality": content["almere"].pk,
            "description": "Hulp.",
        },
        [
            "name",
            "kind",
            "municipality",
            "description",
            "neighbourhood",
            "address",
            "postcode",
            "city",
            "latitude",
            "longitude",
            "phone",
            "email",
            "website",
        ],
    ),
    "profile": (
        lambda content, user: PersonProfileForm(instance=Profile(user=user)),
        lambda content: {"first_name": "Sanne", "visibility": "public"},
        ["first_name", "last_name", "role", "bio", "visibility", "expertise"],
    ),
    "join request": (lambda content, user: JoinRequestForm(), lambda content: {}, ["message"]),
    "invitation": (lambda content, user: InvitationForm(), lambda content: {"role": "member"}, ["email", "role"]),
    "walk-in hour": (
        lambda content, user: WalkInHourForm(),
        lambda content: {"weekday": "1", "starts": "09:00", "ends": "10:00"},
        ["weekday", "starts", "ends", "place"],
    ),
}


@pytest.mark.parametrize("name", list(FORMS))
def test_every_form_takes_every_input_without_crashing_and_refuses_in_dutch(content, member, name):
    make, valid, fields = FORMS[name]
    empty = make(content, member)
    failures = Failures()
    with translation.override("nl"):
        for batch in chunks(TEXTS, len(fields)):
            data = valid(content) | dict(zip(fields, batch, strict=False))
            form = empty.__class__(data=data, **_form_kwargs(empty, content, member))
            try:
                ok = form.is_valid()
            except Exception as error:  # noqa: BLE001 - any exception from a form is recorded as a failure
                failures.append(f"{name} {batch!r:.80}: {type(error).__name__}: {error}")
                continue
            for field, errors in form.errors.items():
                english = [error for error in errors if ENGLISH.search(error)]
                if english:
                    failures.append(f"{name}.{field}: English error {english}")
            if ok:
                # What the form accepts, the model accepts too (no text rule only in one place).
                for field, text in zip(fields, batch, strict=False):
                    value = form.cleaned_data.get(field)
                    if isinstance(value, str) and forbidden_characters(value, multiline=True):
                        failures.append(f"{name}.{field} accepted forbidden characters: {text!r:.60}")
    failures.assert_none()


def _form_kwargs(form, content, user):
    if isinstance(form, StorySubmissionForm):
        return {"organisations": Organisation.objects.filter(pk=content["organisation"].pk)}
    if isinstance(form, RegistrationForm):
        return {"tables": content["event"].tables.all()}
    if isinstance(form, PersonProfileForm):
        return {"instance": Profile(user=user)}
    return {}


def test_guest_registrations_store_nothing_refused_and_show_everything_escaped(client, content, organiser_client):
    event = content["event"]
    failures = Failures()
    stored = []
    for number, text in enumerate(sample()[::2]):
        before = Registration.objects.count()
        data = {
            "name": text,
            "email": f"gast{number}@voorbeeld.nl",
            "organisation_name": text,
            "note": text,
            "table": event.tables.first().pk,
        }
        response = failures.check(
            "guest registration", text, lambda data=data: post(client, event.url + "aanmelden/", data)
        )
        if response is None:
            continue
        if response.status_code == 302:
            stored.append(text)
        else:
            assert Registration.objects.count() == before, f"refused {text!r:.60} but stored"
            assert response.status_code == 400
    failures.assert_none()
    assert stored
    for registration in Registration.objects.all():
        assert not forbidden_characters(registration.name)
    html = organiser_client(event).get(event.url + "deelnemers/").content.decode()
    assert unescaped(html, stored) == []


@pytest.fixture
def organiser_client(db):
    def make(event):
        organiser = UserFactory(email="organisator@voorbeeld.nl")
        event.organisers.add(organiser)
        client = Client()
        client.force_login(organiser)
        return client

    return make


def test_profiles_store_nothing_refused_and_show_everything_escaped(client, member):
    client.force_login(member)
    failures = Failures()
    for text in sample()[::2]:
        data = {"first_name": text, "last_name": text, "role": text, "bio": text, "visibility": "public"}
        response = failures.check("profile", text, lambda data=data: post(client, "/account/profiel/", data))
        if response is None:
            continue
        member.refresh_from_db()
        if response.status_code == 302:
            html = client.get(f"/mensen/{member.profile.pk}/").content.decode()
            if unescaped(html, [text]):
                failures.append(f"profile shows {text!r:.60} unescaped")
        else:
            assert member.first_name != text or text == "Sanne"
    failures.assert_none()


def test_organisation_registration_stores_nothing_refused_and_shows_everything_escaped(client, content, member):
    client.force_login(member)
    failures = Failures()
    for text in sample()[::3]:
        before = Organisation.objects.count()
        data = {
            "name": text,
            "kind": "informeel",
            "municipality": content["almere"].pk,
            "description": text,
            "neighbourhood": text,
            "address": text,
            "city": text,
        }
        response = failures.check("organisation", text, lambda data=data: post(client, "/organisaties/nieuw/", data))
        if response is None:
            continue
        if response.status_code == 302:
            html = client.get(response["Location"]).content.decode()
            if unescaped(html, [text]):
                failures.append(f"organisation page shows {text!r:.60} unescaped")
        else:
            assert Organisation.objects.count() == before
    failures.assert_none()
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_story_submissions_store_nothing_refused_and_show_everything_escaped(client, content, member):
    Membership.objects.create(user=member, organisation=content["organisation"])
    client.force_login(member)
    failures = Failures()
    texts = sample(per_category=4)[::6]
    for text in texts:
        before = StoryPage.objects.count()
        data = {"title": text, "summary": text[:400], "body": text, "organisation": content["organisation"].pk}
        response = failures.check("story", text, lambda data=data: post(client, "/bibliotheek/insturen/", data))
        if response is not None and response.status_code != 302:
            assert StoryPage.objects.count() == before
    failures.assert_none()
    html = client.get("/account/inzendingen/").content.decode()
    assert unescaped(html, texts) == []
    for page in LibraryPage.objects.all():
        assert page.slug and page.slug.isascii()


def run_import(command, path):
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(command, str(path), stdout=out, stderr=err)
    except (CommandError, SystemExit) as error:
        err.write(str(error))
    return out.getvalue(), err.getvalue()


def test_the_organisations_csv_takes_every_input(content, tmp_path):
    columns = [
        "name",
        "kind",
        "municipality",
        "category",
        "neighbourhood",
        "address",
        "postcode",
        "city",
        "phone",
        "email",
        "website",
        "services",
        "target_groups",
        "languages",
        "description",
    ]
    path = tmp_path / "organisaties.csv"
    rows = []
    # Lone surrogates cannot be written as UTF-8; a file with such bytes is refused whole (tested below).
    texts = [text for text in TEXTS if not any("\ud800" <= char <= "\udfff" for char in text)]
    for number, batch in enumerate(chunks(texts, 6)):
        text = batch + [""] * (6 - len(batch))
        rows.append(
            {
                "name": f"{text[0]} {number}",
                "kind": "formeel" if number % 3 else text[1],
                "municipality": "Almere" if number % 4 else text[2],
                "category": text[3],
                "neighbourhood": text[4],
                "address": text[5],
                "postcode": "",
                "city": text[1],
                "phone": text[2] if number % 2 else "",
                "email": "",
                "website": "",
                "services": text[3],
                "target_groups": text[4],
                "languages": text[5],
                "description": text[0],
            }
        )
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, columns)
        writer.writeheader()
        writer.writerows(rows)
    out, err = run_import("import_organisations", path)
    failed = len(re.findall(r"^regel \d+:", err, flags=re.M))
    imported = Organisation.objects.exclude(pk=content["organisation"].pk)
    assert failed and imported.exists(), (out[-500:], err[:500])
    for organisation in imported:
        organisation.full_clean()
    broken = tmp_path / "kapot.csv"
    broken.write_bytes(",".join(columns).encode() + b"\nNaam\xed\xa0\x80,formeel,Almere" + b"," * 12 + b"\n")
    before = Organisation.objects.count()
    out, err = run_import("import_organisations", broken)
    assert "UTF-8" in err and Organisation.objects.count() == before


def test_the_library_jsonl_takes_every_input(content, tmp_path):
    path = tmp_path / "materiaal.jsonl"
    texts = sample(per_category=4)[::4]
    with open(path, "w", encoding="utf-8", errors="surrogatepass") as file:
        for number, text in enumerate(texts):
            line = {
                "kind": "story",
                "title": f"{text} {number}",
                "summary": text[:400] or "Kort.",
                "body": text,
                "tags": [text[:100]],
                "themes": [text[:80]],
                "published": "2024-03-04",
            }
            if number % 5 == 0:
                line["published"] = text
            file.write(json.dumps(line, ensure_ascii=True) + "\n")
        file.write("{niet eens json\n")
    out, err = run_import("import_library", path)
    assert "regel" in err
    for page in StoryPage.objects.exclude(title="Schulden in de wijk"):
        try:
            page.full_clean()
        except ValidationError as error:
            raise AssertionError(f"imported {page.title!r:.60} breaks a rule: {error}") from error

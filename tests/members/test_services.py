import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from members.models import Language, Service
from members.models.services import HELP_TEXT_MAX_CHARS
from tests.members.conftest import make

pytestmark = pytest.mark.django_db


def service_for(organisation, **fields):
    return Service(organisation=organisation, name=fields.pop("name", "Formulierenhulp"), **fields)


def errors_of(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return caught.value.message_dict


def test_a_service_takes_what_it_leaves_empty_from_its_organisation():
    organisation = make("Buurthuis De Schakel", languages=["Arabisch"])
    organisation.eligibility = "Iedereen uit Almere"
    organisation.is_free = True
    organisation.walk_in = True
    organisation.interpreter = True
    organisation.save()
    service = service_for(organisation, by_phone=True, walk_in=False, required_documents="Uw post")
    service.full_clean()
    service.save()

    facts = service.facts()

    assert facts.eligibility == "Iedereen uit Almere"
    assert facts.is_free is True
    assert facts.walk_in is False  # its own "no" wins over the organisation's "yes"
    assert facts.by_phone is True
    assert facts.interpreter is True
    assert facts.required_documents == "Uw post"
    assert facts.ways_to_ask == ["by_phone"]
    assert [language.name for language in facts.languages] == ["Arabisch"]


def test_a_service_with_its_own_languages_does_not_take_the_organisations():
    organisation = make("Buurthuis De Schakel", languages=["Arabisch"])
    service = service_for(organisation, by_phone=True)
    service.save()
    service.languages.set([Language.get_or_create_by_name("Turks")])

    assert [language.name for language in service.facts().languages] == ["Turks"]


def test_costs_must_be_described_when_the_help_is_not_free():
    organisation = make("Buurthuis De Schakel")

    assert "fees" in errors_of(service_for(organisation, is_free=False, by_phone=True))
    service_for(organisation, is_free=False, fees="5 euro per keer", by_phone=True).full_clean()


def test_free_help_has_no_costs_text():
    organisation = make("Buurthuis De Schakel")

    assert "fees" in errors_of(service_for(organisation, is_free=True, fees="5 euro", by_phone=True))


def test_the_organisation_obeys_the_same_costs_rule():
    organisation = make("Buurthuis De Schakel")
    organisation.is_free = False

    assert "fees" in errors_of(organisation)


def test_a_service_says_how_to_ask_for_it_itself_or_through_its_organisation():
    organisation = make("Buurthuis De Schakel")

    assert "__all__" in errors_of(service_for(organisation))
    service_for(organisation, application_process="Vraag het aan via uw huisarts.").full_clean()
    organisation.by_referral = True
    organisation.save()
    service_for(organisation).full_clean()


def test_texts_are_limited_and_on_one_line_where_needed():
    organisation = make("Buurthuis De Schakel")

    too_long = errors_of(service_for(organisation, by_phone=True, eligibility="x" * (HELP_TEXT_MAX_CHARS + 1)))
    assert "eligibility" in too_long
    assert "name" in errors_of(service_for(organisation, name="Twee\nregels", by_phone=True))
    assert "accessibility" in errors_of(service_for(organisation, by_phone=True, accessibility="Oprit \u202e"))


def test_two_services_of_one_organisation_have_different_names():
    organisation = make("Buurthuis De Schakel")
    service_for(organisation, by_phone=True).save()

    assert "__all__" in errors_of(service_for(organisation, by_phone=True))


def test_the_data_migration_gives_every_theme_of_an_organisation_a_service():
    organisation = make("Buurthuis De Schakel", services=["Schulden", "Wonen"])
    make("Leeg", services=[])
    migration = importlib.import_module("members.migrations.0012_one_service_per_theme")

    migration.forwards(apps, None)
    migration.forwards(apps, None)  # runs twice without doubles

    services = Service.objects.filter(organisation=organisation)
    assert [(service.name, [theme.name for theme in service.themes.all()]) for service in services] == [
        ("Schulden", ["Schulden"]),
        ("Wonen", ["Wonen"]),
    ]
    assert Service.objects.count() == 2


def test_the_organisation_page_shows_each_service_with_its_facts_in_constant_queries(
    client, django_assert_max_num_queries
):
    organisation = make("Buurthuis De Schakel", languages=["Arabisch"])
    organisation.walk_in = True
    organisation.save()
    Service.objects.create(
        organisation=organisation, name="Formulierenhulp", is_free=True, required_documents="Uw post"
    )
    Service.objects.create(organisation=organisation, name="Kookcursus", is_free=False, fees="5 euro", interpreter=True)
    url = organisation.get_absolute_url()
    client.get(url)
    with django_assert_max_num_queries(40) as two:
        page = client.get(url).content.decode()
    for number in range(5):
        Service.objects.create(organisation=organisation, name=f"Extra {number}", by_phone=True, wheelchair=True)
    with django_assert_max_num_queries(len(two.captured_queries)):
        more = client.get(url).content.decode()

    assert "Hulp en hoe u die krijgt" in page
    assert "Formulierenhulp" in page and "Neem mee: Uw post" in page and "Gratis" in page
    assert "Kosten: 5 euro" in page and "Tolk mogelijk" in page
    assert page.count("Kom langs tijdens de inloop") == 2  # from the organisation, for both services
    assert "Arabisch" in page
    assert "Rolstoeltoegankelijk" in more and "Extra 4" in more

"""The index follows publishing: the database backend, fed by the real signals and tasks."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from fpdf import FPDF
from wagtail.models import PageViewRestriction

from core.models import PlatformDocument
from library.models import GuideDocument
from members.models import Organisation
from search import services
from search.backends.base import SearchQuery
from search.models import SearchEntry
from tests.factories import GuidePageFactory, StoryPageFactory, ThemeFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db


def found(text="", **filters):
    results = services.get_backend("database").search(SearchQuery(text=text, filters=filters, limit=50))
    return [hit.title for hit in results.hits]


@pytest.fixture
def sync(django_capture_on_commit_callbacks):
    """Run the index updates that publishing schedules after commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def test_publishing_indexes_and_drafts_never_appear(sync, home):
    with sync():
        StoryPageFactory(title="Inloop in de bibliotheek", themes=[ThemeFactory(name="Schulden")])
        StoryPageFactory(title="Geheim concept over de inloop", publish=False)
    assert found("inloop") == ["Inloop in de bibliotheek"]
    assert found(theme=("schulden",)) == ["Inloop in de bibliotheek"]


def test_unpublish_move_and_delete_update_the_index(sync, home):
    with sync():
        story = StoryPageFactory(title="Spreekuur in de kerk")
    assert found("spreekuur") == ["Spreekuur in de kerk"]
    with sync():
        story.unpublish()
    assert found("spreekuur") == []
    with sync():
        story.save_revision().publish()
    assert found("spreekuur") == ["Spreekuur in de kerk"]
    with sync():
        story.delete()
    assert found("spreekuur") == []
    assert not SearchEntry.objects.exists()


def test_private_pages_leave_the_index(sync, home):
    with sync():
        story = StoryPageFactory(title="Besloten verslag van het overleg")
    with sync():
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert found("verslag") == []


def test_only_verified_organisations_appear_and_follow_status_changes(sync):
    with sync():
        make("Moskee Al Amal", kind="informeel", status="awaiting", services=["Schulden"])
        make("Humanitas Almere", services=["Schulden"])
    assert found(type=("organisation",)) == ["Humanitas Almere"]
    with sync():
        mosque = Organisation.objects.get(name="Moskee Al Amal")
        mosque.status = Organisation.Status.VERIFIED
        mosque.save()
    assert sorted(found(type=("organisation",))) == ["Humanitas Almere", "Moskee Al Amal"]
    assert found(organisation_kind=("informeel",)) == ["Moskee Al Amal"]
    with sync():
        Organisation.objects.filter(name="Humanitas Almere").get().delete()
    assert found(type=("organisation",)) == ["Moskee Al Amal"]


def make_pdf(text):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_text_read_from_a_guide_file_becomes_searchable_with_a_highlight(sync, home):
    with sync():
        guide = GuidePageFactory(title="Handreiking doorverwijzen")
    with sync():
        document = PlatformDocument(title="Bijlage", file=ContentFile(make_pdf("Over de warme overdracht naar de wijkteams."), name="bijlage.pdf"))
        document._set_document_file_metadata()
        document.save()
        GuideDocument.objects.create(page=guide, document=document)
    with sync():
        # Reading the text runs after the upload commits; it re-indexes the guides using the file.
        document.refresh_from_db()
        from core.documents import extract_document_text

        extract_document_text.call(document.pk)
    results = services.get_backend("database").search(SearchQuery(text="overdracht"))
    assert [hit.title for hit in results.hits] == ["Handreiking doorverwijzen"]
    assert "<mark>overdracht</mark>" in results.hits[0].snippet


def test_renaming_a_theme_reindexes_its_material(sync, home):
    theme = ThemeFactory(name="Armoede")
    with sync():
        StoryPageFactory(title="Samen tegen armoede", themes=[theme])
    with sync():
        theme.slug = "armoedebestrijding"
        theme.save()
    assert found(theme=("armoedebestrijding",)) == ["Samen tegen armoede"]


def test_an_unreachable_backend_never_breaks_publishing(sync, home, monkeypatch, caplog):
    from search.backends.database import DatabaseBackend

    def fail(self, documents):
        raise ConnectionError("zoekmachine onbereikbaar")

    monkeypatch.setattr(DatabaseBackend, "index", fail)
    with sync():
        story = StoryPageFactory(title="Gepubliceerd ondanks storing")
    assert story.live
    assert "Updating the search index" in caplog.text


def test_search_reindex_rebuilds_everything_and_prints_a_summary(home):
    StoryPageFactory(title="Een praktijkverhaal")
    GuidePageFactory(title="Een handreiking")
    SearchEntry.objects.all().delete()
    out, err = io.StringIO(), io.StringIO()
    call_command("search_reindex", "--backend", "database", stdout=out, stderr=err)
    assert "2 items geïndexeerd in database" in out.getvalue()
    assert "Praktijkverhaal: 1" in out.getvalue()
    assert "2/2" in err.getvalue()
    assert sorted(found()) == ["Een handreiking", "Een praktijkverhaal"]


def test_demo_content_ends_with_a_built_index(demo_content):
    from search.demo import load

    load()
    assert SearchEntry.objects.filter(type="story").exists()
    assert SearchEntry.objects.filter(type="organisation").exists()


def test_events_are_searchable_by_their_dialogue_tables_but_not_their_online_link(sync, home):
    from tests.events.factories import EventPageFactory

    with sync():
        EventPageFactory(title="Netwerkbijeenkomst noodhulp", tables=[("Vertrouwen tussen moskee en gemeente", 8)],
                         online_url="https://meet.example/geheim-kanaal")
    results = services.get_backend("database").search(SearchQuery(text="vertrouwen"))
    assert [(hit.title, hit.type) for hit in results.hits] == [("Netwerkbijeenkomst noodhulp", "event")]
    assert found("geheim kanaal") == []

"""The index follows publishing on every backend, fed by the real signals and tasks."""

import datetime
import io
import logging

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from fpdf import FPDF
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from core.models import PlatformDocument
from library.models import GuideDocument, LibraryIndexPage
from members.models import Organisation
from search import services, tasks
from search.backends.base import SearchQuery
from search.models import SearchEntry
from tests.conftest import DUMMY_TASK_BACKEND
from tests.factories import GuidePageFactory, StoryPageFactory, ThemeFactory
from tests.members.conftest import make

pytestmark = pytest.mark.django_db


def search(text="", **filters):
    return services.get_backend().search(SearchQuery(text=text, filters=filters, limit=50))


def found(text="", **filters):
    return [hit.title for hit in search(text, **filters).hits]


def urls(text):
    return [hit.url for hit in search(text).hits]


@pytest.fixture
def sync(site_backend, django_capture_on_commit_callbacks):
    """Run the index updates that publishing schedules after commit (on each backend in turn)."""
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
    assert search().total == 0


def test_a_moved_page_is_found_at_its_new_address(sync, home):
    with sync():
        story = StoryPageFactory(title="Spreekuur in de kerk", slug="spreekuur")
        archive = home.add_child(instance=LibraryIndexPage(title="Archief", slug="archief"))
        archive.save_revision().publish()
    assert urls("spreekuur") == ["/bibliotheek/spreekuur/"]
    with sync():
        story.move(archive, pos="last-child")
    assert urls("spreekuur") == ["/archief/spreekuur/"]


def test_a_new_slug_of_a_parent_updates_the_addresses_below_it(sync, home):
    with sync():
        StoryPageFactory(title="Spreekuur in de kerk", slug="spreekuur")
    library = LibraryIndexPage.objects.get()
    with sync():
        library.slug = "kennisbank"
        library.save_revision().publish()
    assert urls("spreekuur") == ["/kennisbank/spreekuur/"]


def test_private_pages_leave_the_index(sync, home):
    with sync():
        story = StoryPageFactory(title="Besloten verslag van het overleg")
    with sync():
        PageViewRestriction.objects.create(page=story, restriction_type=PageViewRestriction.LOGIN)
    assert found("verslag") == []


def test_pages_under_a_page_made_private_leave_the_index(sync, home):
    with sync():
        StoryPageFactory(title="Besloten verslag van het overleg")
    assert found("verslag") == ["Besloten verslag van het overleg"]
    with sync():
        restriction = PageViewRestriction.objects.create(
            page=LibraryIndexPage.objects.get(), restriction_type=PageViewRestriction.LOGIN
        )
    assert found("verslag") == []
    with sync():
        restriction.delete()
    assert found("verslag") == ["Besloten verslag van het overleg"]


def test_expired_pages_are_left_out_before_and_after_publish_scheduled_runs(sync, home):
    past = timezone.now() - datetime.timedelta(hours=1)
    with sync():
        story = StoryPageFactory(title="Spreekuur in de kerk")
        StoryPageFactory(title="Spreekuur in de wijk", expire_at=timezone.now() + datetime.timedelta(days=30))
    assert sorted(found("spreekuur")) == ["Spreekuur in de kerk", "Spreekuur in de wijk"]
    # The expiry date passes; until the cron job runs the page is still live, but no update brings it back.
    type(story).objects.filter(pk=story.pk).update(expire_at=past)
    services.sync("library.storypage", [story.pk])
    assert found("spreekuur") == ["Spreekuur in de wijk"]
    services.rebuild()
    assert found("spreekuur") == ["Spreekuur in de wijk"]


def test_publish_scheduled_takes_expired_pages_out_of_the_index(sync, home):
    with sync():
        story = StoryPageFactory(title="Spreekuur in de kerk")
    type(story).objects.filter(pk=story.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    with sync():
        call_command("publish_scheduled", stdout=io.StringIO())
    story.refresh_from_db()
    assert (story.live, story.expired) == (False, True)
    assert found("spreekuur") == []


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


def test_a_story_with_formal_and_informal_partners_is_found_under_both_kinds(sync, home):
    formal, informal = make("Humanitas Almere"), make("Moskee Al Amal", kind="informeel")
    with sync():
        story = StoryPageFactory(title="Samen tegen schulden")
        story.organisations = [formal, informal]
        story.save_revision().publish()
    stories = search(type=("story",))
    assert {fc.value: fc.count for fc in stories.facets["organisation_kind"]} == {"formeel": 1, "informeel": 1}
    assert found(type=("story",), organisation_kind=("formeel",)) == ["Samen tegen schulden"]
    assert found(type=("story",), organisation_kind=("informeel",)) == ["Samen tegen schulden"]


def make_pdf(text):
    pdf = FPDF()
    pdf.set_font("Helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def attach(sync, guide, text, collection=None):
    with sync():
        document = PlatformDocument(title="Bijlage", file=ContentFile(make_pdf(text), name="bijlage.pdf"))
        if collection is not None:
            document.collection = collection
        document._set_document_file_metadata()
        document.save()
        GuideDocument.objects.create(page=guide, document=document)
    with sync():
        # Reading the text runs after the upload commits; it re-indexes the guides using the file.
        from core.documents import extract_document_text

        extract_document_text.call(document.pk)


def test_text_read_from_a_guide_file_becomes_searchable_with_a_highlight(sync, home):
    with sync():
        guide = GuidePageFactory(title="Handreiking doorverwijzen")
    attach(sync, guide, "Over de warme overdracht naar de wijkteams.")
    results = search("overdracht")
    assert [hit.title for hit in results.hits] == ["Handreiking doorverwijzen"]
    assert "<mark>overdracht</mark>" in results.hits[0].snippet


def test_text_of_files_in_a_private_collection_is_never_indexed(sync, home):
    internal = Collection.get_first_root_node().add_child(name="Intern")
    minutes = internal.add_child(name="Notulen")
    with sync():
        guide = GuidePageFactory(title="Handreiking doorverwijzen")
    attach(sync, guide, "Over de warme overdracht naar de wijkteams.", collection=minutes)
    assert found("overdracht") == ["Handreiking doorverwijzen"]
    with sync():
        # A restriction on a collection covers the collections below it.
        restriction = CollectionViewRestriction.objects.create(
            collection=internal, restriction_type=CollectionViewRestriction.LOGIN
        )
    assert found("overdracht") == []
    assert found("doorverwijzen") == ["Handreiking doorverwijzen"]  # the guide itself stays
    services.rebuild()
    assert found("overdracht") == []
    with sync():
        restriction.delete()
    assert found("overdracht") == ["Handreiking doorverwijzen"]


def test_renaming_a_theme_reindexes_its_material(sync, home):
    theme = ThemeFactory(name="Armoede")
    with sync():
        StoryPageFactory(title="Samen tegen armoede", themes=[theme])
    with sync():
        theme.slug = "armoedebestrijding"
        theme.save()
    assert found(theme=("armoedebestrijding",)) == ["Samen tegen armoede"]


def test_an_unreachable_backend_never_breaks_publishing(sync, site_backend, home, monkeypatch, caplog):
    def fail(documents):
        raise ConnectionError("zoekmachine onbereikbaar")

    monkeypatch.setattr(site_backend, "index", fail)
    with sync():
        story = StoryPageFactory(title="Gepubliceerd ondanks storing")
    assert story.live
    assert "Updating the search index" in caplog.text


def test_a_failed_update_is_retried_later_until_the_last_attempt(site_backend, home, monkeypatch, settings, caplog):
    settings.TASKS = {"default": {"BACKEND": DUMMY_TASK_BACKEND}}  # a queue that can defer
    queue = tasks.sync_index.get_backend()
    story = StoryPageFactory(title="Spreekuur in de kerk")
    queue.clear()  # whatever publishing queued
    index = site_backend.index
    down = True

    def index_unless_down(documents):
        if down:
            raise ConnectionError("zoekmachine onbereikbaar")
        index(documents)

    monkeypatch.setattr(site_backend, "index", index_unless_down)
    tasks.sync_index.call("library.storypage", [story.pk])
    [retry] = queue.results
    assert retry.args == ["library.storypage", [story.pk], 2]
    retry_in = retry.task.run_after - timezone.now()
    assert tasks.RETRY_DELAY - datetime.timedelta(seconds=30) < retry_in <= tasks.RETRY_DELAY
    assert found("spreekuur") == []

    down = False  # the backend is back when the retry runs
    tasks.sync_index.call(*retry.args)
    assert found("spreekuur") == ["Spreekuur in de kerk"]
    assert len(queue.results) == 1

    down = True
    queue.clear()
    with caplog.at_level(logging.ERROR, logger="search.tasks"):
        tasks.sync_index.call("library.storypage", [story.pk], tasks.MAX_ATTEMPTS)
    assert queue.results == []
    assert "Gave up updating the search index" in caplog.text


def test_without_a_queue_that_can_defer_a_failed_update_says_to_reindex(site_backend, home, monkeypatch, caplog):
    def fail(documents):
        raise ConnectionError("zoekmachine onbereikbaar")

    monkeypatch.setattr(site_backend, "index", fail)
    story = StoryPageFactory(title="Spreekuur in de kerk")
    assert tasks.sync_index.call("library.storypage", [story.pk]) is None
    assert "run search_reindex when the search backend is back" in caplog.text


def test_search_reindex_rebuilds_everything_and_prints_a_summary(site_backend, home):
    StoryPageFactory(title="Een praktijkverhaal")
    GuidePageFactory(title="Een handreiking")
    assert found() == []  # nothing synced: the updates after commit never ran
    out, err = io.StringIO(), io.StringIO()
    call_command("search_reindex", "--backend", site_backend.name, stdout=out, stderr=err)
    assert f"2 items geïndexeerd in {site_backend.name}" in out.getvalue()
    assert "Praktijkverhaal: 1" in out.getvalue()
    assert "2/2" in err.getvalue()
    assert sorted(found()) == ["Een handreiking", "Een praktijkverhaal"]


@pytest.mark.parametrize("backend", ["database"], indirect=True)
def test_demo_content_ends_with_a_built_index(site_backend, demo_content):
    from search.demo import load

    load()
    assert SearchEntry.objects.filter(type="story").exists()
    assert SearchEntry.objects.filter(type="organisation").exists()


def test_events_are_searchable_by_their_dialogue_tables_but_not_their_online_link(sync, home):
    from tests.events.factories import EventPageFactory

    with sync():
        EventPageFactory(
            title="Netwerkbijeenkomst noodhulp",
            tables=[("Vertrouwen tussen moskee en gemeente", 8)],
            online_url="https://meet.example/geheim-kanaal",
        )
    assert [(hit.title, hit.type) for hit in search("vertrouwen").hits] == [("Netwerkbijeenkomst noodhulp", "event")]
    assert found("geheim kanaal") == []

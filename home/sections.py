"""What the task-first home page shows besides its own fields: the first choices, coming meetings,
the newest stories and guides, and the social map in numbers. A fixed number of queries however
much material there is (tests/home/test_home_sections.py counts them)."""

from django.db.models import Count, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model
from wagtail.models import Page

from events.models import EventIndexPage, EventPage
from library.models import GuidePage, LibraryIndexPage, StoryPage
from members.models import Organisation

UPCOMING_COUNT = 3
NEWEST_STORIES = 3
NEWEST_GUIDES = 3


def _with_image(queryset):
    """Pages with their image and its renditions in two extra queries, not one per image."""
    return queryset.select_related("image").prefetch_related(
        Prefetch("image__renditions", queryset=get_image_model().get_rendition_model().objects.all())
    )


def index_urls(request):
    """The addresses of the library and the agenda, wherever editors put them."""
    pages = Page.objects.live().public().type(LibraryIndexPage, EventIndexPage).specific()
    return {("library" if isinstance(page, LibraryIndexPage) else "agenda"): page.get_url(request) for page in pages}


def first_choices(urls):
    """The four first choices: the finder, the social map, the library and the agenda."""
    choices = [
        (
            reverse("members:finder"),
            _("Waar kan ik terecht?"),
            _("Zoek hulp bij geldzorgen of schulden in uw gemeente, in twee stappen."),
        ),
        (
            reverse("members:social_map"),
            _("Sociale kaart"),
            _("Welke organisaties helpen met welke vraag, formeel en informeel."),
        ),
        (urls.get("library"), _("Bibliotheek"), _("Praktijkverhalen, handreikingen en draaiboeken om van te leren.")),
        (urls.get("agenda"), _("Agenda"), _("Bijeenkomsten en dialoogtafels om elkaar te ontmoeten.")),
    ]
    return [{"url": url, "title": title, "text": text} for url, title, text in choices if url]


def upcoming_events(now=None):
    now = now or timezone.now()
    return list(
        _with_image(EventPage.objects.live().public().filter(end__gt=now).select_related("municipality")).order_by(
            "start", "pk"
        )[:UPCOMING_COUNT]
    )


def newest_stories():
    return list(
        _with_image(StoryPage.objects.live().public().select_related("municipality")).order_by("-published", "-pk")[
            :NEWEST_STORIES
        ]
    )


def newest_guides():
    return list(GuidePage.objects.live().public().order_by("-published", "-pk")[:NEWEST_GUIDES])


def social_map_numbers():
    """Verified organisations, formal and informal, and the municipalities they work in: one query."""
    kinds = Organisation.Kind
    return Organisation.objects.public().aggregate(
        total=Count("pk"),
        formal=Count("pk", filter=Q(kind=kinds.FORMAL)),
        informal=Count("pk", filter=Q(kind=kinds.INFORMAL)),
        municipalities=Count("municipality", distinct=True),
    )

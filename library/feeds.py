import datetime
import zoneinfo

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from members.models import Organisation

from .filters import material

FEED_SIZE = 30


class LibraryFeed(Feed):
    """Links are absolute on SITE_URL; dates are the material's own date, never when it was loaded."""

    feed_type = Rss201rev2Feed

    def __init__(self, index_page, theme, feed_url):
        super().__init__()
        self.index_page = index_page
        self.theme = theme
        self._feed_url = feed_url

    def title(self):
        if self.theme:
            return _("Nieuw in de bibliotheek: %(theme)s") % {"theme": self.theme.name}
        return _("Nieuw in de bibliotheek")

    def link(self):
        if self.theme:
            return f"{self.index_page.full_url}?thema={self.theme.slug}"
        return self.index_page.full_url

    def feed_url(self):
        return self._feed_url

    def feed_guid(self):
        # Atom's feed id: each feed its own, not the library's address shared by every theme feed.
        return self._feed_url

    def author_name(self):
        return str(settings.WAGTAIL_SITE_NAME)

    def description(self):
        return _("Nieuwe praktijkverhalen, handreikingen en draaiboeken op het kennisplatform.")

    def items(self):
        items = material().select_related("content_type").order_by("-published", "-pk")
        if self.theme:
            items = items.filter(themes=self.theme)
        items = list(items[:FEED_SIZE])
        # One query for the organisations behind all stories in the feed.
        self._organisations = {}
        links = (
            Organisation.stories.through.objects.filter(
                storypage_id__in=[item.pk for item in items], organisation__in=Organisation.objects.public()
            )
            .select_related("organisation")
            .order_by("organisation__name")
        )
        for link in links:
            self._organisations.setdefault(link.storypage_id, []).append(link.organisation.name)
        return items

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.full_url

    def item_guid(self, item):
        return item.full_url

    def item_author_name(self, item):
        return ", ".join(self._organisations.get(item.pk, [])) or str(settings.WAGTAIL_SITE_NAME)

    def item_pubdate(self, item):
        # The material's date as the editor set it (defaults to the day it first went live).
        midnight = datetime.datetime.combine(item.published, datetime.time())
        return midnight.replace(tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))

    def item_updateddate(self, item):
        return self.item_pubdate(item)


class AtomLibraryFeed(LibraryFeed):
    feed_type = Atom1Feed
    subtitle = LibraryFeed.description


def feed_for(kind, index_page, theme, feed_url):
    feed_class = AtomLibraryFeed if kind == "atom" else LibraryFeed
    return feed_class(index_page, theme, feed_url)

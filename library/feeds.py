from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from .filters import material

FEED_SIZE = 30


class LibraryFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index_page, theme=None):
        super().__init__()
        self.index_page = index_page
        self.theme = theme

    def title(self):
        if self.theme:
            return _("Nieuw in de bibliotheek: %(theme)s") % {"theme": self.theme.name}
        return _("Nieuw in de bibliotheek")

    def link(self):
        return self.index_page.url

    def description(self):
        return _("Nieuwe praktijkverhalen, handreikingen en draaiboeken op het kennisplatform.")

    def items(self):
        items = material().select_related("content_type").order_by("-published", "-pk")
        if self.theme:
            items = items.filter(themes=self.theme)
        return items[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class AtomLibraryFeed(LibraryFeed):
    feed_type = Atom1Feed
    subtitle = LibraryFeed.description


def feed_for(kind, index_page, theme):
    feed_class = AtomLibraryFeed if kind == "atom" else LibraryFeed
    return feed_class(index_page, theme)

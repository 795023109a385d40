from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField

from core.models import BasePage
from core.pagecache import remembered
from core.pagination import paginate
from core.taxonomy import Theme

from ..feeds import feed_for
from ..filters import LibraryFilters, material
from ..views import submit_story_view

PER_PAGE = 12


class LibraryIndexPage(RoutablePageMixin, BasePage):
    """/bibliotheek/: all material, newest first, with filters and feeds."""

    intro = RichTextField(_("introductie"), blank=True, features=["bold", "italic", "link"])

    content_panels = BasePage.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["library.StoryPage", "library.GuidePage", "library.PlaybookPage"]
    max_count = 1

    template = "library/library_index_page.html"

    class Meta:
        verbose_name = _("bibliotheek")
        verbose_name_plural = _("bibliotheken")

    @path("")
    def listing(self, request):
        filters = LibraryFilters(request.GET)
        base = material()
        results = (
            filters.apply(base)
            .select_related("content_type", "municipality")
            .prefetch_related("themes")
            .order_by("-published", "-pk")
        )
        page_obj = paginate(request, results, PER_PAGE)
        query = request.GET.copy()
        query.pop("pagina", None)
        return self.render(
            request,
            context_overrides={
                "filters": filters,
                # The same for every visitor: counted once per choice of filters until the next change.
                "facets": remembered(f"library:facets:{get_language()}:{filters.key}", lambda: filters.facets(base)),
                "page_obj": page_obj,
                "result_count": page_obj.paginator.count,
                "filter_query": query.urlencode(),
                "themes": Theme.objects.filter(library_pages__live=True).distinct(),
            },
        )

    def _feed(self, request, kind, theme_slug=None):
        theme = None
        route = "feed_" + kind
        kwargs = None
        if theme_slug:
            theme = Theme.objects.filter(slug=theme_slug).first()
            if theme is None:
                raise Http404
            route = "theme_" + route
            kwargs = {"theme": theme_slug}
        feed_url = self.full_url + self.reverse_subpage(route, kwargs=kwargs)
        return feed_for(kind, self, theme, feed_url)(request)

    @path("insturen/", name="submit")
    def submit(self, request):
        return submit_story_view(request, self)

    @path("feed/rss/", name="feed_rss")
    def feed_rss(self, request):
        return self._feed(request, "rss")

    @path("feed/atom/", name="feed_atom")
    def feed_atom(self, request):
        return self._feed(request, "atom")

    @path("thema/<slug:theme>/feed/rss/", name="theme_feed_rss")
    def theme_feed_rss(self, request, theme):
        return self._feed(request, "rss", theme)

    @path("thema/<slug:theme>/feed/atom/", name="theme_feed_atom")
    def theme_feed_atom(self, request, theme):
        return self._feed(request, "atom", theme)

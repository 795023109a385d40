from django.conf import settings
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import RedirectView, TemplateView
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.documents.views import serve as wagtaildocs_serve

from core.ratelimits import rate_limited
from core.views import no_store_for_private_files, serve_private_image
from members import hsds_views
from members.sitemaps import OrganisationSitemap, SocialMapSitemap
from search.views import api_search

# Wagtail's pages, then what lives outside the page tree.
SITEMAPS = {"pages": WagtailSitemap, "social_map": SocialMapSitemap, "organisations": OrganisationSitemap}
# allauth's limiter and core.ratelimits answer with the Dutch 429 page.
handler429 = "core.views.too_many_requests"

urlpatterns = [
    # The Wagtail login would skip allauth's second factor; everyone logs in through allauth.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("admin/", include(wagtailadmin_urls)),
    # Wagtail's password form for private pages, with a limit on guessing (the same URL, matched first).
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        rate_limited("page_password")(wagtail_views.authenticate_with_password),
    ),
    path(
        "documenten/authenticate_with_password/<int:restriction_id>/",
        rate_limited("page_password")(wagtaildocs_serve.authenticate_with_password),
    ),
    # Documents of unpublished or restricted pages are served only to those who may see them (core/private_media.py).
    path(
        "documenten/<int:document_id>/<str:document_filename>",
        no_store_for_private_files(wagtaildocs_serve.serve),
        name="wagtaildocs_serve",
    ),
    path("documenten/", include(wagtaildocs_urls)),
    path("afgeschermd/<path:name>", serve_private_image, name="private_media"),
    path("", include("members.urls")),
    path("", include("follows.urls")),
    path("account/", include("library.urls")),
    path("account/", include("notifications.urls")),
    path("", include("events.urls")),
    path("", include("corrections.urls")),
    path("account/", include("allauth.urls")),
    path("zoeken/", include("search.urls")),
    path("", include("newsletters.urls")),
    path("api/v1/search/", api_search, name="api_search"),
    path("api/hsds/", include("members.hsds_urls")),
    # The first list of organisations, with the social map's filters: the same HSDS objects (README "HSDS API").
    path("api/v1/organisations/", hsds_views.social_map_organizations, name="api_organisations"),
    # The switch sits on every page; a CSRF token there would make every page uncacheable (core/pagecache.py).
    path("taal/", csrf_exempt(set_language), name="set_language"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path(
        "robots.txt",
        TemplateView.as_view(
            template_name="robots.txt", content_type="text/plain", extra_context={"site_url": settings.SITE_URL}
        ),
        name="robots_txt",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [
    # Wagtail's front-end login (where private pages send visitors) would skip the second factor,
    # allauth's limits and the email verification: it sends to the one login of the site.
    path("_util/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    path("", include(wagtail_urls)),
]
# JSON endpoints answer a bad request (a NUL byte, too many parameters) in JSON.
handler400 = "core.http.bad_request"

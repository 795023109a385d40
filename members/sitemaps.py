from django.urls import reverse

from core.sitemaps import PublicAddressSitemap

from .socialmap import public_organisations


class SocialMapSitemap(PublicAddressSitemap):
    """The social map and the finder "Waar kan ik terecht?"."""

    def items(self):
        return ["members:social_map", "members:finder"]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(PublicAddressSitemap):
    """Profiles of verified organisations."""

    def items(self):
        return public_organisations().only("slug", "last_confirmed").order_by("name", "pk")

    def lastmod(self, organisation):
        return organisation.last_confirmed

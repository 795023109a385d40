from django.urls import reverse

from core.sitemaps import PublicAddressSitemap

from .models import Organisation


class SocialMapSitemap(PublicAddressSitemap):
    """The social map and the finder "Waar kan ik terecht?"."""

    def items(self):
        return ["members:social_map", "members:finder"]

    def location(self, item):
        return reverse(item)


class OrganisationSitemap(PublicAddressSitemap):
    """Profiles of verified organisations."""

    def items(self):
        return Organisation.objects.public().only("slug", "last_confirmed").order_by("name", "pk")

    def lastmod(self, organisation):
        return organisation.last_confirmed

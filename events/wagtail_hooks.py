from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .models import EventPage


def _attendees_button(page, priority):
    if page.specific_class is not EventPage or not page.live:
        return []
    # The attendee list lives on the site, where organisers (who have no admin access) use it too.
    # The listing may hand over a plain Page; the route belongs to the class, so no query for the specific page.
    attendees = page.url + EventPage.get_resolver().reverse("attendees")
    return [Button(_("Deelnemers"), attendees, icon_name="group", priority=priority)]


@hooks.register("register_page_listing_more_buttons")
def attendees_in_page_listing(page, user, next_url=None):
    yield from _attendees_button(page, 45)


@hooks.register("register_page_header_buttons")
def attendees_in_page_header(page, user, view_name, next_url=None):
    yield from _attendees_button(page, 62)

"""Demo: members follow themes, organisations and a series of meetings, have notifications under the bell,
and one digest is sent (printed in the console with the dev settings' console email backend)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from core.models import Theme
from events.models import EventPage, EventSeriesPage
from follows.models import Follow
from library.models import LibraryPage
from members.models import Organisation

from .delivery import build_email
from .fanout import fan_out
from .models import Notification

# Who follows what: theme slugs and organisation slugs per demo member.
DEMO_FOLLOWS = {
    "lid@kennisplatform.example": {"themes": 2, "organisations": ["ocan-almere"], "series": 1},
    "organisatie@kennisplatform.example": {"themes": 1, "organisations": [], "series": 0},
}
DIGEST_FOR = "lid@kennisplatform.example"


def _follow(user, target):
    Follow.objects.get_or_create(user=user, content_type=ContentType.objects.get_for_model(target), object_id=target.pk)


def load():
    users = {u.email: u for u in get_user_model().objects.filter(email__in=DEMO_FOLLOWS)}
    themes = list(Theme.objects.order_by("name"))
    for email, spec in DEMO_FOLLOWS.items():
        user = users.get(email)
        if user is None:
            continue
        for theme in themes[: spec["themes"]]:
            _follow(user, theme)
        for organisation in Organisation.objects.filter(slug__in=spec["organisations"]):
            _follow(user, organisation)
        for series in EventSeriesPage.objects.live().public().order_by("path")[: spec["series"]]:
            _follow(user, series)
    pages = Page.objects.live().public().type(LibraryPage, EventPage).specific()
    created = sum(fan_out(page) for page in pages)
    lines = [_("%(count)d demo-meldingen aangemaakt.") % {"count": created}]
    member = users.get(DIGEST_FOR)
    if member is not None:
        items = list(Notification.objects.filter(recipient=member, emailed_at__isnull=True).select_related("theme"))
        if items:
            build_email(member, items).send()
            Notification.objects.filter(pk__in=[n.pk for n in items]).update(emailed_at=timezone.now())
            lines.append(
                _("Een voorbeeldoverzicht is verstuurd aan %(email)s (zie de console).") % {"email": member.email}
            )
    return lines

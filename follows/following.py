"""Following: a member follows a theme, target group, municipality, organisation, series of meetings or person,
and chooses how often email about each kind of news comes. Views, the demo and commands go through here."""

from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from core.taxonomy import Municipality, TargetGroup, Theme
from events.models import EventSeriesPage
from library.models import LibraryIndexPage
from members.models import Organisation, Profile
from members.profiles import visible_profiles

from .models import DEFAULT_FREQUENCY, FOLLOWABLE, DeliveryPreference, Follow, Frequency, NewsKind

# Per followable kind, in the order "Wat ik volg" shows them: the model, the heading of its group and what the
# button says it follows ("thema Schulden").
KINDS = {
    "core.theme": (Theme, _("Thema's"), _("thema %(name)s")),
    "core.targetgroup": (TargetGroup, _("Doelgroepen"), _("doelgroep %(name)s")),
    "core.municipality": (Municipality, _("Gemeenten"), _("gemeente %(name)s")),
    "members.organisation": (Organisation, _("Organisaties"), None),
    "events.eventseriespage": (EventSeriesPage, _("Reeksen van bijeenkomsten"), _("reeks %(name)s")),
    "members.profile": (Profile, _("Mensen"), None),
}
if tuple(KINDS) != FOLLOWABLE:
    raise ImportError("follows.following.KINDS must name every FOLLOWABLE kind")


class NotFollowable(Exception):
    """What the member asked to follow is no followable thing, or one they may not see."""

    def __init__(self, message=None):
        self.message = message or _("Dit kunt u niet volgen.")
        super().__init__(self.message)


def label_of(target):
    return f"{target._meta.app_label}.{target._meta.model_name}"


def _followable(label, user):
    """The things of kind `label` that `user` may follow (and see on "Wat ik volg")."""
    model = KINDS[label][0]
    if model is Organisation:
        return Organisation.objects.public()
    if model is EventSeriesPage:
        return EventSeriesPage.objects.live().public()
    if model is Profile:
        # People whose profile the member may see, not the member themselves.
        return visible_profiles(user).exclude(user=user).select_related("user")
    return model.objects.all()


def name_of(target):
    if isinstance(target, Profile):
        return target.user.get_full_name() or _("Lid zonder naam")
    if isinstance(target, EventSeriesPage):
        return target.title
    return target.name


def describe(target):
    """What the button says is followed: "thema Schulden", an organisation's or person's name."""
    text = KINDS[label_of(target)][2]
    return text % {"name": name_of(target)} if text else name_of(target)


def find(user, label, object_id):
    """The thing named by kind ("core.theme") and id that `user` may follow; NotFollowable otherwise."""
    if label not in KINDS:
        raise NotFollowable(_("Dit soort inhoud kunt u niet volgen."))
    try:
        object_id = int(object_id)
    except (TypeError, ValueError):
        raise NotFollowable(_("Dit kunt u niet volgen: het nummer klopt niet.")) from None
    if not 0 < object_id < 2**63:
        raise NotFollowable(_("Dit kunt u niet volgen: het nummer klopt niet."))
    target = _followable(label, user).filter(pk=object_id).first()
    if target is None:
        raise NotFollowable(_("Dit bestaat niet (meer) of u mag het niet zien."))
    return target


def may_follow(user, target):
    if not user.is_authenticated or label_of(target) not in KINDS:
        return False
    return _followable(label_of(target), user).filter(pk=target.pk).exists()


def is_following(user, target):
    if not user.is_authenticated or label_of(target) not in KINDS:
        return False
    return Follow.objects.filter(user=user).of(target).exists()


def follow(user, target):
    """`user` follows `target` (again: no change). NotFollowable when it is not theirs to follow."""
    if not may_follow(user, target):
        raise NotFollowable
    content_type = ContentType.objects.get_for_model(target)
    try:
        with transaction.atomic():
            Follow.objects.get_or_create(user=user, content_type=content_type, object_id=target.pk)
    except IntegrityError:  # the same click twice at once: the other request made the row
        pass


def unfollow(user, target):
    """`user` no longer follows `target`; nothing happens when they did not."""
    if user.is_authenticated:
        Follow.objects.filter(user=user).of(target).delete()


def unfollow_by_id(user, follow_id):
    """Remove one of the member's own follows; False when it is not theirs (or gone)."""
    try:
        follow_id = int(follow_id)
    except (TypeError, ValueError):
        return False
    if not 0 < follow_id < 2**63:
        return False
    deleted, _rows = Follow.objects.filter(user=user, pk=follow_id).delete()
    return bool(deleted)


def follows_for_export(user):
    """Like follows_of, with the kind ("core.theme") instead of the heading, for the data export."""
    headings = {str(heading): label for label, (_model, heading, _text) in KINDS.items()}
    return [(headings[str(heading)], items) for heading, items in follows_of(user)]


def follows_of(user):
    """The member's follows grouped by kind: [(heading, [(follow, target, name)])], each group sorted by name.

    One query for the follows and one per kind followed, however many there are. Things the member can no
    longer see (a hidden profile, an archived organisation, a withdrawn series) are left out: they bring no
    news either."""
    by_label = defaultdict(dict)
    library = None
    for row in Follow.objects.filter(user=user).select_related("content_type"):
        by_label[f"{row.content_type.app_label}.{row.content_type.model}"][row.object_id] = row
    groups = []
    for label, (_model, heading, _text) in KINDS.items():
        rows = by_label.get(label)
        if not rows:
            continue
        targets = list(_followable(label, user).filter(pk__in=list(rows)))
        if label in FILTER_PARAM and library is None:
            library = LibraryIndexPage.objects.live().public().first() or False
        for target in targets:
            target.follow_url = _url_of(target, label, library)
        items = sorted(((rows[t.pk], t, name_of(t)) for t in targets), key=lambda item: str(item[2]).lower())
        if items:
            groups.append((heading, items))
    return groups


# A theme, target group or municipality has no page of its own: its page is the library filtered on it.
FILTER_PARAM = {"core.theme": "thema", "core.targetgroup": "doelgroep", "core.municipality": "gemeente"}


def _url_of(target, label, library):
    if label in FILTER_PARAM:
        return f"{library.url}?{urlencode({FILTER_PARAM[label]: target.slug})}" if library else ""
    if isinstance(target, EventSeriesPage):
        return target.url
    return target.get_absolute_url()


def frequencies_of(user):
    """{NewsKind: Frequency} for every kind of news, the default where the member chose nothing."""
    chosen = dict(DeliveryPreference.objects.filter(user=user).values_list("kind", "frequency"))
    return {kind: chosen.get(kind, DEFAULT_FREQUENCY[kind]) for kind in NewsKind}


def set_frequencies(user, frequencies):
    """Store the member's choice per kind of news; unknown kinds or frequencies raise ValueError, nothing saved."""
    for kind, frequency in frequencies.items():
        if kind not in NewsKind.values or frequency not in Frequency.values:
            raise ValueError(f"{kind}={frequency}")
    with transaction.atomic():
        for kind, frequency in frequencies.items():
            DeliveryPreference.objects.update_or_create(user=user, kind=kind, defaults={"frequency": frequency})

"""Who gets a newsletter: members who did not switch it off and guests with a confirmed subscription,
narrowed to those who follow (or subscribed to) the newsletter's theme or municipality."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from follows.models import DeliveryPreference, EmailSubscription, Follow, Frequency

# The kind of news a member switches the newsletter off with (follows.models.NewsKind.NEWSLETTER).
NEWSLETTER_KIND = "newsletter"


def members(newsletter):
    opted_out = DeliveryPreference.objects.filter(kind=NEWSLETTER_KIND, frequency=Frequency.NEVER).values("user_id")
    users = get_user_model().objects.filter(is_active=True).exclude(email="").exclude(pk__in=opted_out)
    subjects = [subject for subject in (newsletter.theme, newsletter.municipality) if subject]
    if subjects:
        follows = Q()
        for subject in subjects:
            follows |= Q(content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk)
        users = users.filter(pk__in=Follow.objects.filter(follows).values("user_id"))
    return users.order_by("pk")


def guests(newsletter):
    subscriptions = EmailSubscription.objects.all()
    if newsletter.theme_id or newsletter.municipality_id:
        segment = Q()
        if newsletter.theme_id:
            segment |= Q(theme_id=newsletter.theme_id)
        if newsletter.municipality_id:
            segment |= Q(municipality_id=newsletter.municipality_id)
        subscriptions = subscriptions.filter(segment)
    return subscriptions.order_by("pk")


def recipients(newsletter):
    """(email, user, subscription) once per address; a member's account wins over their guest subscription."""
    seen = set()
    for user in members(newsletter):
        key = user.email.lower()
        if key not in seen:
            seen.add(key)
            yield user.email, user, None
    for subscription in guests(newsletter):
        key = subscription.email.lower()
        if key not in seen:
            seen.add(key)
            yield subscription.email, None, subscription

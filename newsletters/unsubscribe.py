"""Unsubscribe links in newsletters sent before follows.unsubscribe made every kind of email's link: they keep
working and do what they always did (no newsletter for the member; the guest subscription erased)."""

from django.contrib.auth import get_user_model
from django.core import signing

from follows.models import EmailSubscription, NewsKind
from follows.unsubscribe import Request

SALT = "newsletters.unsubscribe"


def legacy_request(token):
    """The follows.unsubscribe.Request an old newsletter link stands for; None when it is not one of ours."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(value, dict):
        return None
    if isinstance(value.get("u"), int):
        return Request(user=get_user_model().objects.filter(pk=value["u"]).first(), kind=NewsKind.NEWSLETTER)
    if isinstance(value.get("s"), int):
        subscription = EmailSubscription.objects.filter(pk=value["s"]).first()
        return Request(subscription=subscription, email=subscription.email if subscription else "")
    return None

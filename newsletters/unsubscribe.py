"""One-click unsubscribe from the newsletter without logging in (RFC 8058), until follows.unsubscribe
offers the same for every kind of email: a signed token names the member or the guest subscription."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse

from core.siteurl import absolute_url
from follows.models import DeliveryPreference, EmailSubscription, Frequency, SuppressedAddress

from .recipients import NEWSLETTER_KIND

SALT = "newsletters.unsubscribe"


def unsubscribe_url(*, user=None, subscription=None):
    value = {"u": user.pk} if user else {"s": subscription.pk}
    return absolute_url(reverse("newsletters:unsubscribe", args=[signing.dumps(value, salt=SALT, compress=True)]))


def list_unsubscribe_headers(url):
    return {"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def may_send_to(email):
    return not SuppressedAddress.objects.filter(email__iexact=email).exists()


def unsubscribe(token):
    """Switches the newsletter off for whoever the token names; False for a token that is not ours."""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return False
    if not isinstance(value, dict):
        return False
    if isinstance(value.get("u"), int):
        if get_user_model().objects.filter(pk=value["u"]).exists():
            DeliveryPreference.objects.update_or_create(
                user_id=value["u"], kind=NEWSLETTER_KIND, defaults={"frequency": Frequency.NEVER}
            )
        return True
    if isinstance(value.get("s"), int):
        EmailSubscription.objects.filter(pk=value["s"]).delete()
        return True
    return False

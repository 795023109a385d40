"""One-click unsubscribe (RFC 8058): signed links without expiry, the mail headers, and who may be mailed at all."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db.models.functions import Lower
from django.urls import reverse

from core.siteurl import absolute_url

from .models import DeliveryPreference, EmailSubscription, Frequency, NewsKind, SuppressedAddress

SALT = "follows.unsubscribe"


def make_token(*, user=None, subscription=None, kind=None):
    if subscription is not None:
        data = {"s": subscription.pk, "e": subscription.email}
    elif user is not None:
        data = {"u": user.pk}
        if kind:
            data["k"] = str(kind)
    else:
        raise ValueError("unsubscribe needs a user or a subscription")
    return signing.dumps(data, salt=SALT, compress=True)


def unsubscribe_url(*, user=None, subscription=None, kind=None) -> str:
    token = make_token(user=user, subscription=subscription, kind=kind)
    return absolute_url(reverse("follows:unsubscribe", kwargs={"token": token}))


def list_unsubscribe_headers(url) -> dict:
    value = f"<{url}>"
    mailto = getattr(settings, "FOLLOWS_UNSUBSCRIBE_MAILTO", "")
    if mailto:
        value += f", <mailto:{mailto}>"
    return {"List-Unsubscribe": value, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}


def may_send_to(email) -> bool:
    return not SuppressedAddress.objects.filter(email__iexact=(email or "").strip()).exists()


def suppressed_among(emails) -> set:
    """The addresses (lower case) of ``emails`` that may_send_to refuses, in one query for a whole batch."""
    return set(
        SuppressedAddress.objects.annotate(address=Lower("email"))
        .filter(address__in=[email.lower() for email in emails])
        .values_list("address", flat=True)
    )


class Request:
    """What a valid token asks to stop."""

    def __init__(self, user=None, kind=None, subscription=None, email=""):
        self.user, self.kind, self.subscription, self.email = user, kind, subscription, email

    @property
    def kind_label(self):
        return NewsKind(self.kind).label if self.kind else ""

    def apply(self):
        """Idempotent: applying twice changes nothing more."""
        if self.user is not None:
            kinds = [NewsKind(self.kind)] if self.kind else list(NewsKind)
            for kind in kinds:
                DeliveryPreference.objects.update_or_create(
                    user=self.user, kind=kind, defaults={"frequency": Frequency.NEVER}
                )
        elif self.subscription is not None:
            EmailSubscription.objects.filter(pk=self.subscription.pk).delete()


def read_token(token):
    """The Request a token stands for; None when the token is bad or tampered with."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    if "u" in data:
        user = get_user_model().objects.filter(pk=data["u"]).first()
        kind = data.get("k")
        if kind and kind not in NewsKind.values:
            return None
        # An erased account has nothing left to stop: still a valid, harmless request.
        return Request(user=user, kind=kind)
    if "s" in data:
        subscription = EmailSubscription.objects.filter(pk=data["s"], email=data.get("e")).first()
        return Request(subscription=subscription, email=data.get("e", ""))
    return None

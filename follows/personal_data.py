"""What a member follows and how often they want email: in the data export and gone with the account."""

from core import personal_data

from . import following
from .models import DeliveryPreference, Follow


def export(user):
    return {
        "follows": [
            {"kind": label, "name": str(name), "since": follow.created.isoformat()}
            for label, items in following.follows_for_export(user)
            for follow, _target, name in items
        ],
        "email_frequencies": {str(kind): str(freq) for kind, freq in following.frequencies_of(user).items()},
    }


def erase(user):
    Follow.objects.filter(user=user).delete()
    DeliveryPreference.objects.filter(user=user).delete()


# "following": the guest email subscriptions (follows.guest) may register their own provider as well.
personal_data.register("following", export=export, erase=erase)

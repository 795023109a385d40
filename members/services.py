"""What the AVG gives every person: a copy of their data, and erasure."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction


def personal_data(user):
    """Everything the platform stores about `user`, as plain data (no secrets)."""
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
        "two_factor_authentication": sorted(
            Authenticator.objects.filter(user=user).values_list("type", flat=True)
        ),
    }


@transaction.atomic
def erase_account(user):
    """Delete the account and everything tied to it; page revisions keep no link to the person."""
    user.delete()

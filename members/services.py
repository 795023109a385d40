"""What the AVG gives every person: a copy of their data, and erasure."""

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core import personal_data as other_apps
from core.pagecache import purge

from .membership import report_without_admin, sole_admin_of
from .models import Invitation, Membership, Organisation, Profile


def personal_data(user):
    """Everything the platform stores about `user`, as plain data (no secrets): the account's own data and
    what every other app registered in core.personal_data (registrations, submitted stories, files...)."""
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
        "two_factor_authentication": sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True)),
        **other_apps.export(user),
        "profile": _profile_data(user),
        "memberships": [
            {
                "organisation": membership.organisation.name,
                "role": membership.role,
                "since": membership.created.isoformat(),
            }
            for membership in user.memberships.select_related("organisation").order_by("organisation__name")
        ],
        "join_requests": [
            {
                "organisation": request.organisation.name,
                "message": request.message,
                "status": request.status,
                "created": request.created.isoformat(),
            }
            for request in user.join_requests.select_related("organisation").order_by("created")
        ],
        "profile_claims": [
            {
                "organisation": claim.organisation.name,
                "role": claim.role,
                "message": claim.message,
                "status": claim.status,
                "reason": claim.reason,
                "created": claim.created.isoformat(),
            }
            for claim in user.profile_claims.select_related("organisation").order_by("created")
        ],
        "invitations_received": [
            {
                "organisation": invitation.organisation.name,
                "email": invitation.email,
                "role": invitation.role,
                "created": invitation.created.isoformat(),
                "accepted": invitation.accepted.isoformat() if invitation.accepted else None,
            }
            for invitation in _invitations_to(user).select_related("organisation").order_by("created")
        ],
    }


def _profile_data(user):
    profile = Profile.objects.filter(user=user).prefetch_related("expertise").first()
    if profile is None:
        return None
    return {
        "role": profile.role,
        "bio": profile.bio,
        "expertise": sorted(theme.name for theme in profile.expertise.all()),
        "visibility": profile.visibility,
    }


def _invitations_to(user):
    """Invitations addressed to any of the person's email addresses."""
    query = Q(email__iexact=user.email)
    for address in EmailAddress.objects.filter(user=user).values_list("email", flat=True):
        query |= Q(email__iexact=address)
    return Invitation.objects.filter(query)


@transaction.atomic
def erase_account(user):
    """Delete the account and everything tied to it; page revisions keep no link to the person.

    Profile, memberships and join requests go with the account (cascade); invitations addressed to
    the person hold their email address, so they are deleted too.
    """
    without_admin = sole_admin_of(user)
    _invitations_to(user).delete()
    # What other apps hold: e.g. coming registrations are cancelled, unpublished submissions deleted.
    other_apps.erase(user)
    user.delete()
    report_without_admin(without_admin)


def administered_organisations(user):
    """Organisations `user` may edit on the site: those where they have the admin role."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    return Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN).exclude(
        status=Organisation.Status.ARCHIVED
    )


@transaction.atomic
def save_profile(organisation, form, hours_formset):
    """Store an admin's edits; saving the profile also confirms it is current."""
    organisation = form.save(commit=False)
    organisation.last_confirmed = timezone.localdate()
    organisation.save()
    form.save_m2m()
    organisation.save()  # parental many-to-many values are written on save
    hours_formset.instance = organisation
    hours_formset.save()
    return organisation


def confirm_profile(organisation):
    type(organisation).objects.filter(pk=organisation.pk).update(last_confirmed=timezone.localdate())
    purge()  # an update() sends no signal; the profile shows the date

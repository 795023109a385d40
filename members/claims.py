"""Claiming a profile that nobody manages.

Organisations imported onto the social map, or whose only admin left, have a profile but no admin, so
nobody can keep it right and join requests reach nobody. A member who works there asks to manage it; the
editors check the claim in the Wagtail admin and, when they approve, the member becomes its admin. Views
and the admin go through these functions; each raises MembershipError with a Dutch message when a rule
says no, and then changes nothing.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import mail_people
from core.siteurl import absolute_url

from .membership import MembershipError, admin_emails, verifier_emails
from .models import Membership, Organisation, ProfileClaim


def may_be_claimed(organisation):
    """A public profile with no active admin."""
    return organisation.is_public and not admin_emails(organisation)


def pending_claim(user, organisation):
    if not user.is_authenticated:
        return None
    return organisation.claims.filter(user=user, status=ProfileClaim.Status.PENDING).first()


def claim_profile(user, organisation, role, message=""):
    """Store the claim and tell the editors."""
    if not organisation.is_public:
        raise MembershipError(_("U kunt alleen het profiel van een geverifieerde organisatie aanvragen."))
    if admin_emails(organisation):
        raise MembershipError(
            _("%(name)s heeft al een beheerder. Vraag om lid te worden; de beheerder beslist.")
            % {"name": organisation.name}
        )
    claim = ProfileClaim(user=user, organisation=organisation, role=role.strip(), message=message.strip())
    claim.full_clean(exclude=["user", "organisation"])
    try:
        with transaction.atomic():
            claim.save()
    except IntegrityError:
        raise MembershipError(
            _("U heeft al gevraagd om het profiel van %(name)s te beheren. De redactie beslist nog.")
            % {"name": organisation.name}
        ) from None
    mail_people(
        _("%(person)s wil het profiel van %(name)s beheren") % {"person": user, "name": organisation.name},
        "members/email/claim_received.txt",
        {"claim": claim, "url": absolute_url(reverse("members_claims"))},
        verifier_emails(),
    )
    return claim


@transaction.atomic
def decide_claim(claim, editor, approve, reason=""):
    """Approve (the member becomes admin, also when already a member) or decline, and tell the member."""
    claim = ProfileClaim.objects.select_for_update().select_related("organisation", "user").get(pk=claim.pk)
    if claim.status != ProfileClaim.Status.PENDING:
        raise MembershipError(_("Over deze aanvraag is al beslist."))
    if approve and claim.organisation.status != Organisation.Status.VERIFIED:
        raise MembershipError(_("Deze organisatie staat niet (meer) op de sociale kaart. Wijs de aanvraag af."))
    if approve and not claim.user.is_active:
        raise MembershipError(_("Dit account bestaat niet meer. Wijs de aanvraag af."))
    claim.status = ProfileClaim.Status.APPROVED if approve else ProfileClaim.Status.DECLINED
    claim.decided, claim.decided_by, claim.reason = timezone.now(), editor, (reason or "").strip()
    claim.full_clean(exclude=["user", "organisation"])
    claim.save()
    if approve:
        Membership.objects.update_or_create(
            user=claim.user, organisation=claim.organisation, defaults={"role": Membership.Role.ADMIN}
        )
    organisation = claim.organisation
    mail_people(
        (
            _("U beheert nu het profiel van %(name)s")
            if approve
            else _("Uw aanvraag voor het profiel van %(name)s is afgewezen")
        )
        % {"name": organisation.name},
        "members/email/claim_decided.txt",
        {
            "claim": claim,
            "approved": approve,
            "edit_url": absolute_url(reverse("members:edit_organisation", args=[organisation.slug])),
            "profile_url": absolute_url(organisation.get_absolute_url()),
        },
        [claim.user.email],
    )
    return claim

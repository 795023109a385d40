"""Who belongs to which organisation, and how that changes.

Registering an organisation, join requests, invitations by email and the admins' management of
members. Views, the admin and commands all go through these functions; each raises
MembershipError with a Dutch message when a rule says no, and then changes nothing.
"""

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import mail_people
from core.siteurl import absolute_url
from core.text import ascii_slug

from .models import Invitation, JoinRequest, Membership, Organisation
from .models.organisations import RESERVED_SLUGS
from .models.people import INVITATION_VALID_FOR

INVITATION_SALT = "members.invitation"
# Editors verify new organisations in the Wagtail admin; these groups hear that one waits.
VERIFIER_GROUPS = ["Moderators", "Editors"]


class MembershipError(Exception):
    """A membership rule refused the action; str(error) is the Dutch message for the person."""


def admin_emails(organisation):
    return list(
        organisation.memberships.filter(role=Membership.Role.ADMIN, user__is_active=True).values_list(
            "user__email", flat=True
        )
    )


# Registering an organisation


def unique_slug(name):
    base = ascii_slug(name, fallback="organisatie", max_length=150)
    slug, counter = base, 2
    while slug in RESERVED_SLUGS or Organisation.objects.filter(slug=slug).exists():
        slug, counter = f"{base}-{counter}", counter + 1
    return slug


@transaction.atomic
def register_organisation(user, form):
    """Save a registered organisation awaiting verification, with `user` as its admin; tell the editors."""
    organisation = form.save(commit=False)
    organisation.slug = unique_slug(organisation.name)
    organisation.status = Organisation.Status.AWAITING
    organisation.save()
    form.save_m2m()
    organisation.save()  # parental many-to-many values are written on save
    Membership.objects.create(user=user, organisation=organisation, role=Membership.Role.ADMIN)
    mail_people(
        _("Nieuwe organisatie wacht op verificatie: %(name)s") % {"name": organisation.name},
        "members/email/organisation_registered.txt",
        {
            "organisation": organisation,
            "user": user,
            "url": absolute_url(reverse("wagtailsnippets_members_organisation:list") + "?status=awaiting"),
        },
        verifier_emails(),
    )
    return organisation


def verifier_emails():
    User = get_user_model()
    editors = User.objects.filter(is_active=True).filter(Q(groups__name__in=VERIFIER_GROUPS) | Q(is_superuser=True))
    return editors.values_list("email", flat=True).distinct()


def sole_admin_of(user):
    """Organisations (not archived) in which `user` is the only admin."""
    other_admins = Membership.objects.filter(organisation=OuterRef("pk"), role=Membership.Role.ADMIN).exclude(user=user)
    return list(
        Organisation.objects.filter(memberships__user=user, memberships__role=Membership.Role.ADMIN)
        .exclude(status=Organisation.Status.ARCHIVED)
        .exclude(Exists(other_admins))
        .order_by("name")
    )


def report_without_admin(organisations):
    """An account was erased and these organisations lost their only admin: the editors appoint a new one.

    Erasure is the person's right and is never blocked; the organisation's profile stays as it is."""
    for organisation in organisations:
        mail_people(
            _("%(name)s heeft geen beheerder meer") % {"name": organisation.name},
            "members/email/organisation_without_admin.txt",
            {
                "organisation": organisation,
                "url": absolute_url(reverse("wagtailsnippets_members_organisation:edit", args=[organisation.pk])),
            },
            verifier_emails(),
        )


# Join requests


def request_to_join(user, organisation, message=""):
    if not organisation.is_public:
        raise MembershipError(_("U kunt alleen lid worden van een geverifieerde organisatie."))
    if organisation.memberships.filter(user=user).exists():
        raise MembershipError(_("U bent al lid van %(name)s.") % {"name": organisation.name})
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(user=user, organisation=organisation, message=message.strip())
    except IntegrityError:
        raise MembershipError(
            _("U heeft al gevraagd om lid te worden van %(name)s. De beheerders hebben nog niet beslist.")
            % {"name": organisation.name}
        ) from None
    mail_people(
        _("%(person)s wil lid worden van %(name)s") % {"person": user, "name": organisation.name},
        "members/email/join_request_received.txt",
        {
            "join_request": join_request,
            "url": absolute_url(reverse("members:manage_members", args=[organisation.slug])),
        },
        admin_emails(organisation),
    )
    return join_request


@transaction.atomic
def decide_join_request(join_request, admin, approve):
    """Approve (the person becomes a member) or decline; the person gets an email either way."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.status != JoinRequest.Status.PENDING:
        raise MembershipError(_("Over dit verzoek is al beslist."))
    join_request.status = JoinRequest.Status.APPROVED if approve else JoinRequest.Status.DECLINED
    join_request.decided = timezone.now()
    join_request.decided_by = admin
    join_request.save(update_fields=["status", "decided", "decided_by"])
    organisation = join_request.organisation
    if approve:
        Membership.objects.get_or_create(user=join_request.user, organisation=organisation)
    subject = (
        _("U bent lid van %(name)s") if approve else _("Uw verzoek om lid te worden van %(name)s is afgewezen")
    ) % {"name": organisation.name}
    mail_people(
        subject,
        "members/email/join_request_decided.txt",
        {"join_request": join_request, "approved": approve, "url": absolute_url(reverse("members:account"))},
        [join_request.user.email],
    )
    return join_request


# Invitations


def invitation_token(invitation):
    return signing.TimestampSigner(salt=INVITATION_SALT).sign(str(invitation.pk))


def invitation_url(invitation):
    return absolute_url(reverse("members:invitation", args=[invitation_token(invitation)]))


def invite(organisation, admin, email, role=Membership.Role.MEMBER):
    email = email.strip().lower()
    if organisation.memberships.filter(
        Q(user__email__iexact=email) | Q(user__emailaddress__email__iexact=email)
    ).exists():
        raise MembershipError(_("%(email)s is al lid van %(name)s.") % {"email": email, "name": organisation.name})
    pending = organisation.invitations.filter(
        email__iexact=email,
        accepted__isnull=True,
        revoked__isnull=True,
        created__gt=timezone.now() - INVITATION_VALID_FOR,
    )
    if pending.exists():
        raise MembershipError(_("%(email)s heeft al een uitnodiging die nog geldig is.") % {"email": email})
    invitation = Invitation.objects.create(organisation=organisation, email=email, role=role, invited_by=admin)
    mail_people(
        _("Uitnodiging: word lid van %(name)s") % {"name": organisation.name},
        "members/email/invitation.txt",
        {"invitation": invitation, "admin": admin, "url": invitation_url(invitation)},
        [email],
    )
    return invitation


def invitation_from_token(token):
    """The invitation behind a link, or MembershipError if the link is broken, expired, used or revoked."""
    try:
        pk = signing.TimestampSigner(salt=INVITATION_SALT).unsign(token, max_age=INVITATION_VALID_FOR)
    except signing.SignatureExpired:
        raise MembershipError(
            _("Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging.")
        ) from None
    except signing.BadSignature:
        raise MembershipError(
            _("Deze link klopt niet. Kopieer de hele link uit de e-mail, of vraag om een nieuwe uitnodiging.")
        ) from None
    invitation = Invitation.objects.select_related("organisation").filter(pk=pk).first()
    if invitation is None or invitation.revoked:
        raise MembershipError(_("Deze uitnodiging is ingetrokken."))
    if invitation.accepted:
        raise MembershipError(_("Deze uitnodiging is al gebruikt."))
    # A link made later (on the account page) must not outlive the invitation itself.
    if timezone.now() >= invitation.expires:
        raise MembershipError(_("Deze uitnodiging is verlopen. Vraag de beheerder om een nieuwe uitnodiging."))
    return invitation


def address_matches(user, email):
    return (
        user.email.lower() == email.lower()
        or EmailAddress.objects.filter(user=user, email__iexact=email, verified=True).exists()
    )


@transaction.atomic
def accept_invitation(token, user):
    invitation = invitation_from_token(token)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted or invitation.revoked:
        raise MembershipError(_("Deze uitnodiging is al gebruikt."))
    if not address_matches(user, invitation.email):
        raise MembershipError(
            _("Deze uitnodiging is verstuurd naar %(email)s. Log in met dat e-mailadres om haar te accepteren.")
            % {"email": invitation.email}
        )
    membership, created = Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if not created and invitation.role == Membership.Role.ADMIN and membership.role != Membership.Role.ADMIN:
        membership.role = Membership.Role.ADMIN
        membership.save(update_fields=["role"])
    invitation.accepted = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted", "accepted_by"])
    # An open request to join the same organisation is answered by the invitation.
    JoinRequest.objects.filter(
        user=user, organisation=invitation.organisation, status=JoinRequest.Status.PENDING
    ).update(status=JoinRequest.Status.APPROVED, decided=timezone.now())
    return membership


def revoke_invitation(invitation):
    if invitation.accepted:
        raise MembershipError(_("Deze uitnodiging is al gebruikt en kan niet meer worden ingetrokken."))
    if not invitation.revoked:
        invitation.revoked = timezone.now()
        invitation.save(update_fields=["revoked"])
    return invitation


def open_invitations_for(user):
    addresses = {user.email.lower()} | {
        address.lower()
        for address in EmailAddress.objects.filter(user=user, verified=True).values_list("email", flat=True)
    }
    query = Q()
    for address in addresses:
        query |= Q(email__iexact=address)
    return (
        Invitation.objects.filter(
            query, accepted__isnull=True, revoked__isnull=True, created__gt=timezone.now() - INVITATION_VALID_FOR
        )
        .select_related("organisation")
        .order_by("-created")
    )


# Admins manage members


def _other_admins(membership):
    return (
        Membership.objects.select_for_update()
        .filter(organisation_id=membership.organisation_id, role=Membership.Role.ADMIN)
        .exclude(pk=membership.pk)
    )


@transaction.atomic
def change_role(membership, role):
    if role not in Membership.Role.values:
        raise MembershipError(_("Kies een geldige rol."))
    if (
        membership.role == Membership.Role.ADMIN
        and role != Membership.Role.ADMIN
        and not _other_admins(membership).exists()
    ):
        raise MembershipError(
            _("%(person)s is de enige beheerder. Maak eerst iemand anders beheerder.") % {"person": membership.user}
        )
    membership.role = role
    membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def remove_member(membership):
    if membership.role == Membership.Role.ADMIN and not _other_admins(membership).exists():
        raise MembershipError(
            _("%(person)s is de enige beheerder en kan niet worden verwijderd. Maak eerst iemand anders beheerder.")
            % {"person": membership.user}
        )
    membership.delete()

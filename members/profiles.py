"""Who may see whose profile: public to everyone, members-only to logged-in people, hidden to its owner only."""

from django.db.models import Prefetch, Q

from .models import Membership, Organisation, Profile


def visible_profiles(viewer):
    allowed = Q(visibility=Profile.Visibility.PUBLIC)
    if viewer.is_authenticated:
        allowed |= Q(visibility=Profile.Visibility.MEMBERS) | Q(user=viewer)
    return Profile.objects.filter(allowed, user__is_active=True)


def profile_for_page(viewer, pk):
    """The profile with its organisations and expertise, or None when `viewer` may not see it."""
    return (
        visible_profiles(viewer)
        .select_related("user")
        .prefetch_related(
            "expertise",
            Prefetch(
                "user__memberships",
                queryset=Membership.objects.filter(organisation__in=Organisation.objects.public())
                .select_related("organisation")
                .order_by("organisation__name"),
                to_attr="public_memberships",
            ),
        )
        .filter(pk=pk)
        .first()
    )


def people_of(organisation, viewer):
    """Memberships of `organisation` whose person `viewer` may see, with their profiles."""
    return (
        organisation.memberships.filter(user__profile__in=visible_profiles(viewer))
        .select_related("user__profile")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def profile_of(user):
    """The member's own profile, created on first use."""
    profile, _created = Profile.objects.get_or_create(user=user)
    return profile

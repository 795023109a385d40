"""The follow button on the pages of followable things (core.sections.FOLLOW), and "Wat ik volg" on "Mijn account"."""

from django.urls import reverse
from django.utils.http import urlencode

from core import sections

from . import following, guest


def button(request, target):
    user = request.user if request is not None else None
    if user is None or following.label_of(target) not in following.KINDS:
        return {"follow_hidden": True}
    if user.is_authenticated and not following.may_follow(user, target):
        return {"follow_hidden": True}  # their own profile, or something they may not see
    return {
        "follow_kind": following.label_of(target),
        "follow_id": target.pk,
        "follow_name": following.describe(target),
        "follow_following": following.is_following(user, target),
        "follow_next": request.get_full_path(),
        "follow_login": f"{reverse('account_login')}?{urlencode({'next': request.get_full_path()})}",
        # Visitors without an account can get a theme's or a municipality's news by email.
        "follow_by_email": f"{reverse('follows:guest_subscribe')}?{urlencode([guest.subject_value(target).split(':', 1)])}"
        if isinstance(target, tuple(guest.SUBJECT_KINDS.values()))
        else "",
    }


sections.register(sections.FOLLOW, "follows/includes/follow_button.html", button)
sections.register(sections.ACCOUNT, "follows/includes/account_follows.html", lambda request, user: {}, order=5)
sections.register(sections.MY_DATA, "follows/includes/my_data.html", lambda request, data: {}, order=30)

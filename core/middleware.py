from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled


def needs_mfa_setup(user):
    """Staff who can reach the Wagtail admin must have an authenticator app set up."""
    if not user.is_authenticated:
        return False
    if not user.has_perm("wagtailadmin.access_admin"):
        return False
    return not is_mfa_enabled(user, types=[Authenticator.Type.TOTP])


class RequireMFAForAdminMiddleware:
    """Send admin users without two-factor authentication to its setup page first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and needs_mfa_setup(request.user):
            messages.warning(
                request,
                _("Stel eerst tweestapsverificatie in. Dat is verplicht voor iedereen die de beheeromgeving gebruikt."),
            )
            return redirect(f"{reverse('mfa_activate_totp')}?next={request.path}")
        return self.get_response(request)

from django.contrib.auth import get_user_model
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from . import admin_views
from .models import (
    FinderQuestion,
    Invitation,
    JoinRequest,
    Language,
    NationalHelp,
    Organisation,
    OrganisationCategory,
    Profile,
    SharedWalkIn,
    WalkInChangedHours,
)


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisaties")
    add_to_admin_menu = True
    menu_order = 250
    list_display = ["name", "kind", "category", "municipality", "status", "last_confirmed"]
    list_filter = ["status", "kind", "category", "municipality"]
    search_fields = ["name"]
    ordering = ["name"]


class WalkInChangedHoursViewSet(SnippetViewSet):
    model = WalkInChangedHours
    icon = "time"
    menu_label = _("Gewijzigde inlooptijden")
    list_display = ["organisation", "starts", "ends", "reason"]
    search_fields = ["reason"]
    ordering = ["-starts"]


class SharedWalkInViewSet(SnippetViewSet):
    model = SharedWalkIn
    icon = "group"
    menu_label = _("Gezamenlijke inloop")
    list_display = ["name", "municipality"]
    search_fields = ["name"]
    ordering = ["name"]


class OrganisationCategoryViewSet(SnippetViewSet):
    model = OrganisationCategory
    icon = "folder-open-inverse"
    list_display = ["name", "slug"]
    search_fields = ["name"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "openquote"
    list_display = ["name", "slug"]
    search_fields = ["name"]


# Organisation admins handle people on the site; editors see them here to answer questions and
# to take down a profile that breaks the house rules.
class ProfileViewSet(SnippetViewSet):
    model = Profile
    icon = "user"
    menu_label = _("Profielen")
    list_display = ["user", "role", "visibility", "updated"]
    list_filter = ["visibility"]
    search_fields = ["role", "bio"]


class ViewOnlyPermissionPolicy(ModelPermissionPolicy):
    """Editors look at join requests and invitations; changing them goes through members.membership on the
    site, which keeps memberships, expiry and the emails right. Nobody adds, edits or deletes them here."""

    def user_has_permission(self, user, action):
        return action in ("view", "inspect") and any(
            user.has_perm(self._get_permission_name(granted)) for granted in ("view", "change")
        )

    def users_with_any_permission(self, actions):
        if not {"view", "inspect"} & set(actions):
            return get_user_model().objects.none()
        return super().users_with_any_permission(["view", "change"])


for read_only_model in (JoinRequest, Invitation):
    register_permission_policy(read_only_model, ViewOnlyPermissionPolicy(read_only_model))


class JoinRequestViewSet(SnippetViewSet):
    model = JoinRequest
    icon = "mail"
    menu_label = _("Verzoeken om lid te worden")
    list_display = ["user", "organisation", "status", "created"]
    list_filter = ["status"]


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Uitnodigingen")
    list_display = ["email", "organisation", "role", "created", "accepted", "revoked"]
    list_filter = ["role"]
    search_fields = ["email"]


register_snippet(OrganisationViewSet)
register_snippet(ProfileViewSet)
register_snippet(JoinRequestViewSet)
register_snippet(InvitationViewSet)
register_snippet(OrganisationCategoryViewSet)
register_snippet(LanguageViewSet)
register_snippet(WalkInChangedHoursViewSet)
register_snippet(SharedWalkInViewSet)


class FinderQuestionViewSet(SnippetViewSet):
    model = FinderQuestion
    icon = "help"
    list_display = ["text", "slug", "sort_order"]
    search_fields = ["text"]


class NationalHelpViewSet(SnippetViewSet):
    model = NationalHelp
    icon = "site"
    list_display = ["name", "phone", "sort_order"]
    search_fields = ["name", "description"]


class FinderGroup(SnippetViewSetGroup):
    menu_label = _("Wegwijzer")
    menu_icon = "help"
    menu_order = 260
    items = (FinderQuestionViewSet, NationalHelpViewSet)


register_snippet(FinderGroup)


@hooks.register("register_admin_urls")
def register_claim_urls():
    return [
        path("profielaanvragen/", admin_views.claims_view, name="members_claims"),
        path("profielaanvragen/<int:pk>/", admin_views.decide_view, name="members_claim_decide"),
    ]


class ClaimsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.PERMISSION)


@hooks.register("register_admin_menu_item")
def register_claims_menu_item():
    return ClaimsMenuItem(
        _("Profielaanvragen"), reverse("members_claims"), icon_name="user", name="profile-claims", order=252
    )

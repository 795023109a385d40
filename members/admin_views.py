"""Editors decide in the Wagtail admin on claims of profiles that nobody manages (members.claims)."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from . import claims
from .membership import MembershipError
from .models import ProfileClaim

PERMISSION = "members.change_profileclaim"


class ClaimDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Beslissing"),
        choices=[("approve", _("Goedkeuren: wordt beheerder")), ("decline", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies goedkeuren of afwijzen.")},
    )
    reason = forms.CharField(
        label=_("Toelichting voor de aanvrager (verplicht bij afwijzen)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "decline" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("Zeg de aanvrager waarom u afwijst."))
        return data


def _check(request):
    if not request.user.has_perm(PERMISSION):
        raise PermissionDenied


def claims_view(request):
    _check(request)
    pending = ProfileClaim.objects.filter(status=ProfileClaim.Status.PENDING).select_related(
        "user", "organisation", "organisation__municipality"
    )
    decided = (
        ProfileClaim.objects.exclude(status=ProfileClaim.Status.PENDING)
        .select_related("user", "organisation", "decided_by")
        .order_by("-decided", "-pk")[:30]
    )
    return render(
        request,
        "members/admin/claims.html",
        {"pending": [(claim, ClaimDecisionForm(prefix=f"c{claim.pk}")) for claim in pending], "decided": decided},
    )


@require_POST
def decide_view(request, pk):
    _check(request)
    claim = get_object_or_404(ProfileClaim, pk=pk)
    form = ClaimDecisionForm(request.POST, prefix=f"c{pk}")
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("members_claims")
    approve = form.cleaned_data["decision"] == "approve"
    try:
        claims.decide_claim(claim, request.user, approve, form.cleaned_data["reason"])
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        message = (
            _("%(person)s beheert nu %(name)s.")
            if approve
            else _("De aanvraag van %(person)s voor %(name)s is afgewezen.")
        )
        messages.success(request, message % {"person": claim.user, "name": claim.organisation.name})
    return redirect("members_claims")

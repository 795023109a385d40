"""/volgen/email/: news about a theme or municipality by email without an account (double opt-in)."""

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods

from core.ratelimits import rate_limited
from core.taxonomy import Municipality, Theme

from . import guest


def subject_choices():
    return [
        ("", _("Kies een thema of een gemeente")),
        (_("Thema's"), [(guest.subject_value(theme), theme.name) for theme in Theme.objects.order_by("name")]),
        (_("Gemeenten"), [(guest.subject_value(m), m.name) for m in Municipality.objects.order_by("name")]),
    ]


class GuestSubscriptionForm(forms.Form):
    email = forms.EmailField(
        label=_("Uw e-mailadres"),
        max_length=254,
        error_messages={
            "required": _("Vul uw e-mailadres in."),
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl."),
        },
    )
    subject = forms.ChoiceField(
        label=_("Waarover wilt u nieuws?"),
        error_messages={
            "required": _("Kies een thema of een gemeente."),
            "invalid_choice": _("Kies een thema of een gemeente uit de lijst."),
        },
    )
    # A field people do not see (hidden by CSS, skipped by screen readers); robots fill it in.
    website = forms.CharField(label=_("Laat dit veld leeg"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subject"].choices = subject_choices()
        self.fields["email"].widget.attrs["autocomplete"] = "email"

    def clean_subject(self):
        subject = guest.find_subject(self.cleaned_data["subject"])
        if subject is None:
            raise forms.ValidationError(_("Kies een thema of een gemeente uit de lijst."))
        return subject


def _preselected(request):
    for kind in guest.SUBJECT_KINDS:
        if request.GET.get(kind):
            subject = guest.find_subject(f"{kind}:{request.GET[kind]}")
            if subject is not None:
                return guest.subject_value(subject)
    return ""


@require_http_methods(["GET", "POST"])
@rate_limited("guest_subscription", key_field="email")
def subscribe(request):
    form = GuestSubscriptionForm(request.POST or None, initial={"subject": _preselected(request)})
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data["website"]:  # a robot gets the same page, and no email goes out
            guest.request_subscription(form.cleaned_data["email"], form.cleaned_data["subject"], get_language())
        return redirect("follows:guest_sent")
    status = 400 if request.method == "POST" else 200
    return render(request, "follows/guest_subscribe.html", {"form": form}, status=status)


def sent(request):
    return render(request, "follows/guest_sent.html")


@require_http_methods(["GET", "POST"])
@rate_limited("event_link")
def confirm(request, token):
    """GET shows what will be confirmed with a button; only the POST subscribes."""
    try:
        confirmation = guest.read_confirmation(token)
    except guest.InvalidLink as error:
        return render(
            request,
            "follows/guest_invalid.html",
            {"message": error.message, "form": GuestSubscriptionForm()},
            status=400,
        )
    if request.method == "POST":
        confirmation.confirm()
        return render(request, "follows/guest_confirmed.html", {"confirmation": confirmation})
    return render(request, "follows/guest_confirm.html", {"confirmation": confirmation})

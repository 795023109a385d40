from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from core.ratelimits import rate_limited

from . import following
from .models import Frequency, NewsKind
from .sections import button
from .unsubscribe import read_token


@csrf_exempt  # RFC 8058: the mail client POSTs "List-Unsubscribe=One-Click" without cookies or a CSRF token
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return unsubscribe_page(request, read_token(token))


def unsubscribe_page(request, unsub):
    """Asks to confirm on GET (mail scanners follow links); stops the email on POST. ``unsub`` None: a bad link."""
    if unsub is None:
        return render(request, "follows/unsubscribe_invalid.html", status=400)
    done = request.method == "POST"
    if done:
        unsub.apply()
    return render(request, "follows/unsubscribe.html", {"unsub": unsub, "done": done})


def _back(request, fallback):
    """The page the button was on (`next`, this site only), else `fallback`."""
    target = request.POST.get("next", "")
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


@login_required
@require_POST
@rate_limited("follow")
def toggle(request):
    """The follow button: follow (or, with action=unfollow, stop following) one thing, then back to its page."""
    try:
        target = following.find(request.user, request.POST.get("kind", ""), request.POST.get("id", ""))
    except following.NotFollowable as error:
        return render(request, "follows/not_followable.html", {"message": error.message}, status=404)
    name = following.describe(target)
    in_place = request.headers.get("X-Requested-With") == "fetch"  # follow.js: only the button is replaced
    if request.POST.get("action") == "unfollow":
        following.unfollow(request.user, target)
        message = _("U volgt %(name)s niet meer.") % {"name": name}
    else:
        following.follow(request.user, target)
        message = _("U volgt nu %(name)s.") % {"name": name}
    back = _back(request, reverse("follows:settings"))
    if in_place:
        context = button(request, target) | {"follow_next": back, "follow_fragment": True}
        return render(request, "follows/includes/follow_button.html", context)
    messages.success(request, message)
    return redirect(back)


class FrequencyForm(forms.Form):
    """Per kind of news how often it comes by email: one radio group each."""

    def __init__(self, *args, initial_frequencies=None, **kwargs):
        super().__init__(*args, **kwargs)
        for kind in NewsKind:
            self.fields[kind.value] = forms.ChoiceField(
                label=capfirst(kind.label),
                choices=Frequency.choices,
                widget=forms.RadioSelect,
                initial=(initial_frequencies or {}).get(kind),
                error_messages={
                    "required": gettext_lazy("Kies hoe vaak u hierover e-mail krijgt."),
                    "invalid_choice": gettext_lazy("Kies een van de mogelijkheden."),
                },
            )


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request):
    """/account/volgen/ "Wat ik volg": every follow with an unfollow button, and how often email comes."""
    form = FrequencyForm(request.POST or None, initial_frequencies=following.frequencies_of(request.user))
    if request.method == "POST":
        if form.is_valid():
            following.set_frequencies(request.user, form.cleaned_data)
            messages.success(request, _("Uw e-mailinstellingen zijn opgeslagen."))
            return redirect("follows:settings")
        messages.error(request, _("Uw e-mailinstellingen zijn niet opgeslagen: kies bij elke soort nieuws hoe vaak."))
    return render(
        request,
        "follows/settings.html",
        {"groups": following.follows_of(request.user), "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def unfollow(request, pk):
    """The unfollow button on "Wat ik volg": only the member's own follows."""
    if not following.unfollow_by_id(request.user, pk):
        raise Http404(_("Dit volgt u niet (meer)."))
    messages.success(request, _("U volgt dit niet meer."))
    return redirect("follows:settings")

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.ratelimits import rate_limited
from members.models import Organisation
from members.services import administered_organisations

from .forms import CloseReportForm, ErrorReportForm
from .models import ErrorReport
from .services import CorrectionError, close_report, report_error


@rate_limited("error_report", key_field="reporter_email")
def report(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    form = ErrorReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.is_spam:  # a robot gets the same thank-you page, and nothing is stored
            data = form.cleaned_data
            report_error(organisation, data["field_group"], data["text"], data["reporter_email"])
        return redirect("corrections:thanks", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    return render(request, "corrections/report.html", {"organisation": organisation, "form": form}, status=status)


def thanks(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    return render(request, "corrections/thanks.html", {"organisation": organisation})


@login_required
def queue(request, slug):
    # Someone who is not an admin of this organisation learns nothing about it: 404.
    organisation = get_object_or_404(administered_organisations(request.user), slug=slug)
    reports = organisation.error_reports.select_related("handled_by")
    return render(
        request,
        "corrections/queue.html",
        {
            "organisation": organisation,
            "open_reports": [(r, CloseReportForm(prefix=f"r{r.pk}")) for r in reports if r.is_open],
            "closed_reports": [r for r in reports if not r.is_open][:50],
        },
    )


@login_required
@require_POST
def close(request, slug, pk):
    organisation = get_object_or_404(administered_organisations(request.user), slug=slug)
    error_report = get_object_or_404(ErrorReport, organisation=organisation, pk=pk)
    form = CloseReportForm(request.POST, prefix=f"r{pk}")
    if not form.is_valid():
        messages.error(request, _("Kies of de melding verbeterd of afgewezen is."))
    else:
        try:
            close_report(error_report, request.user, form.cleaned_data["status"], form.cleaned_data["reason"])
        except CorrectionError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("De melding is afgehandeld."))
    return redirect("corrections:queue", slug=organisation.slug)

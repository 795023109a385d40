"""Pages where an organisation's admins keep its services and walk-in exceptions right (members.profile_editing).
Someone who is not an admin of the organisation learns nothing about these pages: 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import profile_editing
from .editing_forms import ChangedHourFormSet, ChangedHoursForm, ClosureForm, NoticeForm, ServiceForm
from .profile_editing import ProfileEditError
from .views import administered_or_404


@login_required
def services(request, slug):
    organisation = administered_or_404(request, slug)
    listed = organisation.help_services.prefetch_related("themes").order_by("sort_order", "name")
    return render(request, "members/manage_services.html", {"organisation": organisation, "services": listed})


@login_required
@require_http_methods(["GET", "POST"])
def service_form(request, slug, pk=None):
    organisation = administered_or_404(request, slug)
    service = get_object_or_404(organisation.help_services, pk=pk) if pk is not None else None
    form = ServiceForm(request.POST or None, instance=service, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            saved = profile_editing.save_service(organisation, form)
        except ProfileEditError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("De dienst %(name)s is opgeslagen.") % {"name": saved.name})
            return redirect("members:manage_services", slug=organisation.slug)
    status = 400 if request.method == "POST" else 200
    context = {"organisation": organisation, "form": form, "service": service}
    return render(request, "members/service_form.html", context, status=status)


@login_required
@require_POST
def service_delete(request, slug, pk):
    organisation = administered_or_404(request, slug)
    if not profile_editing.delete_service(organisation, pk):
        raise Http404
    messages.success(request, _("De dienst is verwijderd."))
    return redirect("members:manage_services", slug=organisation.slug)


def _exception_forms(request, organisation):
    kind = request.POST.get("kind") if request.method == "POST" else None

    def data(for_kind):
        return request.POST if kind == for_kind else None

    changed = ChangedHoursForm(data("andere-tijden"), prefix="andere-tijden", organisation=organisation)
    return kind, {
        "sluiting": ClosureForm(data("sluiting"), prefix="sluiting", organisation=organisation),
        "mededeling": NoticeForm(data("mededeling"), prefix="mededeling", organisation=organisation),
        "andere-tijden": changed,
        "hours": ChangedHourFormSet(data("andere-tijden"), instance=changed.instance, prefix="uren"),
    }


@login_required
@require_http_methods(["GET", "POST"])
def walk_in_exceptions(request, slug):
    organisation = administered_or_404(request, slug)
    kind, forms = _exception_forms(request, organisation)
    status = 200
    if kind is not None:
        form = forms.get(kind) if kind in profile_editing.EXCEPTION_KINDS else None
        if form is None:
            raise Http404
        hours = forms["hours"] if kind == "andere-tijden" else None
        if form.is_valid() and (hours is None or hours.is_valid()):
            try:
                profile_editing.add_exception(organisation, form, hours)
            except ProfileEditError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Opgeslagen. Het profiel en de sociale kaart laten het meteen zien."))
                return redirect("members:walk_in_exceptions", slug=organisation.slug)
        status = 400
    current = profile_editing.current_exceptions(organisation)
    context = {
        "organisation": organisation,
        "closures": current["sluiting"],
        "changes": current["andere-tijden"],
        "notices": current["mededeling"],
        "closure_form": forms["sluiting"],
        "changes_form": forms["andere-tijden"],
        "hours": forms["hours"],
        "notice_form": forms["mededeling"],
    }
    return render(request, "members/walk_in_exceptions.html", context, status=status)


@login_required
@require_POST
def walk_in_exception_delete(request, slug, kind, pk):
    organisation = administered_or_404(request, slug)
    if not profile_editing.remove_exception(organisation, kind, pk):
        raise Http404
    messages.success(request, _("Verwijderd."))
    return redirect("members:walk_in_exceptions", slug=organisation.slug)

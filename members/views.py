import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .forms import DeleteAccountForm
from .services import erase_account, personal_data


@login_required
def my_data(request):
    if request.GET.get("download"):
        response = HttpResponse(
            json.dumps(personal_data(request.user), indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    return render(request, "members/my_data.html", {"data": personal_data(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request):
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        user = request.user
        logout(request)
        erase_account(user)
        messages.success(request, _("Uw account en uw gegevens zijn verwijderd."))
        return redirect("/")
    return render(request, "members/delete_account.html", {"form": form})

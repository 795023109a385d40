from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.ratelimits import rate_limited

from .forms import StorySubmissionForm
from .submissions import submission_statuses, submissions_of, submit_story, verified_organisations


@rate_limited("story_submission")
def submit_story_view(request, index):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisations = verified_organisations(request.user)
    if not organisations.exists():
        return render(request, "library/submit_not_allowed.html", {"page": index}, status=403)
    form = StorySubmissionForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            submit_story(
                request.user,
                title=data["title"],
                summary=data["summary"],
                body=data["body"],
                organisation=data["organisation"],
                themes=data["themes"],
                target_groups=data["target_groups"],
                municipality=data["municipality"],
                image=data["image"],
                image_alt=data["image_alt"],
                attachment=data["attachment"],
            )
        except ValidationError as error:
            # A rule of the story itself (checked when the page is saved) that the form could not see.
            form.add_error(None, error.messages)
        else:
            messages.success(
                request,
                _("Dank u wel! Uw verhaal is ingestuurd. De redactie bekijkt het en u krijgt bericht per e-mail."),
            )
            return redirect("library:my_submissions")
    return render(request, "library/submit_story.html", {"page": index, "form": form})


@login_required
def my_submissions(request):
    rows = submission_statuses(submissions_of(request.user))
    return render(request, "library/my_submissions.html", {"rows": rows})

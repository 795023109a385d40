"""The library's parts of pages other apps own (core.sections): "Mijn inzendingen", its lines in "Mijn gegevens"
and an organisation's stories."""

from core import sections

from .submissions import submission_statuses, submissions_of

sections.register(
    sections.ACCOUNT,
    "library/includes/my_submissions.html",
    lambda request, user: {"submissions": submission_statuses(submissions_of(user))},
    order=20,
)
sections.register(sections.MY_DATA, "library/includes/my_data.html", lambda request, data: {}, order=20)
sections.register(
    sections.ORGANISATION,
    "library/includes/organisation_stories.html",
    lambda request, organisation: {"stories": organisation.stories.live().public().order_by("-published")[:10]},
    order=10,
)

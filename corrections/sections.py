"""The link "Klopt er iets niet?" on every organisation's profile (core.sections)."""

from core import sections

from .models import ErrorReport

sections.register(
    sections.ORGANISATION,
    "corrections/includes/organisation_report_link.html",
    lambda request, organisation: {"open_reports": ErrorReport.objects.open().filter(organisation=organisation)},
    order=90,
)

"""Demo: an open error report on a public profile that has an admin, so its queue shows something."""

from members.models import Membership, Organisation

from .models import ErrorReport

DEMO_TEXT = "Het spreekuur op dinsdag is verplaatst naar woensdag, 9.00 tot 12.00 uur."


def load():
    public = Organisation.objects.public()
    with_admin = public.filter(memberships__role=Membership.Role.ADMIN).order_by("name").distinct()
    organisation = public.filter(slug="ocan-almere").first() or with_admin.first() or public.order_by("name").first()
    if organisation is None or ErrorReport.objects.filter(text=DEMO_TEXT).exists():
        return
    ErrorReport.objects.create(organisation=organisation, field_group=ErrorReport.FieldGroup.HOURS, text=DEMO_TEXT)

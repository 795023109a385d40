"""How current the social map is, per municipality: the editors' overview in the Wagtail admin."""

from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from members.models import Membership, Organisation, ProfileClaim
from members.models.organisations import STALE_AFTER

from .models import ErrorReport


@dataclass
class Row:
    municipality_id: int | None
    municipality: str
    organisations: int = 0
    confirmed: int = 0
    without_admin: int = 0
    open_reports: int = 0
    pending_claims: int = 0

    @property
    def confirmed_share(self):
        """Percentage confirmed within the last twelve months (None without organisations)."""
        return round(100 * self.confirmed / self.organisations) if self.organisations else None

    @property
    def stale(self):
        return self.organisations - self.confirmed


def _counts(queryset, field):
    return dict(queryset.values_list(field).annotate(n=Count("pk")).order_by())


def map_currency(today=None):
    """One Row per municipality with organisations on the map (worst share first), and a Row of totals.

    Three queries, however many municipalities and organisations there are."""
    today = today or timezone.localdate()
    active_admins = Membership.objects.filter(
        organisation=OuterRef("pk"), role=Membership.Role.ADMIN, user__is_active=True
    )
    public = Organisation.objects.public()
    per_municipality = (
        public.annotate(has_admin=Exists(active_admins))
        .values_list("municipality_id", "municipality__name")
        .annotate(
            organisations=Count("pk"),
            confirmed=Count("pk", filter=Q(last_confirmed__gte=today - STALE_AFTER)),
            without_admin=Count("pk", filter=Q(has_admin=False)),
        )
        .order_by()
    )
    open_reports = _counts(ErrorReport.objects.open().filter(organisation__in=public), "organisation__municipality_id")
    claims = _counts(
        ProfileClaim.objects.filter(status=ProfileClaim.Status.PENDING, organisation__in=public),
        "organisation__municipality_id",
    )
    rows = [
        Row(
            pk,
            name or "",
            organisations,
            confirmed,
            without_admin,
            open_reports.get(pk, 0),
            claims.get(pk, 0),
        )
        for pk, name, organisations, confirmed, without_admin in per_municipality
    ]
    rows.sort(key=lambda row: (row.confirmed_share if row.confirmed_share is not None else 101, row.municipality))
    total = Row(
        None,
        "",
        *(
            sum(getattr(row, f) for row in rows)
            for f in ("organisations", "confirmed", "without_admin", "open_reports", "pending_claims")
        ),
    )
    return rows, total

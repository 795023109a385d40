import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from core import sections
from core.pagination import paginate
from core.ratelimits import rate_limited
from core.taxonomy import Municipality

from . import claims, openinghours, sharedwalkins
from .exports import social_map_csv
from .forms import (
    DeleteAccountForm,
    InvitationForm,
    JoinRequestForm,
    OrganisationProfileForm,
    PersonProfileForm,
    ProfileClaimForm,
    RegisterOrganisationForm,
    RoleForm,
    WalkInHourFormSet,
)
from .geo import format_km, near
from .hsds_package import data_package
from .membership import (
    MembershipError,
    accept_invitation,
    change_role,
    decide_join_request,
    invitation_from_token,
    invitation_token,
    invite,
    open_invitations_for,
    register_organisation,
    remove_member,
    request_to_join,
    revoke_invitation,
    sole_admin_of,
)
from .models import FinderQuestion, Invitation, JoinRequest, Membership, Organisation, ProfileClaim
from .profiles import people_of, profile_for_page, profile_of
from .services import administered_organisations, confirm_profile, erase_account, personal_data, save_profile
from .socialmap import (
    FINDER_DEFAULT_RADIUS_KM,
    FinderNearby,
    SocialMapFilters,
    attach_card_facts,
    finder_results,
    map_tiles,
    national_help_for,
)

PER_PAGE = 20


@login_required
def my_data(request):
    if request.GET.get("download"):
        response = HttpResponse(
            json.dumps(personal_data(request.user), indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
        return response
    data = personal_data(request.user)
    # Other apps' lines of the summary (registrations, submissions, files), from the same export data.
    parts = sections.sections_for(sections.MY_DATA, request, data)
    return render(request, "members/my_data.html", {"data": data, "sections": parts})


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
    return render(request, "members/delete_account.html", {"form": form, "sole_admin_of": sole_admin_of(request.user)})


def social_map(request):
    filters = SocialMapFilters(request.GET)
    base = Organisation.objects.public()
    results = (
        filters.apply(base).select_related("category", "municipality").prefetch_related("walk_in_hours", "services")
    )
    results = near(results, filters.point, filters.radius_km) if filters.point else results.order_by("name")
    page_obj = paginate(request, results, PER_PAGE)
    page_obj.object_list = attach_card_facts(openinghours.attach(page_obj.object_list))
    for organisation in page_obj.object_list:
        if filters.point:
            organisation.distance_label = format_km(organisation.distance_km)
    query = request.GET.copy()
    query.pop("pagina", None)
    # The markers come from social_map_geojson (same filters), fetched only when the map is shown.
    map_query = query.copy()
    map_query.pop("meer", None)
    return render(
        request,
        "members/social_map.html",
        {
            "filters": filters,
            "facets": filters.facets(base),
            "page_obj": page_obj,
            "filter_query": query.urlencode(),
            "map_available": filters.apply(base).filter(latitude__isnull=False, longitude__isnull=False).exists(),
            "export_csv_url": f"{reverse('members:social_map_export_csv')}?{map_query.urlencode()}",
            "export_hsds_url": f"{reverse('members:social_map_export_hsds')}?{map_query.urlencode()}",
            "map_points_url": f"{reverse('members:social_map_geojson')}?{map_query.urlencode()}",
            "map_tiles": map_tiles(),
        },
    )


def social_map_export_csv(request):
    """The social map's filtered list (all pages, public organisations only) as a CSV download."""
    filters = SocialMapFilters(request.GET)
    body = social_map_csv(filters)
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="sociale-kaart.csv"'
    return response


def social_map_export_hsds(request):
    """The same list as an HSDS 3.0 tabular data package (a zip of CSV files with datapackage.json)."""
    body = data_package(SocialMapFilters(request.GET), title=_("Sociale kaart"))
    response = HttpResponse(body, content_type="application/zip")
    response["Content-Disposition"] = 'attachment; filename="sociale-kaart-hsds.zip"'
    return response


def social_map_geojson(request):
    """The social map's markers as GeoJSON, filtered as the page is; anonymous answers go into the page cache."""
    filters = SocialMapFilters(request.GET)
    rows = (
        filters.apply(Organisation.objects.public())
        .filter(latitude__isnull=False, longitude__isnull=False)
        .order_by("name")
        .values_list("name", "slug", "latitude", "longitude", "kind")
    )
    url = reverse("members:organisation", args=["-"])[:-2]  # the profiles' prefix: one reverse, not one per marker
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lng), float(lat)]},
            "properties": {"name": name, "url": f"{url}{slug}/", "kind": kind},
        }
        for name, slug, lat, lng, kind in rows
    ]
    return JsonResponse(
        {"type": "FeatureCollection", "features": features},
        content_type="application/geo+json",
        json_dumps_params={"ensure_ascii": False, "separators": (",", ":")},
    )


def services_of(organisation):
    """The organisation's services with their effective facts, in two queries however many there are."""
    services = list(organisation.help_services.prefetch_related("languages"))
    for service in services:
        service.organisation = organisation  # facts() reads the organisation already loaded
    return [(service, service.facts()) for service in services]


def organisation_detail(request, slug):
    organisation = get_object_or_404(
        Organisation.objects.public()
        .select_related("category", "municipality", "logo")
        .prefetch_related("walk_in_hours", "services", "target_groups", "languages"),
        slug=slug,
    )
    openinghours.attach([organisation])
    context = {
        "organisation": organisation,
        "people": people_of(organisation, request.user),
        "services": services_of(organisation),
        # Other apps' parts of the profile: its stories (library), its meetings (events).
        "sections": sections.sections_for(sections.ORGANISATION, request, organisation),
        "shared_walk_ins": sharedwalkins.for_organisation(organisation),
        "map_tiles": map_tiles(),
        "map_points": [
            {
                "name": organisation.name,
                "url": organisation.get_absolute_url(),
                "lat": float(organisation.latitude),
                "lng": float(organisation.longitude),
            }
        ]
        if organisation.latitude is not None and organisation.longitude is not None
        else [],
    }
    # Nobody manages this profile: whoever works there may ask the editors to become its admin.
    context["can_claim"] = claims.may_be_claimed(organisation)
    if request.user.is_authenticated:
        context["my_claim"] = claims.pending_claim(request.user, organisation) if context["can_claim"] else None
        context["my_membership"] = organisation.memberships.filter(user=request.user).first()
        context["my_pending_request"] = organisation.join_requests.filter(
            user=request.user, status=JoinRequest.Status.PENDING
        ).exists()
    return render(request, "members/organisation_detail.html", context)


def shared_walk_in(request, slug):
    walk_in = sharedwalkins.public_walk_in(slug)
    if walk_in is None:
        raise Http404
    return render(
        request,
        "members/shared_walk_in.html",
        {"walk_in": walk_in, "upcoming": sharedwalkins.upcoming(walk_in)},
    )


def finder(request):
    questions = FinderQuestion.objects.all()
    municipalities = Municipality.objects.order_by("name")
    question = questions.filter(slug=request.GET.get("vraag", "")).first()
    municipality = municipalities.filter(slug=request.GET.get("gemeente", "")).first()
    nearby = FinderNearby(request.GET, default_radius_km=FINDER_DEFAULT_RADIUS_KM)
    context = {
        "questions": questions,
        "municipalities": municipalities,
        "question": question,
        "municipality": municipality,
        "nearby": nearby,
        "near_label": _("uw locatie") if nearby.from_browser else nearby.place,
    }
    where_given = municipality is not None or nearby.point is not None
    if request.GET and (question is None or not where_given) and not (question and nearby.error):
        context["error"] = _("Kies uw vraag en uw gemeente.")
    if question and where_given:
        results = finder_results(question, municipality, nearby.point, nearby.radius_km)
        context.update(
            results=results,
            local_found=any(results.values()),
            national_help=national_help_for(question),
        )
    return render(request, "members/finder.html", context)


@login_required
def my_organisations(request):
    memberships = request.user.memberships.select_related("organisation").order_by("organisation__name")
    return render(request, "members/my_organisations.html", {"memberships": memberships})


@login_required
@require_http_methods(["GET", "POST"])
def edit_organisation(request, slug):
    # Someone who is not an admin of this organisation learns nothing about it: 404.
    organisation = get_object_or_404(administered_organisations(request.user), slug=slug)
    if request.method == "POST" and "confirm" in request.POST:
        confirm_profile(organisation)
        messages.success(request, _("Dank u wel. Het profiel is bevestigd als actueel."))
        return redirect("members:edit_organisation", slug=slug)
    form = OrganisationProfileForm(request.POST or None, request.FILES or None, instance=organisation)
    hours = WalkInHourFormSet(request.POST or None, instance=organisation, prefix="spreekuren")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        save_profile(organisation, form, hours)
        messages.success(request, _("Het profiel is opgeslagen."))
        return redirect("members:edit_organisation", slug=slug)
    return render(
        request, "members/edit_organisation.html", {"organisation": organisation, "form": form, "hours": hours}
    )


# People


def person_detail(request, pk):
    # A hidden profile, or a members-only one seen by a visitor, does not exist for them: 404.
    profile = profile_for_page(request.user, pk)
    if profile is None:
        raise Http404
    return render(request, "members/person_detail.html", {"profile": profile})


@login_required
@require_http_methods(["GET", "POST"])
def edit_profile(request):
    profile = profile_of(request.user)
    form = PersonProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Uw profiel is opgeslagen."))
        return redirect("members:edit_profile")
    return render(request, "members/edit_profile.html", {"form": form, "profile": profile})


@login_required
def account_overview(request):
    context = {
        "memberships": request.user.memberships.select_related("organisation").order_by("organisation__name"),
        "join_requests": request.user.join_requests.filter(status=JoinRequest.Status.PENDING)
        .select_related("organisation")
        .order_by("-created"),
        "claims": request.user.profile_claims.filter(status=ProfileClaim.Status.PENDING)
        .select_related("organisation")
        .order_by("-created"),
        "invitations": [
            (invitation, reverse("members:invitation", args=[invitation_token(invitation)]))
            for invitation in open_invitations_for(request.user)
        ],
        "profile": getattr(request.user, "profile", None),
        # Other apps' parts of the page: registrations (events), submissions (library).
        "sections": sections.sections_for(sections.ACCOUNT, request, request.user),
    }
    return render(request, "members/account.html", context)


# Organisations and their members


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("organisation_registration")
def register(request):
    form = RegisterOrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = register_organisation(request.user, form)
        messages.success(
            request,
            _(
                "Dank u wel. %(name)s is aangemeld en wacht op verificatie door de redactie. "
                "Daarna staat de organisatie op de sociale kaart."
            )
            % {"name": organisation.name},
        )
        return redirect("members:manage_members", slug=organisation.slug)
    return render(request, "members/register_organisation.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("membership_request")
def join(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    form = JoinRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            request_to_join(request.user, organisation, form.cleaned_data["message"])
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Uw verzoek is verstuurd. De beheerders van %(name)s beslissen erover.")
                % {"name": organisation.name},
            )
            return redirect("members:account")
    return render(request, "members/join.html", {"organisation": organisation, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
@rate_limited("membership_request")
def claim(request, slug):
    organisation = get_object_or_404(Organisation.objects.public(), slug=slug)
    if not claims.may_be_claimed(organisation):
        messages.info(
            request,
            _("%(name)s heeft al een beheerder. Vraag om lid te worden; de beheerder beslist.")
            % {"name": organisation.name},
        )
        return redirect(organisation.get_absolute_url())
    form = ProfileClaimForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            claims.claim_profile(request.user, organisation, form.cleaned_data["role"], form.cleaned_data["message"])
        except MembershipError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Uw aanvraag is verstuurd. De redactie gaat na of u bij %(name)s hoort en mailt u haar beslissing.")
                % {"name": organisation.name},
            )
            return redirect(organisation.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "members/claim.html", {"organisation": organisation, "form": form}, status=status)


def administered_or_404(request, slug):
    # Someone who is not an admin of this organisation learns nothing about it: 404.
    return get_object_or_404(administered_organisations(request.user), slug=slug)


def _manage_page(request, organisation, invitation_form=None, status=200):
    context = {
        "organisation": organisation,
        "memberships": organisation.memberships.select_related("user").order_by(
            "user__first_name", "user__last_name", "user__email"
        ),
        "join_requests": organisation.join_requests.filter(status=JoinRequest.Status.PENDING).select_related("user"),
        "invitations": [
            invitation for invitation in organisation.invitations.select_related("invited_by") if invitation.is_open
        ],
        "invitation_form": invitation_form or InvitationForm(),
        "roles": Membership.Role.choices,
    }
    return render(request, "members/manage_members.html", context, status=status)


@login_required
def manage_members(request, slug):
    return _manage_page(request, administered_or_404(request, slug))


def _act(request, organisation, action, success):
    try:
        action()
    except MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect("members:manage_members", slug=organisation.slug)


@login_required
@require_http_methods(["POST"])
def set_role(request, slug, pk):
    organisation = administered_or_404(request, slug)
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    form = RoleForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige rol."))
        return redirect("members:manage_members", slug=slug)
    role = form.cleaned_data["role"]
    return _act(
        request,
        organisation,
        lambda: change_role(membership, role),
        _("%(person)s is nu %(role)s.") % {"person": membership.user, "role": Membership.Role(role).label},
    )


@login_required
@require_http_methods(["POST"])
def remove(request, slug, pk):
    organisation = administered_or_404(request, slug)
    membership = get_object_or_404(organisation.memberships.select_related("user"), pk=pk)
    response = _act(
        request,
        organisation,
        lambda: remove_member(membership),
        _("%(person)s is geen lid meer van %(name)s.") % {"person": membership.user, "name": organisation.name},
    )
    # An admin who removed themselves can no longer open the members page.
    if membership.user_id == request.user.pk and not organisation.memberships.filter(user=request.user).exists():
        return redirect("members:account")
    return response


@login_required
@require_http_methods(["POST"])
def decide(request, slug, pk):
    organisation = administered_or_404(request, slug)
    join_request = get_object_or_404(organisation.join_requests.select_related("user"), pk=pk)
    approve = request.POST.get("decision") == "approve"
    if not approve and request.POST.get("decision") != "decline":
        raise Http404
    success = (_("%(person)s is nu lid.") if approve else _("Het verzoek van %(person)s is afgewezen.")) % {
        "person": join_request.user
    }
    return _act(request, organisation, lambda: decide_join_request(join_request, request.user, approve), success)


@login_required
@require_http_methods(["POST"])
@rate_limited("invitation", key_field="email")
def send_invitation(request, slug):
    organisation = administered_or_404(request, slug)
    form = InvitationForm(request.POST)
    if form.is_valid():
        try:
            invitation = invite(organisation, request.user, form.cleaned_data["email"], form.cleaned_data["role"])
        except MembershipError as error:
            form.add_error("email", str(error))
        else:
            messages.success(request, _("De uitnodiging is verstuurd naar %(email)s.") % {"email": invitation.email})
            return redirect("members:manage_members", slug=slug)
    return _manage_page(request, organisation, invitation_form=form, status=400)


@login_required
@require_http_methods(["POST"])
def revoke(request, slug, pk):
    organisation = administered_or_404(request, slug)
    invitation = get_object_or_404(Invitation.objects.filter(organisation=organisation), pk=pk)
    return _act(
        request,
        organisation,
        lambda: revoke_invitation(invitation),
        _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invitation.email},
    )


@require_http_methods(["GET", "POST"])
def invitation(request, token):
    try:
        invitation = invitation_from_token(token)
    except MembershipError as error:
        return render(request, "members/invitation.html", {"error": str(error)}, status=410)
    if request.method == "POST" and request.user.is_authenticated:
        try:
            accept_invitation(token, request.user)
        except MembershipError as error:
            return render(
                request, "members/invitation.html", {"invitation": invitation, "error": str(error)}, status=403
            )
        messages.success(request, _("Welkom! U bent nu lid van %(name)s.") % {"name": invitation.organisation.name})
        return redirect("members:account")
    return render(request, "members/invitation.html", {"invitation": invitation, "next": request.get_full_path()})

"""Professionalisation pages: thin views over selectors/services; permissions from skills/perms.py."""

import io
from pathlib import PurePosixPath

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_POST

from apps.core.bounds import small_int
from apps.core.spreadsheet import csv_writer
from apps.geo.models import Territory

from . import charts, selectors, services
from .forms import (
    DirectoryFilterForm,
    EndorseForm,
    EndorsementRequestForm,
    EvidenceForm,
    FrameworkTextForm,
    ProfileForm,
    TreeForm,
)
from .frameworks import save_version, to_text
from .models import Evidence, Skill, SkillFramework
from .perms import (
    can_create_session_from_skill,
    can_endorse,
    can_manage_frameworks,
    can_see_network_view,
    is_network_professional,
)


def _require(predicate, request, obj=None):
    allowed = predicate(request.user, obj) if obj is not None else predicate(request.user)
    if not allowed:
        raise PermissionDenied


def _framework(code, version=None) -> SkillFramework:
    framework = selectors.framework_of(code, version)
    if framework is None:
        raise Http404("Référentiel introuvable.")
    return framework


@login_required
def home(request):
    _require(is_network_professional, request)
    frameworks = list(selectors.current_frameworks())
    context = {
        "frameworks": frameworks,
        "profile": services.profile_of(request.user),
        "sessions": selectors.matching_sessions(request.user)[:10],
        "manages": can_manage_frameworks(request.user),
        "sees_network": can_see_network_view(request.user),
    }
    return render(request, "skills/home.html", context)


@login_required
def tree(request, code):
    _require(is_network_professional, request)
    framework = _framework(code)
    domains = selectors.tree_of(request.user, framework)
    levels = list(framework.levels.all())
    form = TreeForm(request.POST or None, tree=domains, levels=levels)
    if request.method == "POST" and form.is_valid():
        changed = services.rate_many(request.user, form.answers())
        messages.success(request, f"Votre arbre des talents est enregistré ({changed} compétence(s) modifiée(s)).")
        return redirect("skills:tree", code=code)
    context = {
        "framework": framework,
        "domains": domains,
        "levels": levels,
        "form": form,
        "form_domains": form.by_domain(domains),
        "chart": charts.tree_chart(domains, len(levels)),
        "versions": selectors.answered_versions(request.user, code),
        "carried_over": any(row.carried_over for d in domains for row in d.rows),
    }
    return render(request, "skills/tree.html", context)


@login_required
def tree_version(request, code, version):
    """An older version's answers, as they were given (read-only)."""
    _require(is_network_professional, request)
    framework = _framework(code, version)
    levels = {lv.value: lv for lv in framework.levels.all()}
    domains = [
        (d, [(row, levels.get(row.level) if not row.carried_over else None) for row in d.rows])
        for d in selectors.tree_of(request.user, framework)
    ]
    context = {"framework": framework, "domains": domains}
    return render(request, "skills/tree_version.html", context)


@login_required
def history(request, code):
    _require(is_network_professional, request)
    framework = _framework(code)
    points = selectors.history_of(request.user, code)
    max_level = framework.levels.count()
    context = {"framework": framework, "points": points, "chart": charts.history_chart(points, max_level)}
    return render(request, "skills/history.html", context)


def _own_skill(request, pk) -> Skill:
    _require(is_network_professional, request)
    return get_object_or_404(Skill.objects.select_related("domain__framework"), pk=pk)


@login_required
def skill_detail(request, pk):
    skill = _own_skill(request, pk)
    form = EvidenceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        evidence = form.save(commit=False)
        evidence.user, evidence.skill = request.user, skill
        evidence.save()
        messages.success(request, f"« {evidence.title} » est ajouté à la compétence.")
        return redirect("skills:skill", pk=skill.pk)
    return _skill_page(request, skill, form, EndorsementRequestForm(user=request.user))


def _skill_page(request, skill, evidence_form, endorsement_form, status=200):
    answer = request.user.self_assessments.filter(skill=skill).first()
    context = {
        "skill": skill,
        "framework": skill.domain.framework,
        "answer": answer,
        "level": skill.domain.framework.levels.filter(value=getattr(answer, "level", None)).first(),
        "evidence": selectors.evidence_of(request.user, skill),
        "endorsements": selectors.endorsements_of(request.user, skill),
        "form": evidence_form,
        "endorsement_form": endorsement_form,
        "sessions": selectors.sessions_for_skill(skill.domain.framework.code, skill.key).filter(status="published"),
    }
    return render(request, "skills/skill.html", context, status=status)


@login_required
@require_POST
def endorsement_ask(request, pk):
    skill = _own_skill(request, pk)
    form = EndorsementRequestForm(request.POST, user=request.user)
    if not form.is_valid():
        return _skill_page(request, skill, EvidenceForm(), form, status=400)
    services.ask_endorsement(request.user, skill, form.cleaned_data["colleague_email"], form.cleaned_data["message"])
    messages.success(
        request,
        f"La demande de recommandation est envoyée à {form.cleaned_data['colleague_email']} (lien valable 14 jours).",
    )
    return redirect("skills:skill", pk=skill.pk)


@login_required
def evidence_file(request, pk):
    evidence = get_object_or_404(Evidence, pk=pk, user=request.user)  # only its owner opens it
    if not evidence.file:
        raise Http404("Aucun fichier.")
    try:
        handle = evidence.file.open("rb")
    except FileNotFoundError as error:
        raise Http404("Aucun fichier.") from error
    return FileResponse(handle, as_attachment=True, filename=PurePosixPath(evidence.file.name).name)


@login_required
def evidence_delete(request, pk):
    evidence = get_object_or_404(Evidence.objects.select_related("skill"), pk=pk, user=request.user)
    if request.method == "POST":
        skill_pk = evidence.skill_id
        with transaction.atomic():
            if evidence.file:
                transaction.on_commit(
                    lambda name=evidence.file.name, storage=evidence.file.storage: storage.delete(name)
                )
            evidence.delete()
        messages.success(request, "L'expérience ou l'outil est supprimé.")
        return redirect("skills:skill", pk=skill_pk)
    return render(request, "skills/evidence_delete.html", {"evidence": evidence})


@login_required
def endorse(request, token):
    endorsement = services.endorsement_for(token)
    if endorsement is None:
        return render(request, "skills/endorse_invalid.html", {"reason": "expired"}, status=404)
    if not can_endorse(request.user, endorsement):
        raise PermissionDenied
    if endorsement.endorsed_at is not None:
        return render(request, "skills/endorse_invalid.html", {"reason": "used"}, status=410)
    form = EndorseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.endorse(endorsement, request.user, form.cleaned_data["comment"]):
            messages.success(request, f"Merci : vous avez recommandé {endorsement.user} pour cette compétence.")
        return redirect("skills:home")
    return render(request, "skills/endorse.html", {"endorsement": endorsement, "form": form})


@login_required
def profile(request):
    _require(is_network_professional, request)
    instance = services.profile_of(request.user)
    form = ProfileForm(request.POST or None, instance=instance, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Votre fiche est enregistrée.")
        return redirect("skills:home")
    return render(request, "skills/profile.html", {"form": form})


@login_required
def pairing(request):
    _require(is_network_professional, request)
    profile = services.profile_of(request.user)
    context = {"profile": profile, "suggestions": selectors.pairing_suggestions(request.user)}
    return render(request, "skills/pairing.html", context)


# Frameworks


@login_required
def frameworks(request):
    _require(is_network_professional, request)
    all_versions = SkillFramework.objects.order_by("code", "-version")
    context = {"frameworks": all_versions, "manages": can_manage_frameworks(request.user)}
    return render(request, "skills/frameworks.html", context)


@login_required
def framework_detail(request, code, version):
    _require(is_network_professional, request)
    framework = _framework(code, version)
    context = {
        "framework": framework,
        "domains": framework.domains.prefetch_related("skills"),
        "levels": framework.levels.all(),
        "manages": can_manage_frameworks(request.user),
    }
    return render(request, "skills/framework.html", context)


@login_required
def framework_edit(request, code=None):
    """A new version of a framework (code given) or a new framework, from the on-screen text."""
    _require(can_manage_frameworks, request)
    base = _framework(code) if code else None
    initial = {"strong_level": 3}
    if base is not None:
        initial = {
            "code": base.code,
            "title": base.title,
            "audience": base.audience,
            "source": base.source,
            "strong_level": base.strong_level,
            "text": to_text(base),
        }
    form = FrameworkTextForm(request.POST or None, initial=initial, existing_code=code)
    if request.method == "POST" and form.is_valid():
        framework, created = save_version(form.cleaned_data["spec"], by=request.user, note=form.cleaned_data["note"])
        if created:
            messages.success(
                request,
                f"Version {framework.version} enregistrée ; les réponses aux versions précédentes restent lisibles.",
            )
        else:
            messages.info(request, "Aucun changement : la version en vigueur est gardée.")
        return redirect(framework)
    return render(request, "skills/framework_form.html", {"form": form, "base": base})


# The network's view, and sessions from the most wanted skills


@login_required
def network(request, code):
    _require(can_see_network_view, request)
    framework = _framework(code)
    territory = None
    if territory_code := request.GET.get("territoire"):
        territory = Territory.objects.filter(code=territory_code).first()
    figures, territories = selectors.network_view(framework, territory)
    context = {
        "framework": framework,
        "figures": figures,
        "territories": territories,
        "all_territories": Territory.objects.exclude(kind=Territory.Kind.REGION),
        "territory": territory,
        "respondents": selectors.respondents(framework),
        "min_group": selectors.MIN_GROUP,
        "creates_sessions": can_create_session_from_skill(request.user),
    }
    return render(request, "skills/network.html", context)


@login_required
@require_POST
def session_from_skill(request, pk):
    _require(can_create_session_from_skill, request)
    skill = get_object_or_404(Skill.objects.select_related("domain__framework"), pk=pk)
    figures, _ = selectors.network_view(skill.domain.framework)
    wishes = next((f.wishes for f in figures if f.skill.pk == skill.pk), None)
    session = services.create_session_from_skill(skill, selectors.wish_label(wishes), request.user)
    messages.success(
        request,
        f"La session « {session.title} » est créée en brouillon : complétez le lieu et les intervenant·es, puis "
        f"publiez-la.",
    )
    return redirect("programme:session_edit", pk=session.pk)


# Qui fait quoi and the territory guides


def _skill_choices():
    return [
        (f"{skill.domain.framework.code}:{skill.key}", f"{skill.key} — {skill.label}")
        for skill in Skill.objects.filter(domain__framework__is_current=True)
        .select_related("domain__framework")
        .order_by("domain__framework__code", "domain__position", "position")
    ]


@login_required
def directory(request):
    _require(is_network_professional, request)
    form = DirectoryFilterForm(request.GET or None, skill_choices=_skill_choices())
    data = form.cleaned_data if form.is_valid() else {}
    profiles = selectors.directory(
        query=data.get("q", ""),
        territory=data.get("territory"),
        contacts_only=data.get("contacts", False),
        skill_key=data.get("skill", ""),
    )
    page = Paginator(profiles, 25).get_page(small_int(request.GET.get("page")) or 1)
    offered = selectors.offered_skills([p.user_id for p in page])
    rows = [(p, offered.get(p.user_id, [])) for p in page]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "querystring": query.urlencode(),
        "territories": Territory.objects.exclude(kind=Territory.Kind.REGION),
        "profile": services.profile_of(request.user),
    }
    return render(request, "skills/directory.html", context)


def _guide(request, code):
    _require(is_network_professional, request)
    territory = get_object_or_404(Territory, code=code)
    return territory, selectors.territory_guide(territory)


@login_required
def guide(request, code):
    territory, networks = _guide(request, code)
    return render(request, "skills/guide.html", {"territory": territory, "networks": networks})


@login_required
def guide_pdf(request, code):
    from weasyprint import HTML  # loading Pango only for this export

    territory, networks = _guide(request, code)
    html = render_to_string(
        "skills/guide_pdf.html", {"territory": territory, "networks": networks, "today": timezone.localdate()}
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="guide-spro-{territory.code}.pdf"'
    return response


GUIDE_COLUMNS = [
    "Réseau",
    "Structure",
    "Téléphone de la structure",
    "E-mail de la structure",
    "Lieux (adresse, commune)",
    "Services",
    "Modes d'accès",
    "Contacts SPRO et professionnel·les",
]


@login_required
def guide_csv(request, code):
    territory, networks = _guide(request, code)
    buffer = io.StringIO()
    writer = csv_writer(buffer, delimiter=";")
    writer.writerow(GUIDE_COLUMNS)
    for network_ in networks:
        for item in network_.structures:
            s = item.structure
            writer.writerow(
                [
                    network_.label,
                    s.name,
                    s.phone,
                    s.email,
                    " / ".join(f"{p.address}, {p.postal_code} {p.commune.name}" for p in item.places),
                    " / ".join(service.name for service in item.services),
                    " / ".join(sorted({m for service in item.services for m in service.access_mode_labels})),
                    " / ".join(
                        f"{p.user.get_full_name()} ({p.job_title or 'fonction non précisée'}"
                        f"{', contact SPRO' if p.is_spro_contact else ''}) {p.user.email} {p.phone}".strip()
                        for p in item.contacts
                    ),
                ]
            )
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="guide-spro-{territory.code}.csv"'
    return response

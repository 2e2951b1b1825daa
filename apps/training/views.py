"""Public pages: training search and page, job search and page, the project card (fiche projet)."""

from urllib.parse import quote, urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from apps.core.bounds import page_number
from apps.public.assistant_forms import callback_age_choice

from . import card as project_card
from .forms import SituationForm, TrainingSearchForm
from .funding import funding_for
from .models import Job, Training
from .selectors import (
    JOB_THEMES,
    TRAINING_THEMES,
    TrainingCriteria,
    doors_near,
    job_search,
    jobs_for_training,
    search_trainings,
    suggest_jobs,
    upcoming_sessions,
)

PAGE_SIZE = 20


def _situation_query(form: SituationForm) -> str:
    """The situation carried from page to page in the address (GET): nothing is stored."""
    if not form.is_bound:
        return ""
    keys = ("lieu", "statut", "age", "handicap")
    return urlencode({k: form.data[k] for k in keys if form.data.get(k)})


@require_GET
def search(request):
    form = TrainingSearchForm(request.GET or None)
    context = {"form": form, "searched": False, "situation_query": _situation_query(form)}
    if request.GET and form.is_valid():
        criteria = form.criteria()
        number = page_number(request.GET.get("page"), PAGE_SIZE)
        result = search_trainings(criteria, offset=(number - 1) * PAGE_SIZE, limit=PAGE_SIZE)
        query = request.GET.copy()
        query.pop("page", None)
        context |= {
            "searched": True,
            "criteria": criteria,
            "result": result,
            "page": Paginator(range(result.count), PAGE_SIZE).get_page(number),
            "query_string": query.urlencode(),
        }
    return render(request, "training/search.html", context)


@require_GET
def training_detail(request, pk):
    training = get_object_or_404(Training.objects.select_related("provider"), pk=pk)
    form = SituationForm(request.GET or None)
    commune, person = form.commune(), form.person()
    doors = doors_near(commune, TRAINING_THEMES, person)
    need = f"Projet de formation : {training.title} ({training.provider.name})."
    context = {
        "training": training,
        "form": form,
        "commune": commune,
        "person": person,
        "sessions": upcoming_sessions(training, commune),
        "funding": funding_for(training, person),
        "jobs": jobs_for_training(training),
        "doors": _door_views(doors, person, commune, TRAINING_THEMES[0], need),
        "situation_query": _situation_query(form),
        "in_card": training.pk in project_card.read(request.session).trainings,
    }
    return render(request, "training/training.html", context)


def _door_views(doors, person, commune, theme: str, need: str) -> list[dict]:
    carry = {
        "statut": person.status,
        "theme": theme,
        "tranche": callback_age_choice(person.age),
        "commune": commune.code if commune else "",
        "besoin": need[:600],
    }
    query = urlencode({k: v for k, v in carry.items() if v})
    return [
        {
            "door": nearby.door,
            "places": [
                {
                    "place": dp.place,
                    "distance_km": dp.distance_km,
                    "callback_url": f"{reverse('public:callback', args=[dp.place.pk])}?{query}",
                }
                for dp in nearby.places
            ],
        }
        for nearby in doors
    ]


@require_GET
def job_suggestions(request):
    jobs = suggest_jobs(request.GET.get("metier") or request.GET.get("q") or "")
    return render(request, "training/_job_options.html", {"jobs": jobs})


@require_GET
def job_list(request):
    query = (request.GET.get("q") or "").strip()[:100]
    jobs = job_search(query).prefetch_related("sectors") if query else Job.objects.none()
    page = Paginator(jobs, 30).get_page(request.GET.get("page"))
    context = {"query": query, "page": page, "query_string": urlencode({"q": query})}
    return render(request, "training/jobs.html", context)


@require_GET
def job_detail(request, code):
    job = get_object_or_404(Job.objects.prefetch_related("sectors"), code=code.upper())
    form = SituationForm(request.GET or None)
    commune, person = form.commune(), form.person()
    trainings = (
        search_trainings(TrainingCriteria(rome=job.code, commune=commune, person=person), limit=10)
        if commune
        else search_trainings(TrainingCriteria(rome=job.code, person=person), limit=10)
    )
    doors = doors_near(commune, JOB_THEMES, person)
    context = {
        "job": job,
        "form": form,
        "commune": commune,
        "person": person,
        "trainings": trainings,
        "doors": _door_views(doors, person, commune, JOB_THEMES[0], f"Découvrir le métier : {job.label}."),
        "links": job_links(job),
        "situation_query": _situation_query(form),
        "in_card": project_card.read(request.session).job == job.code,
    }
    return render(request, "training/job.html", context)


def job_links(job: Job) -> list[tuple[str, str]]:
    """The national references, built from the ROME code (and the label where the site searches by words)."""
    return [
        (
            "Fiche métier de France Travail",
            f"https://candidat.francetravail.fr/metierscope/fiche-metier/{job.code}",
        ),
        ("Onisep : le métier et ses formations", f"https://www.onisep.fr/recherche?text={quote(job.label)}"),
        (
            "La bonne alternance : offres et formations en alternance",
            f"https://labonnealternance.apprentissage.beta.gouv.fr/recherche?romes={job.code}",
        ),
    ]


# The project card: what the person chose, kept in their session only (card.py), until a fiche is sent.


def _back(request, default: str) -> str:
    target = request.POST.get("retour", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


@require_POST
def card_add(request):
    project_card.add(
        request.session,
        training=request.POST.get("formation"),
        job=request.POST.get("metier"),
        place=request.POST.get("porte"),
    )
    return redirect(_back(request, reverse("training:card")))


@require_POST
def card_remove(request):
    project_card.remove(
        request.session,
        training=request.POST.get("formation"),
        job=request.POST.get("metier"),
        place=request.POST.get("porte"),
    )
    return redirect(_back(request, reverse("training:card")))


def _card_context(request) -> dict:
    form = SituationForm(request.GET or None)
    commune, person = form.commune(), form.person()
    card = project_card.resolve(project_card.read(request.session), person, commune)
    doors = doors_near(commune, TRAINING_THEMES, person) if commune else []
    need = project_card.summary(card)
    return {
        "card": card,
        "form": form,
        "commune": commune,
        "person": person,
        "doors": _door_views(doors, person, commune, TRAINING_THEMES[0], need),
        "need": need,
        "situation_query": _situation_query(form),
        "send_url": _send_url(request, card, person, commune, need),
        "site_url": settings.SPRO_SITE_URL,
    }


def _send_url(request, card, person, commune, need) -> str:
    """One click from the card: a professional opens a fiche navette to the chosen door; the person asks it
    to call back (the call-back request is the fiche, sent only with their consent)."""
    if card.place is None:
        return ""
    if request.user.is_authenticated and request.user.memberships.exists():
        return (
            f"{reverse('orientation:referral_create')}?{urlencode({'vers': card.place.structure_id, 'besoin': need})}"
        )
    carry = {
        "statut": person.status,
        "theme": TRAINING_THEMES[0],
        "tranche": callback_age_choice(person.age),
        "commune": commune.code if commune else card.place.commune_id,
        "besoin": need,
    }
    return f"{reverse('public:callback', args=[card.place.pk])}?{urlencode({k: v for k, v in carry.items() if v})}"


@require_GET
def card_page(request):
    return render(request, "training/card.html", _card_context(request))


@require_GET
def card_pdf(request):
    from weasyprint import HTML

    context = _card_context(request)
    html = render_to_string("training/card_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="fiche-projet.pdf"'
    return response

"""Thin views of the person's voice: the follow-up answer, "Cette page vous a aidé ?", consultations."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from apps.core.throttle import over_limit

from . import consultations as consultation_services
from . import follow_up as follow_up_services
from . import page_feedback
from .forms import ConsultationAnswerForm, ConsultationForm, FollowUpForm, PageCommentForm, QuestionForm
from .models import Consultation, ConsultationQuestion, ConsultationResponse
from .perms import can_list_consultations, can_manage_consultation
from .selectors import consultations_for, territories_for

# --- Follow-up --------------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def follow_up(request, token):
    found = follow_up_services.follow_up_for_token(token)
    if found is None:
        return render(request, "feedback/follow_up_done.html", {"invalid": True}, status=404)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            follow_up_services.submit_answer(token, form.cleaned_data)
        except follow_up_services.FollowUpError:
            return render(request, "feedback/follow_up_done.html", {"invalid": True}, status=404)
        return redirect("feedback:follow_up_done")
    return render(request, "feedback/follow_up.html", {"form": form})


@require_GET
def follow_up_done(request):
    return render(request, "feedback/follow_up_done.html", {"invalid": False})


# --- "Cette page vous a aidé ?" -----------------------------------------------------------------------------------


def _throttled(request) -> bool:
    return over_limit(request, "page-feedback", settings.SPRO_PAGE_FEEDBACK_LIMIT_PER_HOUR, 3600)


def _back(path: str) -> str:
    ok = page_feedback.rated_page(path) and url_has_allowed_host_and_scheme(path, allowed_hosts=None)
    return path if ok else reverse("public:home")


@require_POST
def page_vote(request):
    path = request.POST.get("page", "")
    if request.POST.get("helpful") not in ("oui", "non") or page_feedback.rated_page(path) is None:
        return HttpResponseBadRequest("Réponse non reconnue.")
    context = {"path": _back(path)}
    if _throttled(request):
        context["limited"] = True
    else:
        feedback = page_feedback.record_vote(path, request.POST["helpful"] == "oui", request.POST.get("commune", ""))
        context |= {"key": page_feedback.comment_key(feedback), "form": PageCommentForm()}
    if request.htmx:
        return render(request, "feedback/_page_feedback_thanks.html", context)
    return render(request, "feedback/page_feedback_done.html", context)


@require_POST
def page_comment(request):
    feedback = page_feedback.feedback_for_key(request.POST.get("key", ""))
    path = _back(request.POST.get("page", ""))
    if feedback is None:
        context = {"path": path, "expired": True}
    else:
        form = PageCommentForm(request.POST)
        context = {"path": path, "key": request.POST["key"], "form": form}
        if _throttled(request):
            context = {"path": path, "limited": True}
        elif form.is_valid():
            page_feedback.add_comment(feedback, form.cleaned_data["comment"])
            context = {"path": path, "commented": True}
    template = "feedback/_page_feedback_thanks.html" if request.htmx else "feedback/page_feedback_done.html"
    return render(request, template, context)


# --- Consultations (coordinators and the Region) ------------------------------------------------------------------


def _consultation(request, pk) -> Consultation:
    consultation = get_object_or_404(Consultation.objects.select_related("territory"), pk=pk)
    if not can_manage_consultation(request.user, consultation):
        raise PermissionDenied("vous ne coordonnez pas le territoire de cette consultation")
    return consultation


@login_required
@require_GET
def consultation_list(request):
    if not can_list_consultations(request.user):
        raise PermissionDenied("les consultations sont menées par les coordinateur·rices et la Région")
    page = Paginator(consultations_for(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "feedback/consultation_list.html", {"page": page})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_create(request):
    if not can_list_consultations(request.user):
        raise PermissionDenied("les consultations sont menées par les coordinateur·rices et la Région")
    form = ConsultationForm(request.POST or None, territories=territories_for(request.user))
    if request.method == "POST" and form.is_valid():
        consultation = consultation_services.create_consultation(
            territory=form.cleaned_data["territory"],
            title=form.cleaned_data["title"],
            introduction=form.cleaned_data["introduction"],
            user=request.user,
        )
        messages.success(request, "Consultation créée : ajoutez ses questions.")
        return redirect("feedback:consultation", pk=consultation.pk)
    return render(request, "feedback/consultation_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def consultation_detail(request, pk):
    consultation = _consultation(request, pk)
    form = QuestionForm(request.POST or None)
    if request.method == "POST":
        if consultation.status != Consultation.Status.DRAFT:
            messages.error(request, "Les questions ne changent plus une fois la consultation ouverte.")
            return redirect("feedback:consultation", pk=pk)
        if form.is_valid():
            data = form.cleaned_data
            consultation_services.add_question(
                consultation, label=data["label"], kind=data["kind"], choices=data["choice_list"]
            )
            messages.success(request, "Question ajoutée.")
            return redirect("feedback:consultation", pk=pk)
    responses = ConsultationResponse.objects.filter(consultation=consultation)
    context = {
        "consultation": consultation,
        "form": form,
        "questions": consultation.questions.all(),
        "responses": responses.count(),
        "paper": responses.filter(channel=ConsultationResponse.Channel.PAPER).count(),
        "results": consultation_services.published_results(consultation),
        "public_url": request.build_absolute_uri(reverse("feedback:consultation_public", args=[consultation.token])),
    }
    return render(request, "feedback/consultation_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request, pk, question_pk):
    consultation = _consultation(request, pk)
    question = get_object_or_404(ConsultationQuestion, pk=question_pk, consultation=consultation)
    if consultation.status != Consultation.Status.DRAFT:
        messages.error(request, "Les questions ne changent plus une fois la consultation ouverte.")
        return redirect("feedback:consultation", pk=pk)
    if request.method == "POST":
        question.delete()
        messages.success(request, "Question supprimée.")
        return redirect("feedback:consultation", pk=pk)
    return render(request, "feedback/question_delete.html", {"consultation": consultation, "question": question})


@login_required
@require_POST
def consultation_status(request, pk):
    consultation = _consultation(request, pk)
    target = request.POST.get("status")
    allowed = {
        Consultation.Status.DRAFT: {Consultation.Status.OPEN},
        Consultation.Status.OPEN: {Consultation.Status.CLOSED},
        Consultation.Status.CLOSED: {Consultation.Status.OPEN},
    }[consultation.status]
    if target not in allowed:
        messages.error(request, "Changement d'état impossible.")
    elif target == Consultation.Status.OPEN and not consultation.questions.exists():
        messages.error(request, "Ajoutez au moins une question avant d'ouvrir la consultation.")
    else:
        consultation_services.set_status(consultation, target)
        messages.success(request, f"Consultation {Consultation.Status(target).label.lower()}.")
    return redirect("feedback:consultation", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def consultation_paper(request, pk):
    """Type in the paper answers, one sheet after the other."""
    consultation = _consultation(request, pk)
    if not consultation.questions.exists():
        messages.error(request, "Ajoutez d'abord les questions de la consultation.")
        return redirect("feedback:consultation", pk=pk)
    form = ConsultationAnswerForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        consultation_services.record_response(consultation, form.answers(), ConsultationResponse.Channel.PAPER)
        messages.success(request, "Réponse enregistrée. Saisissez la feuille suivante.")
        return redirect("feedback:consultation_paper", pk=pk)
    return render(request, "feedback/consultation_paper.html", {"consultation": consultation, "form": form})


# --- Consultations (the public, on a tablet or a phone) -----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def consultation_public(request, token):
    consultation = get_object_or_404(Consultation.objects.select_related("territory"), token=token)
    if consultation.status != Consultation.Status.OPEN:
        return render(request, "feedback/consultation_closed.html", {"consultation": consultation})
    form = ConsultationAnswerForm(request.POST or None, consultation=consultation)
    if request.method == "POST" and form.is_valid():
        if over_limit(request, "consultation", settings.SPRO_CONSULTATION_LIMIT_PER_HOUR, 3600):
            return render(
                request,
                "feedback/consultation_closed.html",
                {"consultation": consultation, "limited": True},
                status=429,
            )
        consultation_services.record_response(consultation, form.answers(), ConsultationResponse.Channel.ONLINE)
        return redirect("feedback:consultation_thanks", token=token)
    return render(request, "feedback/consultation_public.html", {"consultation": consultation, "form": form})


@require_GET
def consultation_thanks(request, token):
    consultation = get_object_or_404(Consultation, token=token)
    return render(request, "feedback/consultation_thanks.html", {"consultation": consultation})

"""Sample values for tests/test_url_matrix.py: objects of the Loir-et-Cher, seen by each role."""

from datetime import timedelta

from apps.accounts.models import User
from apps.agenda.models import PublicEvent
from apps.directory.models import Place, Service, Status, Structure
from apps.network import services as network_services
from apps.network.demo import coordinator_email
from apps.network.models import (
    Amendment,
    Barometer,
    Committee,
    CommitteeMember,
    Convention,
    Grant,
    Meeting,
    PlannedAction,
    Spending,
)
from apps.orientation import rule_drafts
from apps.orientation.models import PreInterviewQuestion, RoutingRule, RuleSetVersion
from apps.orientation.services import ContactInput, record_reception, send_referral
from apps.programme.demo import SUPPORT_EMAIL
from apps.programme.models import Session, SupportAction, Survey
from apps.training.models import FundingScheme, Training, TrainingOffer

from .clock import FROZEN_NOW

DOMAIN = "demo.spro.example"
YEAR = FROZEN_NOW.year
TERRITORY = "loir-et-cher"


def _users() -> dict:
    other = Structure.objects.filter(territory__code="cher", memberships__isnull=False).order_by("slug").first()
    return {
        "anonymous": None,
        "member": User.objects.get(email=f"bij-41@{DOMAIN}"),
        "other_member": other.memberships.order_by("pk").first().user,
        "coordinator": User.objects.get(email=coordinator_email(TERRITORY)),
        "region_admin": User.objects.get(email=f"admin@{DOMAIN}"),
        "support_team": User.objects.get(email=SUPPORT_EMAIL),
        "staff": User.objects.get(email=f"technique@{DOMAIN}"),
    }


def _network(admin) -> dict:
    convention = Convention.objects.filter(territory__code=TERRITORY).order_by("pk").first()
    grant = Grant.objects.filter(convention=convention).order_by("pk").first()
    committee = Committee.objects.filter(territory__code=TERRITORY).order_by("pk").first()
    member, _ = CommitteeMember.objects.get_or_create(
        committee=committee, structure=Structure.objects.get(slug="bij-41")
    )
    amendment = Amendment.objects.create(convention=convention, number=1, subject="Avenant d'exemple")
    report = network_services.start_report(convention.territory, YEAR, by=admin)
    candidate = network_services.propose_candidate(convention.territory, proposed_name="Chambre d'agriculture 41")
    network_services.act_on_candidate(candidate, "contact")  # "accept" (the sample action) is the next step
    need = network_services.raise_need(convention.territory, "tools", "Un annuaire partagé des référent·es")
    spending = Spending.objects.create(
        grant=grant, label="Dépense d'exemple", amount_cents=10_000, spent_on=FROZEN_NOW.date()
    )
    Barometer.objects.get_or_create(
        year=YEAR, defaults={"opens_on": FROZEN_NOW.date(), "closes_on": FROZEN_NOW.date() + timedelta(days=20)}
    )
    return {
        "candidate": candidate.pk,
        "need": need.pk,
        "territory": TERRITORY,
        "topic": "pilot",
        "convention": convention.pk,
        "signatory": convention.signatories.order_by("pk").first().pk,
        "amendment": amendment.pk,
        "grant": grant.pk,
        "payment": grant.payments.order_by("pk").first().pk,
        "committee": committee.pk,
        "committee_member": member.pk,
        "meeting": Meeting.objects.filter(committee=committee).order_by("pk").first().pk,
        "year": YEAR,
        "planned_action": PlannedAction.objects.filter(plan__territory__code=TERRITORY).order_by("pk").first().pk,
        "report": report.pk,
        "spending": spending.pk,
    }


def _feedback(coordinator) -> dict:
    from apps.feedback import consultations
    from apps.geo.models import Territory

    consultation = consultations.create_consultation(
        territory=Territory.objects.get(code=TERRITORY), title="Forum d'exemple", introduction="", user=coordinator
    )
    question = consultations.add_question(consultation, label="Utile ?", kind="choice", choices=["Oui", "Non"])
    return {
        "consultation": consultation.pk,
        "consultation_question": question.pk,
        "consultation_token": consultation.token,
    }


def _skills(users) -> dict:
    """A skill, an experience of the member, an endorsement asked to the member by the coordinator, the mallette."""
    from apps.resources.models import InformationTool, Resource
    from apps.skills import services as skills_services
    from apps.skills.models import Evidence, SkillFramework

    framework = SkillFramework.objects.get(code="coordination-spro", is_current=True)
    skill = framework.skills().get(key="IV.10")
    evidence = Evidence.objects.create(
        user=users["member"], skill=skill, title="Comité de mars", text="Retour d'expérience"
    )
    endorsement, link = skills_services.ask_endorsement(users["coordinator"], skill, users["member"].email)
    return {
        "framework_code": framework.code,
        "framework_version": framework.version,
        "skill": skill.pk,
        "evidence": evidence.pk,
        "endorsement_token": skills_services.endorsement_token(endorsement),
        "resource": Resource.objects.get(slug="fiche-repere-1-premier-accueil").slug,
        "resource_version": 1,
        "information_tool": InformationTool.objects.order_by("pk").first().pk,
    }


def _territory_document(admin) -> int:
    """A diagnostic of the Loir-et-Cher (apps.territories), one version."""
    from django.core.files.base import ContentFile

    from apps.geo.models import Territory
    from apps.territories.services import add_document_version

    upload = ContentFile(b"%PDF-1.4\n%%EOF\n", name="diagnostic-matrice.pdf")
    territory = Territory.objects.get(code=TERRITORY)
    return add_document_version(territory, "diagnostic", "Diagnostic (matrice)", upload, admin).pk


def samples_and_users() -> tuple[dict, dict]:
    users = _users()
    structure = Structure.objects.get(slug="bij-41")
    referral = send_referral(
        receiver=Structure.objects.get(slug="ml-blaisois"),
        sender_structure=structure,
        sender_user=users["member"],
        transmission_consent=True,
        contact=ContactInput("Lou", "02 61 91 00 01", "", "phone", consent=True),
    )
    reception = record_reception(
        structure=structure, user=users["member"], data={"date": FROZEN_NOW.date(), "channel": "on_site"}
    )
    samples = {
        "reception": reception.pk,
        "account": users["member"].pk,
        "membership": users["member"].memberships.order_by("pk").first().pk,
        "structure": structure.slug,
        "place": Place.objects.filter(structure=structure).order_by("pk").first().pk,
        "service": Service.objects.filter(structure=structure).order_by("pk").first().pk,
        "referral": referral.pk,
        "action": "accept",
        "question": PreInterviewQuestion.objects.order_by("pk").first().pk,
        "rule": RoutingRule.objects.order_by("pk").first().pk,
        "rule_key": rule_drafts.draft_rules()[0]["key"],
        "version": getattr(RuleSetVersion.objects.order_by("number").first(), "number", 1),
        "vocabulary_kind": "statuts",
        "status": Status.objects.order_by("pk").first().pk,
        "programme_action": SupportAction.objects.order_by("pk").first().pk,
        "session": Session.objects.order_by("pk").first().pk,
        "survey": Survey.objects.order_by("pk").first().pk,
        "token": "jeton-inconnu",
        "uidb64": "MQ",
        "fmt": "csv",
        "commune": "41018",
        "public_event": PublicEvent.objects.filter(territory__code=TERRITORY).order_by("pk").first().pk,
        "document_version": _territory_document(users["region_admin"]),
        "training": Training.objects.order_by("pk").first().pk,
        "offer": TrainingOffer.objects.order_by("pk").first().pk,
        "funding_scheme": FundingScheme.objects.order_by("pk").first().pk,
        "job": "J1501",
        **_network(users["region_admin"]),
        **_feedback(users["coordinator"]),
        **_skills(users),
    }
    return samples, users

"""Reference data of the programme, read from the region pack (regions/<code>/programme/, each names its source)."""

import json
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from apps.core import region_pack
from apps.directory.models import Place, Structure
from apps.geo.models import Territory

from .models import Question, Session, SupportAction, SupportAxis, Survey

FORUM_QUESTIONNAIRE_CODE = "questionnaire-forums"


def _read(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@transaction.atomic
def forum_questionnaire() -> Survey | None:
    """The regional forum questionnaire, created from the pack's file the first time it is needed (None: no file)."""
    survey = Survey.objects.filter(code=FORUM_QUESTIONNAIRE_CODE).first()
    path = region_pack.current().file("forum_questionnaire")
    if survey is not None or path is None:
        return survey
    data = _read(path)
    survey = Survey.objects.create(code=data["code"], title=data["title"], introduction=data["introduction"])
    Question.objects.bulk_create(
        Question(
            survey=survey,
            position=position,
            label=item["label"],
            kind=item["kind"],
            choices=item.get("choices", []),
            required=item.get("required", True),
        )
        for position, item in enumerate(data["questions"], start=1)
    )
    return survey


def local_datetime(day: date, at: time) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


@transaction.atomic
def load_programme(path: Path | None = None, with_sessions: bool = True) -> dict[str, int]:
    """Create (or update) the axes and actions of seed 001 and, once, their dated sessions."""
    data = _read(path or region_pack.current().file("programme"))
    period = data["period"]
    axes, actions = _axes_and_actions(data, period)
    counts = {"axes": len(axes), "actions": len(actions), "sessions": 0}
    if with_sessions and not Session.objects.filter(axis__period=period, starts_at__year__lte=2016).exists():
        counts["sessions"] = len(_create_sessions(data["sessions"], axes, actions))
    return counts


def _axes_and_actions(data: dict, period: str) -> tuple[dict, dict]:
    axes = {}
    for item in data["axes"]:
        axes[item["number"]], _ = SupportAxis.objects.update_or_create(
            period=period, number=item["number"], defaults={"title": item["title"], "goal": item.get("goal", "")}
        )
    actions = {}
    for item in data["actions"]:
        fields = {k: v for k, v in item.items() if k not in {"number", "axis"}}
        actions[item["number"]], _ = SupportAction.objects.update_or_create(
            axis__period=period, number=item["number"], defaults=fields | {"axis": axes[item["axis"]]}
        )
    return axes, actions


def school_year_period(school_year: int) -> str:
    """« 2026-2027 » for the school year that starts in September 2026."""
    return f"{school_year}-{school_year + 1}"


def roadmap() -> dict:
    """The Région's roadmap of seed 003 (axes, actions, and the month-day of the demo's sessions)."""
    return _read(region_pack.current().file("roadmap"))


@transaction.atomic
def load_roadmap(school_year: int) -> tuple[dict, dict]:
    """Create (or update) the axes and actions of the roadmap as the programme of `school_year`."""
    return _axes_and_actions(roadmap(), school_year_period(school_year))


def _create_sessions(items: list[dict], axes: dict, actions: dict) -> list[Session]:
    territories = {t.code: t for t in Territory.objects.all()}
    structures = {s.slug: s for s in Structure.objects.filter(slug__in={i["organiser"] for i in items} - {None})}
    gip = structures.get("gip-alfa-centre")
    gip_place = Place.objects.filter(structure=gip).select_related("commune").first() if gip else None
    survey = forum_questionnaire() if any(i.get("survey") for i in items) else None
    sessions = []
    for item in items:
        action = actions.get(item["action"])
        day = date.fromisoformat(item["date"])
        place = gip_place if item.get("at") == "gip" else None
        address = item.get("address", "")
        if item.get("at") == "gip" and place is None:
            address = region_pack.current().support_unit["address"]
        sessions.append(
            Session(
                action=action,
                axis=action.axis if action else axes.get(item.get("axis")),
                kind=item["kind"],
                title=item["title"],
                description=action.objectives if action else "",
                starts_at=local_datetime(day, time.fromisoformat(item["start"])),
                ends_at=local_datetime(day, time.fromisoformat(item["end"])),
                place=place,
                address=address,
                capacity=item["capacity"],
                audience=action.audience if action else "all",
                territory=territories.get(item["territory"]) if item["territory"] else None,
                organiser_structure=structures.get(item["organiser"]) if item["organiser"] else None,
                speaker=action.speaker if action else "",
                host=action.host if action else "",
                survey=survey if item.get("survey") else None,
                status=Session.Status.PUBLISHED,
            )
        )
    return Session.objects.bulk_create(sessions)

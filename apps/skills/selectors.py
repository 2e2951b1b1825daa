"""Reads of professionalisation: a person's tree, the network's aggregated view, pairing, sessions that match
wishes, "qui fait quoi" and the territory guide."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.directory.models import Service, Structure
from apps.geo.models import Territory
from apps.network.selectors import active_coordinators
from apps.programme.models import Session

from .models import (
    AssessmentEvent,
    Endorsement,
    Evidence,
    ProfessionalProfile,
    SelfAssessment,
    Skill,
    SkillFramework,
    SkillSession,
)

# No figure about fewer people than this is shown in the network's view (one definition, tested as a table).
MIN_GROUP = 5


def shown(count: int) -> int | None:
    """The count if it may be shown, None when it describes a group of 1 to MIN_GROUP - 1 people."""
    return count if count == 0 or count >= MIN_GROUP else None


def current_frameworks():
    return SkillFramework.objects.filter(is_current=True).order_by("code")


def framework_of(code: str, version: int | None = None) -> SkillFramework | None:
    frameworks = SkillFramework.objects.filter(code=code)
    if version is None:
        return frameworks.filter(is_current=True).first()
    return frameworks.filter(version=version).first()


# A person's tree


@dataclass
class TreeRow:
    skill: Skill
    level: int | None = None
    aspiration: bool = False
    evidence: int = 0
    endorsements: int = 0
    carried_over: bool = False  # the answer comes from an older version (same key), not yet saved here


@dataclass
class TreeDomain:
    domain: object
    rows: list[TreeRow] = field(default_factory=list)

    @property
    def rated(self) -> list[int]:
        return [row.level for row in self.rows if row.level]

    @property
    def average(self) -> float:
        return round(sum(self.rated) / len(self.rated), 1) if self.rated else 0

    @property
    def wishes(self) -> int:
        return sum(row.aspiration for row in self.rows)


def tree_of(user, framework: SkillFramework) -> list[TreeDomain]:
    """Each domain with the user's answer per skill; a skill not answered in this version takes the latest
    answer given to the same key in an older version (shown as such, saved only when the form is)."""
    answers = {a.skill_id: a for a in SelfAssessment.objects.filter(user=user, skill__domain__framework=framework)}
    older = {}
    for answer in SelfAssessment.objects.filter(
        user=user,
        skill__domain__framework__code=framework.code,
        skill__domain__framework__version__lt=framework.version,
    ).order_by("skill__domain__framework__version"):
        older[answer.skill.key] = answer
    evidence = dict(
        Evidence.objects.filter(user=user, skill__domain__framework=framework)
        .values_list("skill_id")
        .annotate(n=Count("pk"))
    )
    endorsed = dict(
        Endorsement.objects.filter(user=user, skill__domain__framework=framework, endorsed_at__isnull=False)
        .values_list("skill_id")
        .annotate(n=Count("pk"))
    )
    domains = []
    for domain in framework.domains.prefetch_related("skills"):
        tree_domain = TreeDomain(domain)
        for skill in domain.skills.all():
            row = TreeRow(skill, evidence=evidence.get(skill.pk, 0), endorsements=endorsed.get(skill.pk, 0))
            if skill.pk in answers:
                row.level, row.aspiration = answers[skill.pk].level, answers[skill.pk].aspiration
            elif skill.key in older:
                row.level, row.aspiration, row.carried_over = older[skill.key].level, older[skill.key].aspiration, True
            tree_domain.rows.append(row)
        domains.append(tree_domain)
    return domains


def answered_versions(user, code: str) -> list[dict]:
    """The versions of a framework the user answered, with the number of answers (older ones stay readable)."""
    rows = (
        SelfAssessment.objects.filter(user=user, skill__domain__framework__code=code)
        .values("skill__domain__framework__version", "skill__domain__framework__is_current")
        .annotate(n=Count("pk"))
        .order_by("-skill__domain__framework__version")
    )
    return [
        {
            "version": r["skill__domain__framework__version"],
            "current": r["skill__domain__framework__is_current"],
            "n": r["n"],
        }
        for r in rows
    ]


@dataclass
class HistoryPoint:
    day: object
    average: float
    rated: int
    wishes: int


def history_of(user, code: str) -> list[HistoryPoint]:
    """The tree over time: after each day of changes, the average level and counts (all versions, by key)."""
    events = AssessmentEvent.objects.filter(user=user, skill__domain__framework__code=code).select_related("skill")
    state: dict[str, tuple] = {}
    points: dict = {}
    for event in events.order_by("recorded_at", "pk"):
        state[event.skill.key] = (event.level, event.aspiration)
        levels = [level for level, _ in state.values() if level]
        day = timezone.localtime(event.recorded_at).date()
        points[day] = HistoryPoint(
            day,
            round(sum(levels) / len(levels), 2) if levels else 0,
            len(levels),
            sum(wish for _, wish in state.values()),
        )
    return list(points.values())


def evidence_of(user, skill: Skill):
    return Evidence.objects.filter(user=user, skill=skill)


def endorsements_of(user, skill: Skill):
    return Endorsement.objects.filter(user=user, skill=skill).select_related("endorser")


# Territory of a person, for the network's view


def territory_by_user(user_ids) -> dict[int, int]:
    """user id → territory id: their profile's structure, else their first structure, else their coordination."""
    result: dict[int, int] = {}
    for user_id, territory_id in ProfessionalProfile.objects.filter(
        user_id__in=user_ids, structure__territory__isnull=False
    ).values_list("user_id", "structure__territory_id"):
        result[user_id] = territory_id
    for user_id, territory_id in (
        Membership.objects.filter(user_id__in=user_ids, structure__territory__isnull=False)
        .order_by("pk")
        .values_list("user_id", "structure__territory_id")
    ):
        result.setdefault(user_id, territory_id)
    for user_id, territory_id in (
        active_coordinators().filter(user_id__in=user_ids).values_list("user_id", "territory_id")
    ):
        result.setdefault(user_id, territory_id)
    return result


@dataclass
class SkillFigures:
    skill: Skill
    strengths: int | None  # None: fewer than MIN_GROUP people, not shown
    wishes: int | None
    raw_wishes: int  # for ordering only, never displayed
    by_territory: list[tuple[int | None, int | None]] = field(default_factory=list)


def network_view(framework: SkillFramework, territory: Territory | None = None) -> tuple[list[SkillFigures], list]:
    """Per skill: how many people are strong in it and how many wish to develop it, overall and per territory;
    every count of 1 to 4 people is hidden. Sorted by wishes, the most wanted first."""
    answers = list(
        SelfAssessment.objects.filter(skill__domain__framework=framework, user__is_active=True).values_list(
            "user_id", "skill_id", "level", "aspiration"
        )
    )
    territories_of = territory_by_user({user_id for user_id, *_ in answers})
    if territory is not None:
        answers = [a for a in answers if territories_of.get(a[0]) == territory.pk]
    territory_ids = sorted({territories_of[a[0]] for a in answers if a[0] in territories_of})
    territories = list(Territory.objects.filter(pk__in=territory_ids).order_by("departement_id", "name"))
    strong = defaultdict(set)
    wish = defaultdict(set)
    for user_id, skill_id, level, aspiration in answers:
        if level and level >= framework.strong_level:
            strong[skill_id].add(user_id)
        if aspiration:
            wish[skill_id].add(user_id)
    figures = []
    for skill in framework.skills().select_related("domain"):
        per_territory = []
        for t in territories:
            s = sum(1 for u in strong[skill.pk] if territories_of.get(u) == t.pk)
            w = sum(1 for u in wish[skill.pk] if territories_of.get(u) == t.pk)
            per_territory.append((shown(s), shown(w)))
        figures.append(
            SkillFigures(
                skill, shown(len(strong[skill.pk])), shown(len(wish[skill.pk])), len(wish[skill.pk]), per_territory
            )
        )
    figures.sort(key=lambda f: (-(f.wishes or 0), f.skill.domain.position, f.skill.position))
    return figures, territories


def respondents(framework: SkillFramework) -> int | None:
    count = SelfAssessment.objects.filter(skill__domain__framework=framework).values("user").distinct().count()
    return shown(count)


def wish_label(count: int | None) -> str:
    return f"{count} personnes" if count else f"moins de {MIN_GROUP} personnes"


def sessions_for_skill(framework_code: str, key: str):
    ids = SkillSession.objects.filter(framework_code=framework_code, skill_key=key).values("session_id")
    return Session.objects.filter(pk__in=ids).order_by("starts_at")


def matching_sessions(user):
    """Upcoming published sessions created for a skill the user wishes to develop (in any version, by key)."""
    wishes = SelfAssessment.objects.filter(user=user, aspiration=True).values_list(
        "skill__domain__framework__code", "skill__key"
    )
    condition = Q(pk__in=[])
    for code, key in set(wishes):
        condition |= Q(framework_code=code, skill_key=key)
    links = SkillSession.objects.filter(condition).values("session_id")
    return Session.objects.filter(
        pk__in=links, status=Session.Status.PUBLISHED, starts_at__gte=timezone.now()
    ).order_by("starts_at")


# Peer pairing: both sides consented, one strong where the other wishes to grow.


@dataclass
class Pairing:
    skill: Skill
    peer: User
    peer_profile: ProfessionalProfile
    direction: str  # "learn": the peer can help me; "help": the peer wishes what I master


def pairing_suggestions(user, limit: int = 30) -> list[Pairing]:
    profile = ProfessionalProfile.objects.filter(user=user, pairing_consent=True).first()
    if profile is None or not user.is_active:
        return []
    consenting = ProfessionalProfile.objects.filter(pairing_consent=True, user__is_active=True).exclude(user=user)
    peers = {p.user_id: p for p in consenting.select_related("user", "structure")}
    mine = SelfAssessment.objects.filter(user=user, skill__domain__framework__is_current=True).select_related(
        "skill__domain__framework"
    )
    suggestions = []
    for answer in mine:
        framework = answer.skill.domain.framework
        others = SelfAssessment.objects.filter(skill=answer.skill, user_id__in=peers)
        if answer.aspiration:
            for other in others.filter(level__gte=framework.strong_level):
                suggestions.append(Pairing(answer.skill, peers[other.user_id].user, peers[other.user_id], "learn"))
        if answer.level and answer.level >= framework.strong_level:
            for other in others.filter(aspiration=True):
                suggestions.append(Pairing(answer.skill, peers[other.user_id].user, peers[other.user_id], "help"))
    suggestions.sort(key=lambda p: (p.direction, p.skill.domain.position, p.skill.position, p.peer.email))
    return suggestions[:limit]


# Qui fait quoi and the territory guide: only the people who agreed to be listed.


def listed_profiles():
    return ProfessionalProfile.objects.filter(listed=True, user__is_active=True).select_related(
        "user", "structure__network", "structure__territory"
    )


def offered_skills(user_ids) -> dict[int, list[Skill]]:
    """The skills each listed person can pass on (level ≥ the framework's strong level, current versions)."""
    result: dict[int, list[Skill]] = defaultdict(list)
    answers = SelfAssessment.objects.filter(
        user_id__in=user_ids, skill__domain__framework__is_current=True, level__isnull=False
    ).select_related("skill__domain__framework")
    for answer in answers.order_by("skill__domain__position", "skill__position"):
        if answer.level >= answer.skill.domain.framework.strong_level:
            result[answer.user_id].append(answer.skill)
    return result


def directory(*, query: str = "", structure=None, territory=None, network=None, contacts_only=False, skill_key=""):
    profiles = listed_profiles()
    if structure is not None:
        profiles = profiles.filter(structure=structure)
    if territory is not None:
        profiles = profiles.filter(structure__territory=territory)
    if network is not None:
        profiles = profiles.filter(structure__network=network)
    if contacts_only:
        profiles = profiles.filter(is_spro_contact=True)
    if query:
        profiles = profiles.filter(
            Q(user__first_name__icontains=query)
            | Q(user__last_name__icontains=query)
            | Q(job_title__icontains=query)
            | Q(structure__name__icontains=query)
        )
    if skill_key:
        code, _, key = skill_key.partition(":")
        holders = SelfAssessment.objects.filter(
            skill__domain__framework__code=code, skill__domain__framework__is_current=True, skill__key=key
        )
        strong = [
            a.user_id
            for a in holders.select_related("skill__domain__framework")
            if a.level and a.level >= a.skill.domain.framework.strong_level
        ]
        profiles = profiles.filter(user_id__in=strong)
    return profiles.order_by("structure__territory__name", "structure__name", "user__last_name", "user__first_name")


@dataclass
class GuideStructure:
    structure: Structure
    services: list
    places: list
    contacts: list  # listed profiles of the structure, SPRO contacts first


@dataclass
class GuideNetwork:
    label: str
    structures: list[GuideStructure]


def territory_guide(territory: Territory) -> list[GuideNetwork]:
    """The members of a territory by network, with their services, places (access) and contacts; the people
    shown are only those who agreed to be listed."""
    structures = (
        Structure.objects.public()
        .filter(territory=territory)
        .select_related("network")
        .order_by("network__label", "name")
    )
    contacts = defaultdict(list)
    for profile in listed_profiles().filter(structure__in=structures).prefetch_related("services"):
        contacts[profile.structure_id].append(profile)
    networks: dict[str, GuideNetwork] = {}
    for structure in structures:
        services = list(
            Service.objects.filter(structure=structure, is_active=True)
            .order_by("name")
            .prefetch_related("spro_contacts")
        )
        places = list(structure.places.filter(is_active=True).select_related("commune").order_by("name"))
        people = sorted(contacts[structure.pk], key=lambda p: (not p.is_spro_contact, p.user.last_name))
        label = structure.network.label if structure.network_id else "Autres structures"
        networks.setdefault(label, GuideNetwork(label, [])).structures.append(
            GuideStructure(structure, services, places, people)
        )
    return list(networks.values())

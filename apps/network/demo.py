"""Demo data of the network governance: fictional coordinators and Region staff, one convention per
territory for the current year with its signatories from the directory, grants and payments, local
committees with their plenary meeting, regional coordinators' meetings, a few action plans.

People are fictional; organisations come from the directory demo. Called once by `manage.py load_demo`
after the directory demo is loaded. Kept fast: a few hundred rows.
"""

from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from apps.accounts.models import Membership, User
from apps.core import region_pack
from apps.core.french import accord, liste
from apps.core.workdays import event_day
from apps.directory.models import Structure
from apps.directory.services import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from apps.geo.models import Territory

from . import demo_coordination, demo_followup, services
from .models import (
    ActionPlan,
    Attendance,
    CommitteeMember,
    Convention,
    Coordinator,
    Decision,
    Grant,
    Meeting,
    PlannedAction,
    RegionContact,
    Signatory,
)
from .models.common import current_school_year

# territory code → [(first name, last name, structure key, job title, role, bassin)]: the coordination team
# of each territory as seeds 003 and 004 describe it (people fictional, structures real): the Cher's
# departmental coordinator and four bassin référents, the Indre-et-Loire's group of four Mission locale
# directors, pairs ("binômes") in Châteauroux, a departmental coordination in Loir-et-Cher.
DEP, LOCAL, BASSIN, GROUP, PAIR = "departmental", "local", "bassin", "group", "pair"
COORDINATORS = {
    "cher": [
        ("Mathis", "Roussel", "cap-emploi-18", "Directeur adjoint", DEP, ""),
        ("Gaspard", "Lenoir", "ml-vierzon", "Directeur", BASSIN, "Bassin de Vierzon"),
        ("Louise", "Mangin", "ml-bourges", "Directrice", BASSIN, "Bassin de Bourges"),
        ("Victor", "Hardy", "ft-saint-amand", "Directeur", BASSIN, "Bassin de Saint-Amand-Montrond"),
        ("Clémence", "Poulain", "ft-aubigny", "Responsable d'équipe", BASSIN, "Bassin d'Aubigny-sur-Nère"),
    ],
    "chartres": [("Inès", "Barbier", "mee-chartres", "Chargée de mission", LOCAL, "")],
    "dreux": [("Julien", "Carpentier", "mee-drouais", "Chargé de mission", LOCAL, "")],
    "chateaudun-nogent": [("Léa", "Masson", "ml-ouest-sud-28", "Directrice", LOCAL, "")],
    "chateauroux": [
        ("Sarah", "Giraud", "ml-chateauroux", "Conseillère", PAIR, ""),
        ("Thomas", "Perrin", "cma-36", "Conseiller formation", PAIR, ""),
    ],
    "issoudun": [("Nathalie", "Brun", "ml-issoudun", "Directrice", LOCAL, "")],
    "le-blanc-la-chatre-argenton": [("Karim", "Benali", "ml-indre-sud", "Directeur", LOCAL, "")],
    "indre-et-loire": [
        ("Élodie", "Morel", "ml-touraine", "Directrice", GROUP, ""),
        ("Antoine", "Lemaire", "ml-chinonais", "Directeur", GROUP, ""),
        ("Sandrine", "Renaud", "ml-sud-touraine", "Directrice", GROUP, ""),
        ("Olivier", "Chapuis", "ml-loire-touraine", "Directeur", GROUP, ""),
    ],
    "loir-et-cher": [
        ("Manon", "Lefèvre", "ml-blaisois", "Directrice", DEP, ""),
        ("Bastien", "Collet", "ml-blaisois", "Conseiller", LOCAL, ""),
    ],
    "orleans": [("Aurélie", "Garnier", "mde-orleans", "Directrice", LOCAL, "")],
    "montargis-gien": [("Céline", "Dumont", "ml-aijam", "Directrice", LOCAL, "")],
    "pithiviers": [("Yann", "Guérin", "ml-pithiverais", "Conseiller", LOCAL, "")],
}
# Fictional Région staff. Steering contacts ("chargé·es de mission SPRO") split the territories as seed 004
# does (« Une équipe SPRO « Région » à l'écoute des besoins des territoires »): one for the Cher, the Indre
# (Châteauroux, Issoudun, Brenne – Boischaut Sud), the Indre-et-Loire, Montargis-Gien and Pithiviers; the
# other for the Eure-et-Loir (Châteaudun/Nogent, Chartres, Dreux), the Loir-et-Cher and Orléans. One
# financial follow-up contact for all. Phones in the ARCEP fiction range (02 61 91 xx xx).
PILOT_EAST_SOUTH = ("Claire Delorme", "claire.delorme", "02 61 91 28 37")
PILOT_NORTH_WEST = ("Hugo Marchand", "hugo.marchand", "02 61 91 32 45")
PILOTS = {
    "cher": PILOT_EAST_SOUTH,
    "chateauroux": PILOT_EAST_SOUTH,
    "issoudun": PILOT_EAST_SOUTH,
    "le-blanc-la-chatre-argenton": PILOT_EAST_SOUTH,
    "indre-et-loire": PILOT_EAST_SOUTH,
    "montargis-gien": PILOT_EAST_SOUTH,
    "pithiviers": PILOT_EAST_SOUTH,
    "chateaudun-nogent": PILOT_NORTH_WEST,
    "chartres": PILOT_NORTH_WEST,
    "dreux": PILOT_NORTH_WEST,
    "loir-et-cher": PILOT_NORTH_WEST,
    "orleans": PILOT_NORTH_WEST,
}
FINANCE = ("Nadia Lefort", "nadia.lefort", "02 61 91 30 12")
# Amendments (avenants, seed 000: « L'ajout de nouveaux partenaires se fera sous la forme d'avenants »):
# territory → (structure joining, role, subject, signed by all?)
AMENDMENTS = {
    "pithiviers": (
        "apec-45",
        "member",
        "Entrée de l'APEC — Orléans dans le SPRO du Pithiverais : permanence mensuelle pour les cadres.",
        True,
    ),
    "cher": (
        "apecita-cvl",
        "member",
        f"Entrée de l'APECITA {region_pack.current().name} dans le SPRO du Cher : "
        "conseil aux cadres et techniciens agricoles.",
        False,
    ),
}
SENT_ONLY = {"montargis-gien", "issoudun"}  # conventions still waiting for signatures
RESOURCE_NETWORKS = {"prc-vae", "cidff", "cria"}
REGIONAL_PARTNERS = ["gip-alfa-centre"]  # party to every local convention
REGIONAL_RESOURCE_PARTNERS = ["pic-vae-28"]  # "partenaires ressources" of every local SPRO


def coordinator_email(code: str, rank: int = 0) -> str:
    return f"coord{'' if rank == 0 else rank + 1}-{code}@{DEMO_EMAIL_DOMAIN}"


def _on(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _past_event_day(day: date, today: date) -> date:
    """An event day on or before both `day` and `today` (a signature, a payment, a past meeting)."""
    return event_day(min(day, today), backwards=True)


@transaction.atomic
def load(today: date | None = None) -> int:
    """Create the governance demo once; returns the number of conventions created."""
    if Convention.objects.exists():
        return 0
    today = today or timezone.localdate()
    year, school_year = today.year, current_school_year(today)
    territories = list(Territory.objects.exclude(kind=Territory.Kind.REGION).order_by("departement_id", "name"))
    structures = {s.slug: s for s in Structure.objects.filter(is_active=True).select_related("network")}
    admin = User.objects.filter(email=f"admin@{DEMO_EMAIL_DOMAIN}").first()
    password = make_password(DEMO_PASSWORD)
    _region_contacts(territories)
    coordinators = {}
    for territory in territories:
        convention = _convention(territory, year, structures, today, admin)
        _grant(convention, structures, territory, year, today, admin)
        coordinators[territory.code] = _coordination(territory, school_year, structures, password, today)
        if territory.code in {"loir-et-cher", "cher", "orleans"}:
            _plan(territory, year, structures)
    _regional_meetings(coordinators, year, today)
    _amendments(year, structures, today, admin)
    demo_coordination.load(structures, today)
    demo_followup.load(year, today)
    return len(territories)


def _region_contacts(territories) -> None:
    rows = []
    for territory in territories:
        for topic, (name, login, phone) in (("pilot", PILOTS[territory.code]), ("finance", FINANCE)):
            rows.append(
                RegionContact(
                    territory=territory, topic=topic, name=name, email=f"{login}@{DEMO_EMAIL_DOMAIN}", phone=phone
                )
            )
    RegionContact.objects.bulk_create(rows)


def _parties(territory, structures) -> list[tuple[Structure, str]]:
    local = sorted((s for s in structures.values() if s.territory_id == territory.pk), key=lambda s: s.name)
    parties = []
    for structure in local:
        network = structure.network.code if structure.network_id else ""
        role = Signatory.Role.RESOURCE_PARTNER if network in RESOURCE_NETWORKS else Signatory.Role.MEMBER
        parties.append((structure, role))
    keys = {s.slug for s, _ in parties}
    for key in REGIONAL_PARTNERS:
        if key in structures and key not in keys:
            parties.append((structures[key], Signatory.Role.MEMBER))
    for key in REGIONAL_RESOURCE_PARTNERS:
        if key in structures and key not in keys:
            parties.append((structures[key], Signatory.Role.RESOURCE_PARTNER))
    return parties


def _convention(territory, year, structures, today, admin) -> Convention:
    convention = services.create_convention(territory, year, by=admin)
    parties = _parties(territory, structures)
    for role in Signatory.Role.values:
        services.add_signatories(convention, [s for s, r in parties if r == role], role, by=admin)
    sent_on = _past_event_day(date(year, 1, 12), today)
    services.send_for_signature(convention, by=admin, on=sent_on)
    signatories = list(convention.signatories.order_by("structure__name"))
    if territory.code in SENT_ONLY:
        signatories = signatories[: len(signatories) // 2]  # the others have not signed yet
    dates = {
        s.pk: max(_past_event_day(sent_on + timedelta(days=7 + i % 20), today), sent_on)
        for i, s in enumerate(signatories)
    }
    services.record_signatures(convention, dates, by=admin, today=today)
    return convention


def _grant(convention, structures, territory, year, today, admin) -> Grant:
    lead = COORDINATORS.get(territory.code, [(None,) * 6])[0][2]
    beneficiary = structures.get(lead) or convention.signatories.first().structure
    size = convention.signatories.count()
    grant = Grant(
        convention=convention,
        beneficiary=beneficiary,
        lump_sum_cents=800_000 if size < 15 else 1_000_000,
        envelope_cents=size * 75_050 + 1,  # odd cents on purpose: the advance is rounded down
        voted_on=_past_event_day(date(year, 1, 9), today),
        balance_deadline=date(year + 1, 6, 30),
    )
    services.save_grant(grant, by=admin)
    for payment in grant.payments.all():
        paid_on = event_day(payment.due_on + timedelta(days=35))
        if paid_on <= today:
            services.mark_paid(payment, paid_on, f"MANDAT-{year}-{payment.pk:05d}", by=admin)
    return grant


def _coordination(territory, school_year, structures, password, today) -> list[Coordinator]:
    committee = services.local_committee(territory)
    plenary_day = _past_event_day(event_day(date(school_year, 9, 18)), today)
    plenary = Meeting.objects.create(
        committee=committee,
        title=f"Réunion plénière de rentrée {school_year}",
        starts_at=_on(plenary_day, 9, 30),
        ends_at=_on(plenary_day, 12, 0),
        place=_host(territory, structures),
        agenda="Désignation de la coordination pour l'année scolaire\nBilan des actions de l'année passée\n"
        "Programme d'activités : forum d'interconnaissance, échanges de pratiques\nQuestions diverses",
        minutes="Tour de table des structures présentes. Le comité rappelle les engagements du cahier des charges : "
        "premier accueil pour tous les publics, réorientation vers la bonne deuxième porte.\n"
        "Le comité désigne la coordination pour l'année scolaire et prépare le forum d'interconnaissance.",
    )
    coordinators = []
    for rank, (first, last, key, job, role, area) in enumerate(COORDINATORS.get(territory.code, [])):
        user, _ = User.objects.get_or_create(
            email=coordinator_email(territory.code, rank),
            defaults={"password": password, "first_name": first, "last_name": last},
        )
        coordinators.append(
            Coordinator.objects.create(
                territory=territory,
                user=user,
                structure=structures.get(key),
                job_title=job,
                role=role,
                area=area,
                school_year=school_year,
                designated_on=plenary_day,
                designation_meeting=plenary,
            )
        )
    names = liste([c.user.get_full_name() for c in coordinators])
    verb = accord(len(coordinators), "assure", "assurent")
    Decision.objects.create(
        meeting=plenary,
        position=0,
        text=f"{names or 'Le territoire'} {verb} la coordination en {school_year}-{school_year + 1}.",
    )
    Decision.objects.create(
        meeting=plenary,
        position=1,
        text="Un forum d'interconnaissance des professionnel·les sera organisé au printemps.",
    )
    members = list(committee.members.select_related("structure"))
    representatives = _representatives([m.structure_id for m in members])
    for member in members:  # each structure sits on the committee through its demo member account
        member.representative_name = representatives.get(member.structure_id, "")
        member.representative_email = (
            f"{member.structure.slug}@{DEMO_EMAIL_DOMAIN}" if member.representative_name else ""
        )
    CommitteeMember.objects.bulk_update(members, ["representative_name", "representative_email"])
    Attendance.objects.bulk_create(
        [
            Attendance(
                meeting=plenary,
                name=representatives.get(m.structure_id) or "Représentant·e à désigner",
                structure=m.structure,
                presence=Attendance.Presence.PRESENT if i % 4 else Attendance.Presence.EXCUSED,
            )
            for i, m in enumerate(members)
        ]
    )
    upcoming = event_day(today + timedelta(days=21 + len(territory.code)))
    Meeting.objects.create(
        committee=committee,
        title="Comité de coordination locale",
        starts_at=_on(upcoming, 14, 0),
        ends_at=_on(upcoming, 16, 30),
        place=plenary.place,
        agenda="Préparation du forum d'interconnaissance\nSuivi du programme d'activités\nPoint sur la convention",
    )
    return coordinators


def _host(territory, structures) -> str:
    """The coordinator's structure hosts the committee."""
    lead = COORDINATORS.get(territory.code, [(None,) * 6])[0][2]
    return structures[lead].name if lead in structures else f"Territoire SPRO {territory.name}"


def _plan(territory, year, structures) -> None:
    plan = ActionPlan.objects.create(
        territory=territory,
        year=year,
        priorities="Développer l'interconnaissance des structures ; harmoniser le premier accueil.",
    )
    local = [s for s in structures.values() if s.territory_id == territory.pk][:3]
    actions = [
        (
            "Forum d'interconnaissance des professionnel·les",
            "Mieux connaître l'offre de service de chaque structure",
            "Conseiller·es et chargé·es d'accueil des structures signataires",
            event_day(date(year, 4, 10)),
            None,
            "envelope",
            350_000,
            "done",
        ),
        (
            "Échanges de pratiques sur le premier accueil",
            "Partager la grille de pré-entretien et la fiche navette",
            "Chargé·es d'accueil",
            event_day(date(year, 6, 5)),
            event_day(date(year, 11, 30)),
            "lump_sum",
            0,
            "in_progress",
        ),
        (
            "Journée métiers avec une branche professionnelle",
            "Connaître les métiers qui recrutent sur le territoire",
            "Conseiller·es en évolution professionnelle",
            event_day(date(year, 10, 15)),
            None,
            "envelope",
            120_000,
            "planned",
        ),
    ]
    for title, aim, public, start, end, line, budget, status in actions:
        action = PlannedAction.objects.create(
            plan=plan,
            title=title,
            aim=aim,
            public=public,
            start_date=start,
            end_date=end,
            budget_line=line,
            budget_cents=budget,
            status=status,
        )
        action.partners.set(local)


def _regional_meetings(coordinators_by_territory, year, today) -> None:
    committee = services.regional_committee()
    past_day = _past_event_day(event_day(date(year, 2, 4)), today)
    past = Meeting.objects.create(
        committee=committee,
        title="Réunion des coordinateur·rices SPRO",
        starts_at=_on(past_day, 9, 30),
        ends_at=_on(past_day, 16, 0),
        place="Conseil régional, Orléans — salle de réunion du 2e étage",
        agenda="Actualités des territoires et retour sur les actions à essaimer\nLa carte des formations\n"
        "Les forums de l'orientation\nPoints d'actualités du Conseil régional : subventions, solde des conventions",
        minutes="Actualités des territoires : chaque coordination présente ses forums d'interconnaissance.\n"
        "Subventions de l'année : elles seront votées en commission permanente régionale. La subvention comprend un "
        "forfait correspondant à la coordination et une enveloppe dédiée aux projets. La totalité du forfait et 50 % "
        "de l'enveloppe sont versés à la réception de la convention signée ; le solde est versé sur demande, avec le "
        "compte rendu des dépenses, avant la date limite.\n"
        "Les demandes de solde sont adressées à la boîte générique du suivi financier.",
    )
    rows = []
    for coordinators in coordinators_by_territory.values():
        for c in coordinators:
            rows.append(Attendance(meeting=past, name=c.user.get_full_name(), organisation=f"SPRO {c.territory.name}"))
    rows += [
        Attendance(meeting=past, name="Claire Delorme", organisation="Conseil régional"),
        Attendance(meeting=past, name="Hugo Marchand", organisation="Conseil régional"),
        Attendance(meeting=past, name="Agnès Royer", organisation=region_pack.current().text("support_unit")),
        Attendance(
            meeting=past,
            name="Nadia Lefort",
            organisation="Conseil régional",
            note="suivi financier des conventions SPRO",
            is_guest=True,
        ),
        Attendance(
            meeting=past,
            name="Romain Texier",
            organisation="Conseil régional",
            note="forums de l'orientation",
            is_guest=True,
        ),
    ]
    Attendance.objects.bulk_create(rows)
    Decision.objects.bulk_create(
        [
            Decision(
                meeting=past,
                position=0,
                text="Les horaires des journées des coordinateur·rices tiendront compte des trains.",
            ),
            Decision(meeting=past, position=1, text="Un cahier des charges commun des forums SPRO sera proposé."),
        ]
    )
    upcoming = event_day(today + timedelta(days=45))
    Meeting.objects.create(
        committee=committee,
        title="Réunion des coordinateur·rices SPRO",
        starts_at=_on(upcoming, 9, 30),
        ends_at=_on(upcoming, 16, 0),
        place="Conseil régional, Orléans — salle de réunion du 2e étage",
        agenda="Actualités des territoires\nBilans d'activité annuels : calendrier\nConventions de l'année prochaine",
    )


def _representatives(structure_ids) -> dict[int, str]:
    """Structure id → the full name of its demo member account, who represents it at the committee."""
    names = {}
    for structure_id, first, last in Membership.objects.filter(structure_id__in=structure_ids).values_list(
        "structure_id", "user__first_name", "user__last_name"
    ):
        names.setdefault(structure_id, f"{first} {last}".strip())
    return names


def _amendments(year, structures, today, admin) -> None:
    """One amendment signed by every party (applied), one sent and waiting for signatures."""
    for code, (key, role, subject, signed) in AMENDMENTS.items():
        convention = Convention.objects.filter(territory__code=code, year=year).first()
        joining = structures.get(key)
        if convention is None or joining is None or convention.signatories.filter(structure=joining).exists():
            continue
        amendment = services.create_amendment(convention, subject, adds=[(joining, role)], by=admin)
        sent_on = max(_past_event_day(date(year, 3, 16), today), convention.sent_on or today)
        services.send_amendment(amendment, by=admin, on=sent_on)
        signatures = list(amendment.signatures.order_by("structure__name"))
        if not signed:
            signatures = signatures[: len(signatures) // 2]
        dates = {
            s.pk: max(_past_event_day(sent_on + timedelta(days=10 + i % 15), today), sent_on)
            for i, s in enumerate(signatures)
        }
        services.record_amendment_signatures(amendment, dates, by=admin, today=today)

"""A fictional but plausible training offer of the default pack's Région, written as an LHEO 2.3 feed.

Real towns of the pack's départements (the repository's commune file), ROME 4.0 codes of the repository's
ROME file, Formacode v14 codes (and the public code 81050) only from the Carif-Oref mappings published by
the GIP de l'inclusion (apps/training/data/formacode/): a programme no verified code fits carries none
(LHEO allows it). tests/test_demo_codes.py checks every code. Providers, SIRET, addresses, e-mails and
phone numbers are fictional. load_demo writes the file and imports it through the same path as a Carif-Oref feed.
"""

import csv
import gzip
import random
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

import holidays

from apps.geo.services import DATA_DIR as GEO_DATA

DEPARTEMENTS = ("18", "28", "36", "37", "41", "45")
DEMO_TRAININGS = 3200

# (title, Formacode v14 codes, ROME 4.0 codes, certifying, RNCP, exit level, hours, cost €, alternance, financers,
#  remote share)
PROGRAMMES = [
    ("Diplôme d'État d'aide-soignant (DEAS)", [], ["J1501"], True, "RNCP35830", "14", 1540, 6900, False, ["2"], 0),
    ("Préparation au concours d'aide-soignant", ["15084"], ["J1501"], False, "", "", 280, 1200, False, ["2"], 0.2),
    ("Aide-soignant·e par la voie de l'apprentissage", [], ["J1501"], True, "RNCP35830", "14", 1540, 0, True, [], 0),
    (
        "Diplôme d'État d'auxiliaire de puériculture",
        [],
        ["J1304"],
        True,
        "RNCP35832",
        "14",
        1470,
        6600,
        False,
        ["2"],
        0,
    ),
    ("Préparation aux métiers du soin infirmier", ["15084"], ["J1506"], False, "", "", 350, 1800, False, ["2"], 0.2),
    ("Assistant·e de vie aux familles", ["44028"], ["K1302", "K1304"], True, "", "13", 700, 4200, False, ["2", "4"], 0),
    ("Accompagnant·e éducatif et social", ["44028"], ["K1302"], True, "", "13", 1400, 5800, True, ["2"], 0),
    ("Moniteur·rice éducateur·rice", [], ["K1207"], True, "", "14", 1500, 7200, True, [], 0),
    ("Cuisinier·ère (CAP)", [], ["G1602"], True, "", "13", 800, 5100, True, ["2"], 0),
    ("Agent·e de restauration", [], ["G1603", "G1602"], True, "", "13", 600, 3900, False, ["2", "4"], 0),
    ("Maçon·ne", [], ["F1703"], True, "", "13", 900, 6200, True, ["2"], 0),
    ("Électricien·ne d'équipement du bâtiment", [], ["F1602"], True, "", "13", 1000, 7100, True, ["2"], 0),
    ("Installateur·rice sanitaire et thermique", [], ["F1603"], True, "", "13", 950, 6800, True, ["2"], 0),
    ("Soudeur·se assembleur·se", [], ["H2913"], True, "", "13", 750, 7400, False, ["2", "4"], 0),
    ("Technicien·ne de maintenance industrielle", [], ["I1304"], True, "", "15", 1300, 9800, True, ["2"], 0),
    ("Cariste d'entrepôt", [], ["N1101"], True, "", "13", 300, 2400, False, ["2", "4"], 0),
    ("Préparateur·rice de commandes en entrepôt", [], ["N1103", "N1101"], True, "", "13", 450, 3100, False, ["4"], 0),
    (
        "Conducteur·rice du transport routier de marchandises",
        [],
        ["N4101"],
        True,
        "",
        "13",
        560,
        6900,
        False,
        ["2", "4"],
        0,
    ),
    ("Développeur·se web et web mobile", [], ["M1805"], True, "", "15", 1200, 8900, False, ["2"], 0.5),
    ("Comptable assistant·e", [], ["M1203"], True, "", "14", 1000, 7300, True, ["2"], 0.3),
    ("Secrétaire assistant·e", [], ["M1607", "M1602"], True, "", "14", 900, 6100, False, ["2"], 0.3),
    ("Employé·e commercial·e en magasin", [], ["D1507", "D1106"], True, "", "13", 700, 4900, True, ["2", "4"], 0),
    ("Vendeur·se conseil en magasin", [], ["D1212"], True, "", "14", 800, 5600, True, ["2"], 0),
    ("Ouvrier·ère du paysage", [], ["A1203"], True, "", "13", 900, 5200, True, ["2"], 0),
    ("Remise à niveau en français et en calcul", ["15040", "15030"], [], False, "", "", 200, 0, False, ["2"], 0.3),
    ("Français langue étrangère pour l'emploi", ["15235"], [], False, "", "", 250, 0, False, ["2"], 0.3),
    ("Compétences numériques de base", ["15050"], [], False, "", "", 70, 0, False, ["2"], 0.5),
    ("Construire son projet professionnel", ["15062", "32154"], [], False, "", "", 140, 0, False, ["2", "4"], 0.3),
    ("Préparation à l'entrée en formation qualifiante", ["15084"], [], False, "", "", 180, 0, False, ["2"], 0.2),
    (
        "Découverte des métiers du soin et de l'accompagnement",
        ["15061"],
        ["J1501", "K1302"],
        False,
        "",
        "",
        150,
        0,
        False,
        ["2"],
        0,
    ),
]

PROVIDER_WORDS = ("Horizon", "Trajectoire", "Passerelle", "Boussole", "Tremplin", "Savoirs", "Escale", "Cap", "Sillon")
PROVIDER_KINDS = ("Formation", "Institut de formation", "Centre de formation", "Atelier des compétences")
STREETS = (
    "rue des Écoles",
    "avenue de la Gare",
    "rue du Moulin",
    "place du Marché",
    "rue des Tilleuls",
    "allée des Acacias",
)


def demo_towns(departements=DEPARTEMENTS, min_population: int = 2500) -> list[dict]:
    """Real communes of the région large enough to host a training centre, read from the repository's file."""
    with gzip.open(Path(GEO_DATA) / "communes.csv.gz", "rt", encoding="utf-8") as handle:
        rows = [
            row
            for row in csv.DictReader(handle)
            if row["departement"] in departements
            and row["latitude"]
            and int(row["population"] or 0) >= min_population
            and row["type"] == "COM"
        ]
    return sorted(rows, key=lambda row: -int(row["population"]))


def _working_day(day: date, closed) -> date:
    while day.weekday() >= 5 or day in closed:
        day += timedelta(days=1)
    return day


def write_demo_feed(
    path: Path,
    trainings: int = DEMO_TRAININGS,
    sessions_per_action: tuple[int, int] = (1, 3),
    start: date | None = None,
    seed: int = 2026,
) -> int:
    """Write the feed (one action per formation) and return the number of sessions written."""
    rng = random.Random(seed)
    start = start or date.today()  # noqa: DTZ011 (load_demo passes the clock's date)
    closed = holidays.country_holidays("FR", years=range(start.year - 1, start.year + 3))
    towns = demo_towns()
    weights = [int(t["population"]) ** 0.5 for t in towns]
    providers = {}
    session_count = 0
    with open(path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n<lheo xmlns="http://lheo.gouv.fr/2.3">\n<offres>\n')
        for number in range(1, trainings + 1):
            town = rng.choices(towns, weights)[0]
            programme = (
                PROGRAMMES[(number - 1) % len(PROGRAMMES)] if number <= len(PROGRAMMES) else rng.choice(PROGRAMMES)
            )
            key = (town["code_insee"], rng.randrange(2))
            if key not in providers:
                providers[key] = _provider(rng, town, len(providers) + 1)
            count = rng.randint(*sessions_per_action)
            session_count += count
            out.write(_formation(rng, number, programme, town, providers[key], count, start, closed))
        out.write("</offres>\n</lheo>\n")
    return session_count


def _provider(rng, town, number) -> dict:
    name = f"{rng.choice(PROVIDER_KINDS)} {rng.choice(PROVIDER_WORDS)} {town['nom']}"
    return {
        "name": name,
        "siret": f"999{number:011d}",
        "activity": f"24{town['departement']}{number:07d}",
        "address": f"{rng.randint(1, 80)} {rng.choice(STREETS)}",
        "phone": f"026191{number % 10000:04d}",
    }


def _e(text) -> str:
    return escape(str(text))


def _formation(rng, number, programme, town, provider, sessions, start, closed) -> str:
    title, formacodes, romes, certifying, rncp, level, hours, cost, alternance, financers, remote_share = programme
    mode = 2 if rng.random() < remote_share / 2 else (1 if rng.random() < remote_share else 0)
    place = (
        f"<adresse><ligne>{_e(provider['address'])}</ligne><codepostal>{town['codes_postaux'].split()[0]}</codepostal>"
        f"<ville>{_e(town['nom'])}</ville><code-INSEE-commune>{town['code_insee']}</code-INSEE-commune>"
        f"<geolocalisation><latitude>{town['latitude']}</latitude><longitude>{town['longitude']}</longitude>"
        "</geolocalisation></adresse>"
    )
    formacode_xml = "".join(f'<code-FORMACODE ref="V14">{code}</code-FORMACODE>' for code in formacodes)
    rome_xml = "".join(f'<code-ROME ref="V4">{code}</code-ROME>' for code in romes)
    first = start + timedelta(days=rng.randint(-40, 120))
    session_xml = []
    for index in range(sessions):
        begin = _working_day(first + timedelta(days=index * rng.randint(60, 120)), closed)
        end = begin + timedelta(days=max(7, hours // 5))
        session_xml.append(
            f'<session numero="S-DEMO-{number:05d}-{index + 1}"><periode><debut>{begin:%Y%m%d}</debut>'
            f"<fin>{end:%Y%m%d}</fin></periode><adresse-inscription>{place}</adresse-inscription></session>"
        )
    alternance_text = "Alternance : deux semaines en centre, deux semaines en entreprise." if alternance else "-"
    financer_xml = "".join(
        f"<organisme-financeur><code-financeur>{code}</code-financeur>"
        f"<nb-places-financees>{rng.randint(6, 16)}</nb-places-financees></organisme-financeur>"
        for code in financers
    )
    certification = f"<certification><code-RNCP>{rncp[4:]}</code-RNCP></certification>" if rncp else ""
    exit_level = f"<code-niveau-sortie>{level}</code-niveau-sortie>" if level else ""
    return (
        f'<formation numero="F-DEMO-{number:05d}">'
        f"<domaine-formation>{formacode_xml}{rome_xml}</domaine-formation>"
        f"<intitule-formation>{_e(title)}</intitule-formation>"
        f"<objectif-formation>Se qualifier : {_e(title.lower())}, à {_e(town['nom'])}.</objectif-formation>"
        "<resultats-attendus>Attestation de fin de formation ; certification le cas échéant.</resultats-attendus>"
        "<contenu-formation>Apports en centre, mises en situation, stage en entreprise.</contenu-formation>"
        f"<certifiante>{1 if certifying else 0}</certifiante>"
        f"<contact-formation><coordonnees><courriel>contact{number}@formation.example</courriel></coordonnees>"
        "</contact-formation>"
        "<parcours-de-formation>1</parcours-de-formation><code-niveau-entree>0</code-niveau-entree>"
        f"{certification}{exit_level}"
        f'<action numero="A-DEMO-{number:05d}">'
        f"<rythme-formation>{'Temps plein' if rng.random() < 0.7 else 'Temps partiel'}</rythme-formation>"
        "<code-public-vise>81050</code-public-vise><niveau-entree-obligatoire>0</niveau-entree-obligatoire>"
        f"<modalites-alternance>{alternance_text}</modalites-alternance>"
        f"<modalites-enseignement>{mode}</modalites-enseignement>"
        "<conditions-specifiques>Aucune</conditions-specifiques>"
        f"<prise-en-charge-frais-possible>{1 if financers or alternance else 0}</prise-en-charge-frais-possible>"
        f"<lieu-de-formation><coordonnees>{place}</coordonnees></lieu-de-formation>"
        "<modalites-entrees-sorties>0</modalites-entrees-sorties>"
        f"{''.join(session_xml)}"
        f"<prix-total-TTC>{cost}</prix-total-TTC><nombre-heures-total>{hours}</nombre-heures-total>"
        f"{financer_xml}</action>"
        "<organisme-formation-responsable>"
        f"<numero-activite>{provider['activity']}</numero-activite>"
        f"<SIRET-organisme-formation><SIRET>{provider['siret']}</SIRET></SIRET-organisme-formation>"
        f"<nom-organisme>{_e(provider['name'])}</nom-organisme><raison-sociale>{_e(provider['name'])}</raison-sociale>"
        f"<coordonnees-organisme><coordonnees>{place}</coordonnees></coordonnees-organisme>"
        f"<contact-organisme><coordonnees><telfixe><numtel>{provider['phone']}</numtel></telfixe></coordonnees>"
        "</contact-organisme></organisme-formation-responsable></formation>\n"
    )


def needs_demo_offer() -> bool:
    from .models import Training

    return not Training.objects.exists()


def load():
    """Jobs, funding schemes, then the generated feed imported by services.import_offer (the real path)."""
    import tempfile

    from django.utils import timezone

    from . import services

    services.load_rome()
    services.load_funding_schemes()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "offre-demo.xml"
        write_demo_feed(path, start=timezone.localdate())
        offer = services.import_offer(path)
    if offer.errors:
        raise RuntimeError("\n".join(offer.errors))
    return offer

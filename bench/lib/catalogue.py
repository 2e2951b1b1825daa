"""What the national generator draws from: the SPRO networks (share of structures, places per
structure, service templates with their statuses, themes and info types), the remote services,
street names and opening hours. Data only; `generator.py` does the drawing.
"""

from dataclasses import dataclass, field

A, P, T, E, F = "accompagnement", "atelier", "information", "formation", "aide-financiere"


@dataclass(frozen=True)
class Template:
    name: str
    description: str
    type: str
    cep_level: int
    statuses: tuple[str, ...]
    themes: tuple[str, ...]
    info_types: tuple[str, ...]
    access_modes: tuple[str, ...] = ("walk-in", "appointment")


@dataclass(frozen=True)
class NetworkSpec:
    share: float  # relative share of the structures
    places: float  # mean places per structure
    richness: float  # relative number of services per place
    templates: tuple[Template, ...] = field(default_factory=tuple)


YOUNG = ("jeune-sans-solution", "lyceen", "apprenti", "etudiant")
ACTIVE = ("salarie", "cadre", "agent-public", "independant")
JOBSEEKER = ("demandeur-emploi", "sans-activite")

NETWORKS: dict[str, NetworkSpec] = {
    "mission-locale": NetworkSpec(
        4,
        8,
        2.2,
        (
            Template(
                "Accompagnement des jeunes vers l'emploi et la formation",
                "Un conseiller ou une conseillère vous aide à construire votre projet professionnel, "
                "trouver une formation ou un emploi, et à lever les freins (logement, santé, mobilité).",
                A,
                2,
                ("jeune-sans-solution", "apprenti", "demandeur-emploi"),
                ("trouver-emploi", "reprendre-formation", "choisir-orientation", "mobilite"),
                ("lieu-accueil", "rendez-vous-distance"),
            ),
            Template(
                "Contrat d'engagement jeune",
                "Un accompagnement intensif de 15 à 20 heures par semaine, avec une allocation, "
                "pour les jeunes de 16 à 25 ans sans emploi ni formation.",
                F,
                3,
                ("jeune-sans-solution",),
                ("trouver-emploi", "reprendre-formation"),
                ("lieu-accueil",),
                ("appointment",),
            ),
            Template(
                "Atelier alternance et apprentissage",
                "Comprendre l'apprentissage, trouver une entreprise, préparer son CV et ses entretiens.",
                P,
                1,
                ("jeune-sans-solution", "lyceen", "apprenti"),
                ("alternance", "trouver-stage"),
                ("atelier",),
            ),
        ),
    ),
    "cio": NetworkSpec(
        5,
        1.2,
        1.6,
        (
            Template(
                "Conseil en orientation scolaire",
                "Les psychologues de l'Éducation nationale reçoivent élèves, étudiants et familles "
                "pour choisir une orientation, une filière ou une formation.",
                A,
                2,
                ("collegien", "lyceen", "etudiant", "parent"),
                ("choisir-orientation", "decouvrir-metiers"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Documentation sur les métiers et les formations",
                "Un centre de documentation en libre accès : fiches métiers, guides des formations, Onisep.",
                T,
                1,
                (),
                ("decouvrir-metiers", "choisir-orientation"),
                ("documentation", "lieu-accueil"),
                ("walk-in",),
            ),
        ),
    ),
    "information-jeunesse": NetworkSpec(
        14,
        1.3,
        1.2,
        (
            Template(
                "Point information jeunesse",
                "Information anonyme et gratuite sur les métiers, les formations, les jobs, la mobilité "
                "internationale et la vie quotidienne.",
                T,
                1,
                YOUNG,
                ("decouvrir-metiers", "trouver-stage", "mobilite", "trouver-emploi"),
                ("lieu-accueil", "documentation", "site-web"),
                ("walk-in",),
            ),
            Template(
                "Atelier jobs d'été et premier emploi",
                "Trouver un job, rédiger un CV, préparer un entretien : ateliers collectifs.",
                P,
                1,
                YOUNG,
                ("trouver-emploi",),
                ("atelier",),
            ),
        ),
    ),
    "france-travail": NetworkSpec(
        8,
        1.5,
        2.4,
        (
            Template(
                "Accompagnement des demandeurs d'emploi",
                "Inscription, indemnisation et accompagnement personnalisé vers l'emploi.",
                A,
                2,
                JOBSEEKER,
                ("trouver-emploi", "changer-metier"),
                ("lieu-accueil", "telephone", "rendez-vous-distance"),
            ),
            Template(
                "Financer une formation",
                "Aides au financement d'une formation pour les demandeurs d'emploi : AIF, compte personnel de "
                "formation, préparation opérationnelle à l'emploi.",
                F,
                2,
                ("demandeur-emploi",),
                ("financer-formation", "reprendre-formation"),
                ("rendez-vous-distance", "site-web"),
                ("appointment", "online"),
            ),
            Template(
                "Ateliers de recherche d'emploi",
                "CV, lettre de motivation, entretien, réseaux sociaux professionnels : ateliers collectifs.",
                P,
                1,
                JOBSEEKER,
                ("trouver-emploi",),
                ("atelier",),
            ),
            Template(
                "Découverte des métiers qui recrutent",
                "Immersions en entreprise, visites, métiers en tension du bassin d'emploi.",
                T,
                1,
                ("demandeur-emploi", "jeune-sans-solution"),
                ("decouvrir-metiers", "changer-metier"),
                ("atelier", "lieu-accueil"),
            ),
        ),
    ),
    "cap-emploi": NetworkSpec(
        2,
        3,
        1.5,
        (
            Template(
                "Accompagnement vers l'emploi des personnes handicapées",
                "Accompagnement des personnes en situation de handicap vers l'emploi et maintien dans l'emploi.",
                A,
                3,
                ("demandeur-emploi", "salarie"),
                ("emploi-handicap", "trouver-emploi", "evoluer-emploi"),
                ("lieu-accueil", "telephone"),
                ("appointment", "phone"),
            ),
            Template(
                "Conseil en évolution professionnelle handicap",
                "Conseil en évolution professionnelle pour les salariés en situation de handicap.",
                A,
                2,
                ACTIVE,
                ("changer-metier", "emploi-handicap"),
                ("rendez-vous-distance",),
                ("appointment",),
            ),
        ),
    ),
    "apec": NetworkSpec(
        1,
        1.5,
        1.6,
        (
            Template(
                "Conseil en évolution professionnelle des cadres",
                "Faire le point sur sa carrière, changer de poste ou de métier : conseil personnalisé.",
                A,
                2,
                ("cadre",),
                ("evoluer-emploi", "changer-metier", "bilan-competences"),
                ("rendez-vous-distance", "lieu-accueil"),
            ),
            Template(
                "Ateliers pour les jeunes diplômés",
                "Premier emploi après un bac + 3 : ateliers et conseils.",
                P,
                1,
                ("etudiant",),
                ("trouver-emploi",),
                ("atelier",),
            ),
        ),
    ),
    "apecita": NetworkSpec(
        0.5,
        1.5,
        1,
        (
            Template(
                "Emploi des cadres et techniciens de l'agriculture",
                "Offres d'emploi, conseil et bilan pour les cadres et techniciens agricoles.",
                A,
                2,
                ("cadre", "salarie", "demandeur-emploi"),
                ("trouver-emploi", "evoluer-emploi"),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cep-actifs-occupes": NetworkSpec(
        3,
        5,
        1.3,
        (
            Template(
                "Conseil en évolution professionnelle des actifs occupés",
                "Un conseil gratuit et confidentiel pour les salariés et indépendants : faire le point, "
                "construire un projet d'évolution, le financer.",
                A,
                3,
                ACTIVE,
                ("changer-metier", "evoluer-emploi", "financer-formation", "bilan-competences"),
                ("lieu-accueil", "rendez-vous-distance", "telephone"),
            ),
        ),
    ),
    "transitions-pro": NetworkSpec(
        1,
        2,
        1.3,
        (
            Template(
                "Projet de transition professionnelle",
                "Financement d'une formation certifiante pour changer de métier en restant salarié.",
                F,
                3,
                ("salarie",),
                ("financer-formation", "changer-metier"),
                ("site-web", "telephone"),
                ("online", "phone"),
            ),
            Template(
                "Démission-reconversion",
                "Vérifier le caractère réel et sérieux d'un projet de reconversion avant une démission.",
                T,
                2,
                ("salarie",),
                ("changer-metier", "creer-entreprise"),
                ("rendez-vous-distance",),
            ),
        ),
    ),
    "maison-emploi": NetworkSpec(
        5,
        2,
        1.5,
        (
            Template(
                "Accueil emploi et formation de proximité",
                "Information sur l'emploi local, les formations et les aides, orientation vers le bon partenaire.",
                T,
                1,
                (),
                ("trouver-emploi", "reprendre-formation"),
                ("lieu-accueil",),
                ("walk-in",),
            ),
            Template(
                "Forum des métiers",
                "Rencontrer des professionnels et des employeurs du territoire.",
                P,
                1,
                (),
                ("decouvrir-metiers", "trouver-emploi"),
                ("atelier",),
            ),
        ),
    ),
    "cci": NetworkSpec(
        6,
        2,
        1.4,
        (
            Template(
                "Créer ou reprendre une entreprise",
                "Accompagnement des créateurs et repreneurs : étude de marché, financement, formalités.",
                A,
                2,
                ("demandeur-emploi", "salarie", "independant"),
                ("creer-entreprise",),
                ("lieu-accueil", "atelier"),
            ),
            Template(
                "Point apprentissage",
                "Trouver un contrat d'apprentissage et une entreprise, démarches du contrat.",
                T,
                1,
                ("lyceen", "apprenti", "jeune-sans-solution"),
                ("alternance",),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cma": NetworkSpec(
        6,
        2.5,
        1.4,
        (
            Template(
                "Découvrir les métiers de l'artisanat",
                "Information sur les métiers de l'artisanat et l'apprentissage.",
                T,
                1,
                ("collegien", "lyceen", "jeune-sans-solution"),
                ("decouvrir-metiers", "alternance"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Créer son entreprise artisanale",
                "Stage de préparation à l'installation, accompagnement des créateurs d'entreprise artisanale.",
                E,
                2,
                ("demandeur-emploi", "salarie", "independant"),
                ("creer-entreprise",),
                ("atelier", "lieu-accueil"),
            ),
        ),
    ),
    "chambre-agriculture": NetworkSpec(
        5,
        2.5,
        1.1,
        (
            Template(
                "Point accueil installation agricole",
                "S'installer en agriculture : parcours, aides, formation.",
                A,
                2,
                ("demandeur-emploi", "salarie", "independant", "jeune-sans-solution"),
                ("creer-entreprise", "reprendre-formation"),
                ("lieu-accueil", "rendez-vous-distance"),
            ),
        ),
    ),
    "suio": NetworkSpec(
        3,
        2.5,
        1.5,
        (
            Template(
                "Orientation et insertion des étudiants",
                "Entretiens d'orientation, réorientation, stages et insertion professionnelle des étudiants.",
                A,
                2,
                ("etudiant",),
                ("choisir-orientation", "trouver-stage", "trouver-emploi"),
                ("lieu-accueil", "documentation"),
            ),
            Template(
                "Ateliers insertion professionnelle",
                "CV, entretien, réseau : ateliers pour les étudiants et jeunes diplômés.",
                P,
                1,
                ("etudiant",),
                ("trouver-emploi", "trouver-stage"),
                ("atelier",),
            ),
        ),
    ),
    "prc-vae": NetworkSpec(
        8,
        2,
        1.2,
        (
            Template(
                "Information conseil VAE",
                "Valider les acquis de son expérience : quel diplôme, quelles étapes, quels financements.",
                T,
                1,
                ACTIVE + JOBSEEKER,
                ("vae", "financer-formation"),
                ("lieu-accueil", "telephone", "rendez-vous-distance"),
            ),
        ),
    ),
    "cidff": NetworkSpec(
        6,
        6,
        1.3,
        (
            Template(
                "Emploi et formation des femmes",
                "Accompagnement vers l'emploi et la formation, égalité professionnelle.",
                A,
                2,
                ("demandeur-emploi", "sans-activite", "parent"),
                ("trouver-emploi", "droits-egalite", "reprendre-formation"),
                ("lieu-accueil",),
            ),
            Template(
                "Information sur les droits",
                "Information juridique gratuite et confidentielle : droit du travail, famille, égalité.",
                T,
                1,
                (),
                ("droits-egalite",),
                ("lieu-accueil", "telephone"),
            ),
        ),
    ),
    "cria": NetworkSpec(
        6,
        2.5,
        1.1,
        (
            Template(
                "Savoirs de base et lutte contre l'illettrisme",
                "Repérer les difficultés avec l'écrit, le calcul ou le numérique et trouver une formation.",
                A,
                1,
                ("demandeur-emploi", "salarie", "sans-activite"),
                ("savoirs-de-base", "reprendre-formation"),
                ("lieu-accueil", "documentation"),
            ),
        ),
    ),
    "opco": NetworkSpec(
        5,
        3,
        1.2,
        (
            Template(
                "Financer la formation des salariés",
                "Information des salariés et des entreprises sur le financement de la formation et de l'alternance.",
                F,
                1,
                ("salarie",),
                ("financer-formation", "alternance"),
                ("site-web", "telephone"),
                ("online", "phone"),
            ),
        ),
    ),
}

REMOTE_TEMPLATES = {
    # (reach, network, name, themes, statuses)
    "france": [
        ("apec", "Apec, conseil à distance", ("evoluer-emploi", "changer-metier"), ("cadre",)),
        ("france-travail", "Service téléphonique France Travail (3949)", ("trouver-emploi",), JOBSEEKER),
        ("prc-vae", "France VAE, accompagnement en ligne", ("vae",), ()),
        ("opco", "Mon compte formation, assistance", ("financer-formation",), ACTIVE),
        ("cap-emploi", "Ligne nationale emploi et handicap", ("emploi-handicap",), ()),
        ("information-jeunesse", "Information jeunesse en ligne", ("mobilite", "decouvrir-metiers"), YOUNG),
        ("cio", "Onisep, Mon orientation en ligne", ("choisir-orientation",), ("lyceen", "collegien", "parent")),
        ("transitions-pro", "Transitions Pro, information en ligne", ("changer-metier",), ("salarie",)),
        ("cidff", "Ligne nationale droits des femmes", ("droits-egalite",), ()),
        ("cci", "Création d'entreprise, assistance en ligne", ("creer-entreprise",), ()),
    ],
    "region": [
        ("information-jeunesse", "Numéro vert régional orientation formation", ("choisir-orientation",), ()),
        ("cep-actifs-occupes", "Plateforme régionale du conseil en évolution professionnelle", ("changer-metier",), ()),
        ("transitions-pro", "Transitions Pro, conseil à distance", ("financer-formation",), ("salarie",)),
        ("opco", "Délégation régionale, conseil aux salariés", ("financer-formation",), ACTIVE),
        ("cria", "Ligne régionale savoirs de base", ("savoirs-de-base",), ()),
    ],
    "departement": [
        ("mission-locale", "Permanence téléphonique des Missions locales", ("trouver-emploi",), YOUNG),
        ("cidff", "Écoute téléphonique droits et emploi", ("droits-egalite", "trouver-emploi"), ()),
    ],
}

STREETS = [
    "rue de la République",
    "avenue Jean Jaurès",
    "place de la Mairie",
    "rue Victor Hugo",
    "boulevard Gambetta",
    "rue Pasteur",
    "rue du Général de Gaulle",
    "allée des Tilleuls",
    "rue de la Gare",
    "avenue de Verdun",
]
HOURS = [
    "Mo-Fr 09:00-12:30,13:30-17:00",
    "Mo-Th 08:30-12:00,13:30-17:30; Fr 08:30-12:00",
    "Tu,Th 14:00-17:00",
    "Mo-Fr 09:00-17:00; PH off",
    "",
]

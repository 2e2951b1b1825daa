"""The demo mallette: real documents written from the SPRO's own texts (sources named in each document) and
rendered as PDF by weasyprint, the categories of seed 000's « mallette SPRO », and the état des lieux of the
information tools named in the seeds."""

import json

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string

from apps.core import region_pack
from apps.directory.models import Network
from apps.orientation.models import PreInterviewQuestion

from . import services
from .models import Audience, InformationTool, Resource, ResourceCategory

CATEGORIES = [
    ("affiches", "Affiches"),
    ("fiche-mission", "Fiche mission de la coordination"),
    ("fiches-reperes", "Fiches repères n° 1 et n° 2"),
    ("diaporamas", "Diaporamas"),
    ("kit-communication", "Kit de communication"),
    ("outils-animation", "Outils d'animation"),
    ("charte-graphique", "Charte graphique"),
    ("referentiels", "Référentiels de compétences"),
]

_PACK = region_pack.current()  # the curated demo of the default pack (demo.modules of regions/24/region.toml)
SOURCE_2021 = f"« Le SPRO en région {_PACK.name}, c'est quoi ? », {_PACK.text('region_label')}, janvier 2021"
SOURCE_2016 = "réunion des coordonnateurs des SPRO locaux, 30 juin 2016"
SOURCE_PRESENTATION = (
    "présentation « Le SPRO ? C'est quoi au juste ? » et cahier des charges du SPRO du 23 janvier 2015"
)

SITUATIONS = [
    (
        "Quelle bonne porte pour un jeune homme « décrocheur » ?",
        "Un jeune, ayant arrêté l'école depuis plus d'un an, se décide à pousser la porte du BIJ proche de son "
        "domicile. "
        "Il ne veut pas retourner à l'école, il veut s'en sortir mais ne sait pas comment s'y prendre.",
        "le BIJ est la première porte et la Mission locale est la « bonne » deuxième porte.",
    ),
    (
        "Quelle prise en charge pour des salarié·es ?",
        "Une jeune femme de moins de 26 ans est en CDD jusqu'au 31 décembre. Que faire après ? Comment rebondir ? "
        f"Elle appelle le numéro de conseil professionnel au {_PACK.text('phone_number')} pour y voir plus clair.",
        "le numéro de Conseil Pro est la première porte « virtuelle » ; le conseil en évolution professionnelle "
        "(Transitions Pro) est la « bonne » deuxième porte.",
    ),
    (
        "Quelle prise en charge pour un jeune en formation initiale ?",
        "Un jeune homme de 16 ans est scolarisé en 1re et s'interroge sur sa poursuite d'études.",
        "le CIO reste son interlocuteur de référence.",
    ),
]

TEXT_DOCUMENTS = [
    {
        "slug": "affiche-philosophie-du-spro",
        "category": "affiches",
        "audience": Audience.PUBLIC,
        "title": "Affiche : la philosophie du SPRO",
        "description": "Affiche pour diffuser les grands principes et enjeux du SPRO dans les lieux d'accueil.",
        "sources": SOURCE_2021,
        "sections": [
            {
                "class": "poster",
                "title": "S'orienter tout au long de la vie",
                "paragraphs": [
                    f"Le Service public régional de l'orientation, piloté par la {_PACK.text('region_label')}, a pour "
                    "finalité "
                    "de permettre à chaque individu de la région d'être acteur de sa vie professionnelle et de "
                    "développer "
                    "ses capacités à s'orienter tout au long de la vie.",
                    "Il est organisé au plus près des territoires pour dynamiser les partenariats et les actions en "
                    "lien "
                    "avec les besoins locaux.",
                ],
                "items": [
                    "Une information gratuite, complète et objective sur les métiers, les formations, les "
                    "certifications, "
                    "les débouchés et les niveaux de rémunération",
                    "Des services de conseil et d'accompagnement en orientation de qualité et organisés en réseaux",
                    "Pour tout public, quel que soit son âge ou sa situation",
                ],
            }
        ],
    },
    {
        "slug": "affiche-engagements-du-spro",
        "category": "affiches",
        "audience": Audience.PUBLIC,
        "title": "Affiche : les engagements du SPRO",
        "description": "Les engagements de chaque structure du SPRO envers les personnes qu'elle accueille.",
        "sources": SOURCE_PRESENTATION,
        "sections": [
            {
                "class": "poster",
                "title": "Chaque structure du SPRO s'engage à",
                "items": [
                    "permettre à toute personne de bénéficier d'un premier accueil physique ou dématérialisé",
                    "analyser sa demande, repérer ses besoins",
                    "apporter une réponse à sa demande en ré-adressant la personne vers le partenaire SPRO adéquat "
                    "si nécessaire",
                ],
                "paragraphs": [f"{_PACK.text('phone_line')} : {_PACK.text('phone_number')}, appel gratuit."],
            }
        ],
    },
    {
        "slug": "fiche-mission-coordination-spro",
        "category": "fiche-mission",
        "audience": Audience.MEMBERS,
        "title": "Fiche mission de la coordination locale du SPRO",
        "description": "Les missions du ou de la coordinateur·rice local·e et du comité de coordination.",
        "sources": SOURCE_2021 + " ; cahier des charges du SPRO",
        "sections": [
            {
                "title": "Le pari de la coopération : animer le déploiement du SPRO sur le territoire",
                "items": [
                    "En créant un comité de coordination locale réunissant l'ensemble des partenaires ou structures "
                    "conventionnées sur le territoire",
                    "Mobiliser les structures partenaires présentes sur le territoire",
                    "Identifier les structures susceptibles d'intégrer le SPRO",
                    "Mettre en œuvre le cahier des charges SPRO",
                ],
            },
            {
                "title": "Contribuer à une offre de services en orientation lisible pour les usagers",
                "items": [
                    "En définissant des priorités d'actions ou un programme d'activités commun adapté au territoire",
                    "En construisant une connaissance partagée de l'offre de services développée sur les territoires "
                    "par chacune des structures impliquées dans le SPRO",
                ],
            },
            {
                "title": "Le pari de l'animation territoriale : être la personne ressource SPRO du territoire",
                "items": [
                    "Planifier, organiser et animer les réunions du comité de coordination locale",
                    "Transmettre à la Région le programme et le bilan d'activités élaborés par le comité",
                    "Recueillir et analyser les besoins exprimés par le comité en termes d'outils, de communication…",
                    "Être l'interlocuteur·rice privilégié·e du Conseil régional pour assurer un dialogue constant "
                    "entre "
                    "le territoire et la Région",
                ],
            },
            {
                "title": "Le comité de coordination locale",
                "items": [
                    "Identifier des structures partenaires",
                    "Élaborer un programme d'activités adapté au territoire et mobiliser les équipes",
                    "Définir des besoins en termes d'outils de communication pour rendre lisible le SPRO",
                    "Réaliser un bilan d'activité annuel du réseau local",
                    "Participer aux travaux de consultation des usagers en vue d'améliorer les services rendus",
                    "Participer au suivi et à l'évaluation du SPRO",
                ],
            },
        ],
    },
    {
        "slug": "diaporama-le-spro-en-region",
        "category": "diaporamas",
        "audience": Audience.PUBLIC,
        "title": f"Diaporama : le SPRO en région {_PACK.name}, c'est quoi ?",
        "description": "Pour présenter le SPRO à des partenaires, des élu·es ou des équipes.",
        "sources": SOURCE_2021,
        "sections": [
            {
                "class": "slide",
                "title": "Le SPRO, pour qui ?",
                "paragraphs": [
                    "Toute personne dispose du droit à être informée, conseillée et accompagnée en matière "
                    "d'orientation professionnelle : tout public, quel que soit son âge ou sa situation."
                ],
            },
            {
                "class": "slide",
                "title": "Quelle organisation ?",
                "paragraphs": [
                    "La Région organise le SPRO et assure la mise en réseau de tous les services, structures et "
                    "dispositifs qui concourent sur son territoire à la mise en œuvre de ce service public.",
                    "Des conventions signées par territoire et un budget attribué pour la coordination et les "
                    "projets locaux.",
                ],
            },
            {
                "class": "slide",
                "title": "La feuille de route régionale",
                "items": [
                    f"Axe 1 — Développer la marque Orientation {_PACK.name}",
                    "Axe 2 — Se doter d'une expertise compétences / secteurs / métiers",
                    "Axe 3 — Professionnaliser les acteurs et décloisonner, soutenir les projets locaux",
                    "Axe 4 — Inscrire la Région dans une démarche régionale, nationale et européenne",
                    "Axe 5 — Rendre visibles et valoriser les actions menées",
                ],
            },
            {
                "class": "slide",
                "title": "Des actions phares",
                "items": [
                    "Des journées d'interconnaissance",
                    "L'arbre des talents (action régionale)",
                    "Day tripper / High day : un outil de partage des expériences individuelles et collectives (SPRO "
                    "36)",
                    "Hack ton orientation (SPRO 28)",
                    "Dessine-moi le travail !",
                ],
            },
        ],
    },
    {
        "slug": "animer-un-comite-plan-action",
        "category": "outils-animation",
        "audience": Audience.COORDINATORS,
        "title": "Animer un comité de coordination pour définir un plan d'action",
        "description": "Le partage d'expériences des coordinateur·rices issu de l'arbre des talents.",
        "sources": SOURCE_2021 + " (exemple de partage d'expériences et de compétences)",
        "sections": [
            {
                "title": "Mobiliser",
                "items": [
                    "Identifier les besoins de chaque participant",
                    "La posture de chacun : facilitateur",
                    "Formaliser des temps : convivialité, une thématique, de nouveaux outils",
                    "Des travaux en sous-groupes : cibler les centres d'intérêt",
                    "Valoriser les travaux et les compétences",
                    "Stabiliser les équipes, pour ne pas recommencer à chaque fois : s'engager, un vivier fixe",
                ],
            },
            {
                "title": "Animer",
                "items": [
                    "Orateur ≠ animateur : comment faciliter la prise de parole ?",
                    "Des formations pour monter en compétences, des techniques d'animation",
                    "Des tiers-lieux originaux et inspirants, par exemple la médiathèque",
                    "Des méthodes : lettre d'information, podcast, design thinking",
                    "Quitter les mauvais réflexes des réunions institutionnelles",
                ],
                "paragraphs": ["Enclencher l'envie de coopérer : liberté de temps, de moyens."],
            },
        ],
    },
    {
        "slug": "charte-graphique-spro",
        "category": "charte-graphique",
        "audience": Audience.MEMBERS,
        "title": "Charte graphique du SPRO : les règles d'usage",
        "description": "Ce à quoi s'engagent les structures pour que les usagers identifient le SPRO.",
        "sources": "cahier des charges du SPRO, article sur la communication, repris dans " + SOURCE_2021,
        "sections": [
            {
                "title": "L'engagement des structures",
                "paragraphs": [
                    "Les structures composant le SPRO s'engagent à respecter la charte graphique définie régionalement "
                    "et à utiliser les outils de communication mis à leur disposition.",
                    "Elles assurent ainsi l'identification du SPRO par les usagers au niveau local, notamment par "
                    "l'apposition du logo SPRO fourni par le niveau régional.",
                ],
            },
            {
                "title": "Les outils de communication disponibles",
                "items": [
                    "Une plaquette de présentation du SPRO",
                    "Un stand parapluie mis à disposition",
                    "Des flyers, réédités si besoin",
                    "Les affiches « philosophie » et « engagements » de la mallette",
                ],
            },
        ],
    },
]

LINKS = [
    {
        "slug": "clip-presentation-du-spro",
        "category": "kit-communication",
        "audience": Audience.PUBLIC,
        "title": f"Clip « Présentation du SPRO en région {_PACK.name} »",
        "description": "La vidéo de présentation du SPRO, à diffuser sur les écrans des lieux d'accueil et en forum.",
        "url": "https://www.youtube.com/watch?v=mOQhhPJgIXQ",
    },
]


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML  # loading Pango only when documents are generated

    return HTML(string=render_to_string(template, context)).write_pdf()


def _document(resource: Resource, template: str, context: dict) -> None:
    context = {"footer": resource.title, **context}
    pdf = _pdf(template, context)
    services.add_version(resource, ContentFile(pdf, name=f"{resource.slug}.pdf"), "Version de démonstration")


@transaction.atomic
def load() -> int:
    """Create the demo mallette once; returns the number of resources created."""
    if Resource.objects.exists():
        return 0
    categories = {}
    for position, (code, title) in enumerate(CATEGORIES):
        categories[code], _ = ResourceCategory.objects.get_or_create(
            code=code, defaults={"title": title, "position": position}
        )

    def resource(spec) -> Resource:
        return Resource.objects.create(
            slug=spec["slug"],
            category=categories[spec["category"]],
            title=spec["title"],
            description=spec["description"],
            audience=spec["audience"],
            url=spec.get("url", ""),
        )

    created = 0
    for spec in TEXT_DOCUMENTS:
        doc = resource(spec)
        _document(
            doc,
            "resources/documents/text.html",
            {"title": spec["title"], "sections": spec["sections"], "sources": spec["sources"]},
        )
        created += 1
    repere_1 = resource(
        {
            "slug": "fiche-repere-1-premier-accueil",
            "category": "fiches-reperes",
            "audience": Audience.MEMBERS,
            "title": "Fiche repère n° 1 : le 1er accueil SPRO",
            "description": "Ce que recouvre le premier accueil dans le SPRO, les niveaux du CEP et trois situations "
            "types.",
        }
    )
    _document(
        repere_1,
        "resources/documents/fiche_repere_1.html",
        {
            "title": repere_1.title,
            "subtitle": "Les outils des partenaires du SPRO",
            "situations": SITUATIONS,
            "sources": SOURCE_PRESENTATION + " ; programme d'appui aux acteurs 2015-2016, action 2 ; " + SOURCE_2016,
        },
    )
    repere_2 = resource(
        {
            "slug": "fiche-repere-2-grille-pre-entretien",
            "category": "fiches-reperes",
            "audience": Audience.MEMBERS,
            "title": "Fiche repère n° 2 : la grille de pré-entretien du 1er accueil",
            "description": "Les questions de la grille de pré-entretien, à imprimer ou à suivre à l'écran.",
        }
    )
    questions = [
        {"text": q.text, "kind": q.kind, "choices": q.choices, "choice_list": [c for c in q.choices.splitlines() if c]}
        for q in PreInterviewQuestion.objects.filter(is_active=True).order_by("position")
    ]
    _document(
        repere_2,
        "resources/documents/fiche_repere_2.html",
        {
            "title": repere_2.title,
            "subtitle": "Les outils des partenaires du SPRO",
            "questions": questions,
            "sources": SOURCE_2016 + " ; grille de pré-entretien de la plateforme (tenue par la Région)",
        },
    )
    created += 2
    created += _framework_documents(categories["referentiels"])
    for spec in LINKS:
        resource(spec)
        created += 1
    networks = {n.code: n for n in Network.objects.all()}
    for tool in json.loads(region_pack.current().demo_file("information_tools").read_text(encoding="utf-8"))["tools"]:
        InformationTool.objects.create(
            network=networks.get(tool["network"]) if tool["network"] else None,
            name=tool["name"],
            kind=tool["kind"],
            url=tool["url"],
            description=tool["description"],
            for_public=tool["for_public"],
        )
    return created


def _framework_documents(category) -> int:
    from apps.skills.models import SkillFramework

    created = 0
    for framework in SkillFramework.objects.filter(is_current=True).order_by("code"):
        doc = Resource.objects.create(
            slug=f"referentiel-{framework.code}",
            category=category,
            title=framework.title,
            description=f"{framework.audience}. Version {framework.version}, à imprimer.",
            audience=Audience.MEMBERS,
        )
        _document(
            doc,
            "resources/documents/framework.html",
            {
                "title": framework.title,
                "framework": framework,
                "levels": framework.levels.all(),
                "domains": framework.domains.prefetch_related("skills"),
                "sources": framework.source,
            },
        )
        created += 1
    return created

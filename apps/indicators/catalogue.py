"""The catalogue of the SPRO's shared indicators (cahier des charges §9): what each one measures and how.

It is data, in code, so that the public page "Comment nous mesurons", the exports and the open data
description all say the same thing. Each indicator follows the person's path (seed 001, Action 4):
capture of publics, access to the 1st door, routing to the 2nd door; then interconnaissance and the
public side.
"""

from .catalogue_entries import Family, Indicator
from .catalogue_voice import VOICE_FAMILY, VOICE_INDICATORS

RECEPTIONS = "premiers accueils (orientation_reception, orientation_reception_themes)"
REFERRALS = "fiches navettes (orientation_referral) et leurs étapes (orientation_referralevent)"
STRUCTURES = "structures et réseaux de l'annuaire (directory_structure, directory_network)"
GEOGRAPHY = "communes et territoires SPRO (geo_commune, geo_territory)"


FAMILIES = [
    Family(
        "capture", "Captation des publics", "Qui le SPRO accueille-t-il, par quel canal, d'où viennent les personnes ?"
    ),
    Family("first_door", "Accès à la 1re porte", "Que devient une première demande dans la structure qui la reçoit ?"),
    Family(
        "second_door",
        "Aiguillage vers la 2e porte",
        "Quand une personne est réorientée, arrive-t-elle à la bonne porte, et en combien de temps ?",
    ),
    Family(
        "interconnaissance",
        "Interconnaissance des membres",
        "Les structures d'un territoire se connaissent-elles et travaillent-elles ensemble ?",
    ),
    Family("public", "Côté public", "Comment les personnes utilisent-elles les services en ligne du SPRO ?"),
]

PERSON_BREAKDOWNS = ("canal", "situation", "tranche d'âge", "sexe", "thème de la demande", "territoire de résidence")

CATALOGUE = [
    Indicator(
        "CAP-1",
        "capture",
        "Premiers accueils",
        "Nombre de premiers accueils (physiques ou à distance) enregistrés par les structures du périmètre. "
        "Un premier accueil est un contact, noté de façon anonyme : une personne venue deux fois compte deux fois.",
        "nombre de premiers accueils dont la date est dans la période",
        (RECEPTIONS, STRUCTURES),
        "premiers accueils",
        (*PERSON_BREAKDOWNS, "niveau du CEP visé", "mois", "structure", "réseau", "territoire de la structure"),
        note="Le thème est multiple : la somme par thème dépasse le total. Le sexe n'est noté que si la personne "
        "l'indique.",
    ),
    Indicator(
        "CAP-2",
        "capture",
        "Taux de captation",
        "Premiers accueils de personnes habitant le territoire (quelle que soit la structure de la région qui les "
        "a reçues), rapportés à la population du territoire.",
        "1 000 × premiers accueils de résidents du territoire ÷ population municipale du territoire",
        (RECEPTIONS, GEOGRAPHY),
        "pour 1 000 habitants",
        ("territoire de résidence",),
        note="Les accueils sans commune de résidence ne sont pas comptés. Population : dernier millésime INSEE "
        "chargé dans la plateforme.",
    ),
    Indicator(
        "PP-1",
        "first_door",
        "Premiers accueils par structure et par réseau",
        "Volume de premiers accueils de chaque 1re porte, avec la part de réponses immédiates et de réorientations.",
        "nombre de premiers accueils par structure (ou réseau, ou territoire)",
        (RECEPTIONS, STRUCTURES),
        "premiers accueils",
        ("structure", "réseau", "territoire de la structure"),
    ),
    Indicator(
        "PP-2",
        "first_door",
        "Part des demandes traitées dès le premier accueil",
        "Part des premiers accueils dont la suite donnée est une information ou une documentation, sans "
        "rendez-vous ni réorientation (niveau 1 du CEP).",
        "accueils « réponse immédiate » ÷ premiers accueils",
        (RECEPTIONS,),
        "%",
        ("structure", "réseau", "territoire de la structure"),
    ),
    Indicator(
        "PP-3",
        "first_door",
        "Part des personnes réorientées",
        "Part des premiers accueils à l'issue desquels la personne est réorientée vers un partenaire "
        "(fiche navette). Les accueils suivis d'un rendez-vous dans la même structure sont comptés à part.",
        "accueils avec la suite « réorientation vers un partenaire » ÷ premiers accueils",
        (RECEPTIONS,),
        "%",
        ("structure", "réseau", "territoire de la structure"),
    ),
    Indicator(
        "PP-4",
        "first_door",
        "Structures actives en premier accueil",
        "Part des structures actives du périmètre ayant enregistré au moins un premier accueil dans la période.",
        "structures avec au moins un premier accueil ÷ structures actives du périmètre",
        (RECEPTIONS, STRUCTURES),
        "%",
        ("territoire de la structure",),
        protected=False,
    ),
    Indicator(
        "DP-1",
        "second_door",
        "Fiches navettes envoyées et reçues",
        "Nombre de fiches navettes envoyées dans la période : par les structures du périmètre (1re porte) et "
        "reçues par elles (2e porte). Les demandes de rappel en ligne n'ont pas d'expéditeur : elles ne comptent "
        "qu'en réception.",
        "nombre de fiches navettes dont la date d'envoi est dans la période",
        (REFERRALS, STRUCTURES),
        "fiches navettes",
        ("mois", "structure", "réseau", "territoire", "origine (premier accueil, rappel en ligne)"),
    ),
    Indicator(
        "DP-2",
        "second_door",
        "Fiches navettes prises en compte",
        "Fiches navettes ouvertes ou traitées (acceptées ou refusées) par la structure destinataire.",
        "fiches envoyées dans la période ayant atteint l'étape « reçue », « acceptée » ou « refusée »",
        (REFERRALS,),
        "fiches navettes",
        ("structure", "réseau", "territoire"),
    ),
    Indicator(
        "DP-3",
        "second_door",
        "Taux d'acceptation",
        "Part des fiches navettes envoyées dans la période que la 2e porte a acceptées (prise en charge).",
        "fiches ayant atteint l'étape « acceptée » ÷ fiches envoyées",
        (REFERRALS,),
        "%",
        ("structure", "réseau", "territoire"),
    ),
    Indicator(
        "DP-4",
        "second_door",
        "Fiches navettes refusées, par motif",
        "Fiches navettes refusées par la structure destinataire, selon le motif choisi dans la liste commune.",
        "nombre de fiches à l'état « refusée », par motif ; taux de refus = refusées ÷ envoyées",
        (REFERRALS,),
        "fiches navettes",
        ("motif de refus",),
    ),
    Indicator(
        "DP-5",
        "second_door",
        "Personnes contactées",
        "Fiches navettes acceptées pour lesquelles la 2e porte a pris contact avec la personne.",
        "fiches ayant atteint l'étape « personne contactée » ÷ fiches acceptées",
        (REFERRALS,),
        "%",
        ("structure", "réseau", "territoire"),
    ),
    Indicator(
        "DP-6",
        "second_door",
        "Premiers rendez-vous tenus",
        "Fiches navettes acceptées dont le premier rendez-vous a eu lieu ; à côté, la part d'absences au rendez-vous.",
        "fiches « premier rendez-vous tenu » ÷ fiches acceptées ; absences ÷ (rendez-vous tenus + absences)",
        (REFERRALS,),
        "%",
        ("structure", "réseau", "territoire"),
    ),
    Indicator(
        "DP-7",
        "second_door",
        "Taux de boucle bouclée",
        "Part des fiches navettes dont l'expéditeur connaît l'issue : refusée avec un motif, ou clôturée avec une "
        "issue (accompagnement engagé, information apportée, personne injoignable…). Les fiches annulées par "
        "l'expéditeur sont exclues.",
        "(fiches refusées + fiches clôturées) ÷ (fiches envoyées − fiches annulées)",
        (REFERRALS,),
        "%",
        ("structure", "réseau", "territoire", "issue"),
    ),
    Indicator(
        "DP-8",
        "second_door",
        "Délais médians entre les étapes",
        "Médiane, en jours calendaires, de quatre délais : de l'envoi à la prise en compte (lecture ou réponse), "
        "de l'envoi à la réponse (acceptation ou refus), de l'acceptation à la prise de contact, de l'envoi au "
        "premier rendez-vous tenu. Chaque délai est lu dans l'historique horodaté des étapes.",
        "médiane des écarts en jours (date de l'étape − date de l'étape de départ, heure de Paris ; même jour = 0)",
        (REFERRALS,),
        "jours",
        ("structure", "réseau", "territoire"),
        note="Calculée sur les fiches ayant atteint l'étape ; un délai calculé sur moins de 5 fiches n'est pas "
        "diffusé hors de la structure.",
    ),
    Indicator(
        "DP-9",
        "second_door",
        "Fiches navettes en retard",
        "Fiches navettes encore sans réponse (envoyées ou seulement lues) dont la date de réponse attendue est "
        "dépassée, au jour du calcul, quelle que soit la période choisie.",
        "nombre de fiches à l'état « envoyée » ou « reçue » avec une échéance antérieure à aujourd'hui",
        (REFERRALS,),
        "fiches navettes",
        ("structure destinataire", "territoire"),
    ),
    Indicator(
        "DP-10",
        "second_door",
        "Flux entre réseaux",
        "Fiches navettes envoyées d'un réseau (Mission locale, CIO, Information Jeunesse…) vers un autre, "
        "lorsque l'expéditeur ou le destinataire est dans le périmètre.",
        "nombre de fiches par couple (réseau expéditeur, réseau destinataire)",
        (REFERRALS, STRUCTURES),
        "fiches navettes",
        ("réseau expéditeur × réseau destinataire",),
    ),
    Indicator(
        "IC-1",
        "interconnaissance",
        "Paires de structures qui échangent",
        "Nombre de paires distinctes de structures ayant échangé au moins une fiche navette dans la période, "
        "dans un sens ou dans l'autre, les deux structures appartenant au territoire. Pour une structure : "
        "le nombre de structures partenaires.",
        "nombre de paires {A, B} distinctes, A ≠ B ; densité = paires ÷ (n × (n − 1) ÷ 2) structures actives",
        (REFERRALS, STRUCTURES),
        "paires de structures",
        ("territoire",),
        protected=False,
    ),
    Indicator(
        "IC-2",
        "interconnaissance",
        "Structures actives dans les échanges",
        "Part des structures actives du territoire ayant envoyé ou reçu au moins une fiche navette d'une autre "
        "structure dans la période.",
        "structures ayant échangé au moins une fiche ÷ structures actives du territoire",
        (REFERRALS, STRUCTURES),
        "%",
        ("territoire",),
        protected=False,
    ),
    Indicator(
        "IC-3",
        "interconnaissance",
        "Participation aux sessions d'interconnaissance",
        "Sessions du programme d'appui (forums, journées, groupes de travail) tenues sur le territoire pendant "
        "l'année civile où finit la période, professionnel·les présent·es, structures représentées et paires de "
        "structures qui s'y sont rencontrées.",
        "présences pointées aux sessions non annulées de l'année",
        ("inscriptions et présences du programme d'appui (programme_registration, programme_session)",),
        "sessions, personnes, structures",
        ("territoire",),
        protected=False,
        note="Disponible lorsque le programme d'appui est en service.",
    ),
    Indicator(
        "IC-4",
        "interconnaissance",
        "Fraîcheur de l'annuaire",
        "Part des services actifs des structures du périmètre dont l'offre a été vérifiée depuis moins de 6 mois, "
        "au jour du calcul.",
        "services vérifiés il y a moins de 183 jours ÷ services actifs",
        ("services de l'annuaire (directory_service)",),
        "%",
        ("territoire", "structure"),
        protected=False,
    ),
    Indicator(
        "PUB-1",
        "public",
        "Recherches dans l'assistant « Quelle porte pour moi ? »",
        "Nombre de recherches auxquelles l'assistant public a répondu, selon le thème choisi et le territoire "
        "de la commune indiquée. Seuls le jour, le thème et le territoire sont conservés.",
        "somme des compteurs journaliers (indicators_assistantsearchlog)",
        ("compteur anonyme des recherches de l'assistant (indicators_assistantsearchlog)",),
        "recherches",
        ("thème", "territoire"),
    ),
    Indicator(
        "PUB-2",
        "public",
        "Demandes de rappel en ligne",
        "Demandes « être rappelé·e » faites sur le site public, adressées aux structures du périmètre.",
        "nombre de fiches navettes d'origine « demande de rappel en ligne » envoyées dans la période",
        (REFERRALS,),
        "demandes",
        ("thème", "territoire de la structure"),
    ),
]
# The person's voice (apps.feedback): its family and indicators live in their own module.
FAMILIES.append(VOICE_FAMILY)
CATALOGUE.extend(VOICE_INDICATORS)

BY_CODE = {indicator.code: indicator for indicator in CATALOGUE}


def by_family() -> list[tuple[Family, list[Indicator]]]:
    return [(family, [i for i in CATALOGUE if i.family == family.code]) for family in FAMILIES]

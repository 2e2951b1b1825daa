"""The indicators of the person's voice (family "voice"), added to the catalogue by catalogue.py."""

from .catalogue_entries import Family, Indicator

FOLLOW_UPS = "suivis envoyés et réponses anonymes (feedback_followuptally, feedback_followupanswer)"

VOICE_FAMILY = Family(
    "voice",
    "Parole des usagers",
    "Les personnes ont-elles trouvé la bonne porte, et que disent-elles du service rendu ?",
)

VOICE_INDICATORS = [
    Indicator(
        "USA-1",
        "voice",
        "Taux de réponse au suivi des personnes",
        "Quelques semaines après la fin d'une fiche navette, les personnes qui l'ont accepté (au premier accueil, "
        "sur la demande de rappel ou sur la fiche) reçoivent 4 questions par e-mail, avec une seule relance. "
        "Part des questionnaires envoyés qui ont reçu une réponse.",
        "réponses ÷ questionnaires envoyés, par mois d'envoi, territoire de la structure qui a reçu la fiche",
        (FOLLOW_UPS,),
        "%",
        ("territoire", "mois"),
        note="Une réponse ne garde que le territoire, le réseau de la structure et le mois : jamais la personne "
        "ni la fiche navette.",
    ),
    Indicator(
        "USA-2",
        "voice",
        "Ce que disent les personnes suivies",
        "Réponses aux 4 questions du suivi : réponse obtenue, bon endroit, et depuis, conseillerait le service.",
        "nombre de réponses par choix ÷ réponses au suivi",
        (FOLLOW_UPS,),
        "réponses",
        ("question", "territoire"),
    ),
    Indicator(
        "USA-3",
        "voice",
        "« Cette page vous a aidé ? »",
        "Réponses Oui / Non données en bas des pages publiques et de la réponse de l'assistant, par page et par "
        "territoire (celui de la structure de la page, ou de la commune cherchée). Un commentaire facultatif, "
        "refusé s'il contient une adresse e-mail, un numéro de téléphone ou une longue suite de chiffres.",
        "réponses « Oui » ÷ réponses",
        ("avis anonymes sur les pages (feedback_pagefeedback)",),
        "%",
        ("page", "territoire"),
    ),
    Indicator(
        "USA-4",
        "voice",
        "Réponses aux consultations du public",
        "Personnes qui ont répondu à une consultation menée par un·e coordinateur·rice (forum, réunion publique), "
        "sur papier puis saisie, ou en ligne sur une tablette.",
        "nombre de réponses enregistrées dans la période",
        ("consultations du public (feedback_consultationresponse)",),
        "réponses",
        ("consultation", "territoire"),
    ),
]

"""What the privacy page says about each kind of data: built from the settings the code applies."""

from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class DataKind:
    kind: str
    content: str
    who: str
    retention: str


def duration(days: int) -> str:
    """90 → "3 mois", 365 → "1 an", 45 → "45 jours": the words the page uses for a setting in days."""
    if days % 365 == 0:
        years = days // 365
        return f"{years} an{'s' if years > 1 else ''}"
    if days % 30 == 0:
        return f"{days // 30} mois"
    return f"{days} jours"


def data_kinds() -> list[DataKind]:
    person_data = (
        f"effacé{{}} {duration(settings.SPRO_CONTACT_RETENTION_DAYS)} après la fin de l'échange, au plus tard "
        f"{duration(settings.SPRO_CONTACT_MAX_DAYS)} après l'envoi de la fiche, ou dès votre demande d'effacement"
    )
    both = "Les deux structures concernées seulement ; chaque consultation est enregistrée (qui, quand)"
    return [
        DataKind(
            "Recherche et assistant « Quelle porte pour moi ? »",
            "Commune, situation, âge, question : servent à trouver les portes, ne sont pas enregistrés ; "
            "un compteur anonyme par jour, thème et territoire",
            "Personne (le compteur : la Région, en chiffres agrégés)",
            "Rien n'est conservé sur vous",
        ),
        DataKind(
            "Premier accueil",
            "Date, canal, tranche d'âge, situation, commune, thèmes, suite donnée, sexe si vous l'indiquez ; "
            "jamais de nom, de coordonnées ni de commentaire",
            "La structure qui vous accueille ; la Région et les coordinateur·rices en chiffres agrégés",
            "Faits anonymes conservés pour les indicateurs",
        ),
        DataKind(
            "Vos coordonnées (fiche navette, demande de rappel)",
            "Prénom, téléphone ou e-mail, texte et date de votre accord",
            both,
            person_data.format("es").capitalize(),
        ),
        DataKind(
            "Votre besoin et les précisions des étapes",
            "Le texte libre de la demande et les précisions notées par les structures (refus, clôture)",
            both,
            person_data.format("s").capitalize(),
        ),
        DataKind(
            "Faits anonymes de la fiche navette",
            "Situation, tranche d'âge, commune, thème, étapes datées, motif de refus, issue",
            "Les deux structures ; la Région et les coordinateur·rices en chiffres agrégés",
            "Conservés pour les indicateurs : ils ne permettent pas de vous identifier",
        ),
        DataKind(
            "Questionnaire de suivi après une fiche navette (si vous l'acceptez)",
            "En attendant votre réponse : le rattachement à votre fiche navette, où et quand vous avez accepté, les "
            "dates d'envoi et de relance, le code secret du lien à usage unique. Votre e-mail n'est pas recopié : "
            "il est lu sur la fiche au moment d'envoyer les 4 questions "
            f"({settings.SPRO_FOLLOW_UP_DELAY_DAYS} jours après la fin de la fiche, au plus une relance "
            f"{settings.SPRO_FOLLOW_UP_REMINDER_DAYS} jours plus tard). Votre réponse : le territoire et le réseau "
            "de la structure qui vous a reçu·e, le mois d'envoi et vos 4 réponses, rien d'autre",
            "Personne : l'envoi est automatique ; la Région et les coordinateur·rices voient les réponses en chiffres "
            "agrégés",
            "Dès votre réponse, le suivi (rattachement à la fiche, code du lien) et les e-mails de suivi gardés par "
            "la plateforme (votre adresse) sont effacés : la réponse ne permet pas de vous retrouver. Sans réponse, "
            f"le suivi est supprimé {duration(settings.SPRO_FOLLOW_UP_ANSWER_DAYS)} après l'envoi, dès l'annulation "
            "de la fiche ou dès l'effacement de vos coordonnées ; l'adresse, l'objet et la date des e-mails "
            f"envoyés restent {duration(settings.SPRO_EMAIL_SENT_RETENTION_DAYS)} "
            f"({duration(settings.SPRO_EMAIL_FAILED_RETENTION_DAYS)} si l'envoi a échoué)",
        ),
        DataKind(
            "« Cette page vous a aidé ? » et consultations du public",
            "Oui ou non, la page, le jour (le mois pour une consultation), votre commentaire ou vos réponses s'ils "
            "ne contiennent ni e-mail, ni téléphone, ni longue suite de chiffres ; rien sur vous",
            "La Région et les coordinateur·rices, en chiffres agrégés ; les commentaires, sans nom",
            "Conservés pour les indicateurs : ils ne permettent pas de vous identifier",
        ),
        DataKind(
            "Journal des accès à vos données",
            "Qui a consulté ou effacé vos coordonnées ou votre besoin, quand, par quel moyen",
            "L'administration régionale",
            f"{duration(settings.SPRO_ACCESS_LOG_RETENTION_DAYS).capitalize()}, puis supprimé",
        ),
        DataKind(
            "Comptes des professionnel·les",
            "E-mail professionnel, nom, prénom, structures de rattachement, désignations, historique des "
            "modifications de l'annuaire (qui, quand, quoi)",
            "L'administration régionale ; votre prénom aux structures avec qui vous échangez une fiche navette, "
            "votre nom aux organisateur·rices des sessions où vous êtes inscrit·e et, pour les coordinateur·rices, "
            "dans l'annuaire public des coordinateur·rices",
            f"Tant que le compte est actif ; supprimé {duration(settings.SPRO_ACCOUNT_RETENTION_DAYS)} après sa "
            "désactivation (anonymisé s'il reste lié à une désignation ou à une inscription à une session)",
        ),
        DataKind(
            "Journal des connexions des professionnel·les",
            "Adresse IP, navigateur, date de chaque connexion et de chaque essai de mot de passe erroné",
            "Les administrateur·rices techniques de la plateforme",
            f"{duration(settings.SPRO_LOGIN_LOG_RETENTION_DAYS).capitalize()}, puis supprimé",
        ),
    ]

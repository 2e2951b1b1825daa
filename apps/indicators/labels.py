"""French labels of the codes the measures return, in a stable order."""

from apps.directory.models import Network, Service, Status, Theme
from apps.geo.models import Territory
from apps.orientation.models import Reception, Referral

SEX = {"f": "Femme", "m": "Homme", "": "Non renseigné"}
ANSWERS = {
    "on_spot": "Réponse immédiate (information, documentation)",
    "appointment": "Rendez-vous dans la structure",
    "referred": "Réorientation vers un partenaire",
    "unknown": "Suite non renseignée",
}
STEPS = {
    "total": "Fiches navettes envoyées",
    "received": "Prises en compte (lues ou traitées)",
    "accepted": "Acceptées",
    "declined": "Refusées",
    "contacted": "Personne contactée",
    "appointment_held": "Premier rendez-vous tenu",
    "no_show": "Absence au premier rendez-vous",
    "closed": "Clôturées avec une issue",
    "cancelled": "Annulées par l'expéditeur",
}
RATES = {
    "acceptance": "Taux d'acceptation (acceptées ÷ envoyées)",
    "decline": "Taux de refus (refusées ÷ envoyées)",
    "contact": "Personnes contactées (÷ acceptées)",
    "appointment": "Premiers rendez-vous tenus (÷ acceptées)",
    "no_show": "Absences au rendez-vous (÷ rendez-vous tenus ou manqués)",
    "closed_loop": "Taux de boucle bouclée (refusées ou clôturées ÷ envoyées non annulées)",
}
DELAYS = {
    "delay_ack": "De l'envoi à la prise en compte",
    "delay_answer": "De l'envoi à la réponse (acceptation ou refus)",
    "delay_contact": "De l'acceptation à la prise de contact",
    "delay_appointment": "De l'envoi au premier rendez-vous tenu",
}
BREAKDOWNS = {
    "channel": "canal",
    "status": "situation",
    "age_band": "tranche d'âge",
    "sex": "sexe",
    "theme": "thème de la demande",
    "residence": "territoire de résidence",
    "cep_level": "niveau du CEP visé",
    "structure": "structure",
    "network": "réseau",
    "territory": "territoire de la structure",
}
NO_VALUE = {
    "status": "Situation non renseignée",
    "theme": "Thème non renseigné",
    "residence": "Commune non renseignée ou hors région",
    "network": "Sans réseau",
    "territory": "Sans territoire",
    "structure": "Structure inconnue",
}


class Labels:
    """Labels and order of every code, read once per request from the vocabularies."""

    def __init__(self):
        self._cache = {}

    def _vocabulary(self, name):
        if name not in self._cache:
            if name == "status":
                rows = Status.objects.order_by("position", "label").values_list("code", "label")
            elif name == "theme":
                rows = Theme.objects.order_by("position", "label").values_list("code", "label")
            elif name == "network":
                rows = Network.objects.order_by("position", "label").values_list("pk", "label")
            elif name in ("territory", "residence_by_id"):
                rows = Territory.objects.order_by("departement_id", "name").values_list("pk", "name")
            elif name == "residence":
                rows = Territory.objects.order_by("departement_id", "name").values_list("code", "name")
            else:
                raise KeyError(name)
            self._cache[name] = dict(rows)
        return self._cache[name]

    def choices(self, dimension: str) -> dict:
        """{code: label} in display order, for the dimensions with a fixed list."""
        if dimension == "channel":
            return dict(Reception.Channel.choices)
        if dimension == "age_band":
            return dict(Reception.AgeBand.choices)
        if dimension == "sex":
            return SEX
        if dimension == "cep_level":
            return {str(value): label for value, label in Service.CepLevel.choices}
        if dimension == "answer":
            return ANSWERS
        if dimension == "decline_reason":
            return dict(Referral.DeclineReason.choices)
        if dimension == "outcome":
            return dict(Referral.Outcome.choices)
        if dimension == "origin":
            return dict(Referral.Origin.choices)
        if dimension in ("status", "theme", "network", "territory", "residence"):
            return self._vocabulary(dimension)
        return {}

    def label(self, dimension: str, code, structures=None) -> str:
        if dimension == "structure":
            info = (structures or {}).get(code)
            return info.name if info else NO_VALUE["structure"]
        if code in (None, "") and dimension in NO_VALUE:
            return NO_VALUE[dimension]
        return self.choices(dimension).get(code, str(code) if code not in (None, "") else "Non renseigné")

    def ordered(self, dimension: str, counts: dict, structures=None) -> list[tuple]:
        """(code, label, n) rows: the fixed order for known lists, else by decreasing count; empty codes last."""
        known = self.choices(dimension) if dimension != "structure" else {}
        rows = []
        for code in known:
            if code in counts or dimension in ("channel", "age_band", "sex", "answer", "decline_reason"):
                rows.append((code, self.label(dimension, code, structures), counts.get(code, 0)))
        others = [code for code in counts if code not in known]
        others.sort(key=lambda code: (code in (None, ""), -counts[code], self.label(dimension, code, structures)))
        rows += [(code, self.label(dimension, code, structures), counts[code]) for code in others]
        return rows

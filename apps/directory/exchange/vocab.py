"""Mapping tables between the SPRO vocabularies and the data·inclusion v1 vocabularies.

Sources:
- SPRO codes (statuses, themes, networks): regions/<code>/vocabularies.json (the region pack),
  written for this project from the SPRO seed documents.
- data·inclusion v1 values: apps/api/schemas/data-inclusion-v1/extra/*.json (publics.json,
  thematiques.json, reseaux-porteurs.json, frais.json, modes-accueil.json,
  modes-mobilisation.json), copied from gip-inclusion/data-inclusion-schema tag v1.0.8,
  Licence Ouverte 2.0 (see LICENSE.md next to them).

data·inclusion has no pupil, apprentice or employee public, no CIO, APEC, Transitions Pro,
CRIA or PRC-VAE network and no VAE, skills-assessment or school-orientation theme: each SPRO
code goes to its nearest data·inclusion value(s); codes with no sensible match are omitted.
The reverse tables (used by the import) are explicit rather than computed, so that a broad
data·inclusion value does not tag an imported service with every SPRO code that maps to it.
"""

SOURCE = "spro-cvl"
ID_SEPARATOR = "--"

# Statuses (spro-vocabularies.json "statuses" + the "handicap" flag) → publics.json
STATUS_TO_PUBLIC = {
    "collegien": "jeunes",
    "lyceen": "jeunes",
    "apprenti": "jeunes",
    "jeune-sans-solution": "jeunes",
    "etudiant": "etudiants",
    "demandeur-emploi": "demandeurs-emploi",
    "salarie": "actifs",
    "cadre": "actifs",
    "agent-public": "actifs",
    "independant": "actifs",
    "parent": "familles",
    "handicap": "personnes-en-situation-de-handicap",
    # "sans-activite": no data·inclusion public matches.
}
ALL_PUBLICS = "tous-publics"

# publics.json → SPRO statuses (import). "tous-publics" means no status tag (= every status).
PUBLIC_TO_STATUSES = {
    "jeunes": ["jeune-sans-solution", "collegien", "lyceen", "apprenti"],
    "etudiants": ["etudiant"],
    "demandeurs-emploi": ["demandeur-emploi"],
    "actifs": ["salarie", "cadre", "agent-public", "independant"],
    "familles": ["parent"],
    "personnes-en-situation-de-handicap": ["handicap"],
}

# Themes (spro-vocabularies.json "themes") → thematiques.json
THEME_TO_THEMATIQUES = {
    "decouvrir-metiers": ["choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite"],
    "choisir-orientation": ["choisir-un-metier--confirmer-son-choix-de-metier", "se-former--trouver-sa-formation"],
    "reprendre-formation": ["se-former--trouver-sa-formation"],
    "trouver-emploi": [
        "trouver-un-emploi--repondre-a-des-offres-demploi",
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    ],
    "alternance": ["se-former--trouver-sa-formation", "trouver-un-emploi--faire-des-candidatures-spontanees"],
    "trouver-stage": ["trouver-un-emploi--faire-des-candidatures-spontanees"],
    "changer-metier": ["choisir-un-metier--connaitre-les-opportunites-demploi"],
    "evoluer-emploi": ["trouver-un-emploi--maintien-dans-lemploi"],
    "financer-formation": ["se-former--monter-son-dossier-de-formation"],
    "vae": ["preparer-sa-candidature--valoriser-ses-competences"],
    "bilan-competences": ["choisir-un-metier--identifier-ses-points-forts-et-ses-competences"],
    "creer-entreprise": ["creer-une-entreprise--definir-son-projet-de-creation-dentreprise"],
    "emploi-handicap": ["trouver-un-emploi--maintien-dans-lemploi"],
    "savoirs-de-base": [
        "lecture-ecriture-calcul--maitriser-le-francais",
        "lecture-ecriture-calcul--maitriser-le-calcul",
    ],
    "droits-egalite": ["difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination"],
    "mobilite": ["souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger"],
}

# thematiques.json (exact value, or "category--" prefix) → SPRO themes (import)
THEMATIQUE_TO_THEMES = {
    "choisir-un-metier--confirmer-son-choix-de-metier": ["choisir-orientation"],
    "choisir-un-metier--connaitre-les-opportunites-demploi": ["changer-metier"],
    "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite": ["decouvrir-metiers"],
    "choisir-un-metier--identifier-ses-points-forts-et-ses-competences": ["bilan-competences"],
    "creer-une-entreprise--": ["creer-entreprise"],
    "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination": ["droits-egalite"],
    "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits": ["droits-egalite"],
    "lecture-ecriture-calcul--": ["savoirs-de-base"],
    "preparer-sa-candidature--": ["trouver-emploi"],
    "se-former--trouver-sa-formation": ["choisir-orientation", "reprendre-formation"],
    "se-former--monter-son-dossier-de-formation": ["financer-formation"],
    "souvrir-a-linternational--": ["mobilite"],
    "trouver-un-emploi--maintien-dans-lemploi": ["evoluer-emploi"],
    "trouver-un-emploi--": ["trouver-emploi"],
}

# Networks (spro-vocabularies.json "networks") → reseaux-porteurs.json
NETWORK_TO_RESEAU = {
    "mission-locale": "mission-locale",
    "france-travail": "france-travail",
    "cap-emploi": "cap-emploi-reseau-cheops",
    "information-jeunesse": "reseau-information-jeunesse",
    "maison-emploi": "maisons-de-l-emploi",
    "cidff": "cidff",
    "cci": "chambres-consulaires",
    "cma": "chambres-consulaires",
    "chambre-agriculture": "chambres-consulaires",
}
# reseaux-porteurs.json → SPRO network (import); "chambres-consulaires" is ambiguous, so left out.
RESEAU_TO_NETWORK = {
    "mission-locale": "mission-locale",
    "france-travail": "france-travail",
    "cap-emploi-reseau-cheops": "cap-emploi",
    "reseau-information-jeunesse": "information-jeunesse",
    "maisons-de-l-emploi": "maison-emploi",
    "cidff": "cidff",
}

# Service.access_modes → modes-mobilisation.json ("online" only when a link exists)
ACCESS_TO_MOBILISATION = {
    "walk-in": "se-presenter",
    "appointment": "telephoner",
    "phone": "telephoner",
    "email": "envoyer-un-courriel",
    "online": "utiliser-lien-mobilisation",
}
MOBILISATION_TO_ACCESS = {
    "se-presenter": "walk-in",
    "telephoner": "phone",
    "envoyer-un-courriel": "email",
    "utiliser-lien-mobilisation": "online",
}

# modes-accueil.json
ON_SITE = "en-presentiel"
REMOTE = "a-distance"

# zone_eligibilite: "france" or the country code of France (COG) mean the whole country.
FRANCE_CODES = {"france", "99100"}


def unique(values) -> list:
    """The values in their first order, without duplicates or empties."""
    return list(dict.fromkeys(v for v in values if v))


def publics_for(status_codes: list[str], all_status_codes: set[str]) -> list[str]:
    """No status, or every status, means the service is for everyone."""
    if not status_codes or all_status_codes.issubset(status_codes):
        return [ALL_PUBLICS]
    publics = unique(STATUS_TO_PUBLIC.get(code) for code in status_codes)
    return publics or [ALL_PUBLICS]


def thematiques_for(theme_codes: list[str]) -> list[str]:
    return unique(t for code in theme_codes for t in THEME_TO_THEMATIQUES.get(code, []))


def themes_for(thematiques: list[str]) -> list[str]:
    codes = []
    for value in thematiques:
        key = value if value in THEMATIQUE_TO_THEMES else value.split(ID_SEPARATOR)[0] + ID_SEPARATOR
        codes += THEMATIQUE_TO_THEMES.get(key, [])
    return unique(codes)


def statuses_for(publics: list[str]) -> list[str]:
    return unique(code for value in publics for code in PUBLIC_TO_STATUSES.get(value, []))


def mobilisation_for(access_modes: list[str], has_link: bool) -> list[str]:
    modes = [ACCESS_TO_MOBILISATION.get(m) for m in access_modes]
    return unique(m for m in modes if m != "utiliser-lien-mobilisation" or has_link)


def access_modes_for(modes_mobilisation: list[str]) -> list[str]:
    return unique(MOBILISATION_TO_ACCESS.get(m) for m in modes_mobilisation)

"""Reading an LHEO 2.3 feed: streamed (lxml iterparse), each `formation` validated against the schema.

The file is read once, element by element; each `formation` is checked against the LHEO 2.3 XML Schema
(a global element of the schema) and turned into plain rows, then cleared. Every problem is named in
French with its line and element; nothing is written here (services.import_offer writes, all or nothing).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path

from lxml import etree

NS = "http://lheo.gouv.fr/2.3"
Q = f"{{{NS}}}"
SCHEMA_FILE = Path(__file__).resolve().parent / "data" / "lheo" / "lheo.xsd"
MAX_ERRORS = 50  # a broken feed repeats its error thousands of times: the first ones say enough


@cache
def schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMA_FILE)))


@dataclass
class SessionRow:
    session_id: str
    start: date
    end: date | None
    commune_code: str
    town: str
    address: str
    latitude: float | None
    longitude: float | None


@dataclass
class TrainingRow:
    line: int
    formation_id: str
    action_id: str
    title: str
    objective: str
    content: str
    certifying: bool
    rncp_code: str
    formacode: str
    formacode_version: str
    romes: list[tuple[str, str]]
    level: str
    teaching_mode: int
    alternance: bool
    hours: int | None
    cost_eur: Decimal | None
    funding_possible: bool
    financer_codes: list[str]
    url: str
    provider_siret: str
    provider_name: str
    provider_activity: str
    provider_town: str
    sessions: list[SessionRow] = field(default_factory=list)


class FeedError(Exception):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else str(tag)


_ELEMENT = re.compile(r"Element '\{[^}]*\}([\w-]+)'(?:, attribute '([\w-]+)')?: ")
_EXPECTED = re.compile(r"Expected is(?: one of)? \( ([^)]*) \)")
_VALUE = re.compile(r"The value '([^']*)'|'([^']*)' is not a valid value")


def french_message(line: int, message: str) -> str:
    """A libxml2 schema message in French, naming the line and the element."""
    match = _ELEMENT.search(message)
    element = match.group(1) if match else ""
    where = f"Ligne {line}, élément <{element}>" if element else f"Ligne {line}"
    expected = _EXPECTED.search(message)
    expected_names = ", ".join(f"<{_local(e.strip())}>" for e in expected.group(1).split(",")) if expected else ""
    value = _VALUE.search(message)
    value_text = (value.group(1) if value.group(1) is not None else value.group(2)) if value else ""
    if "Missing child element" in message:
        return f"{where} : il manque l'élément {expected_names} (obligatoire dans le schéma LHEO 2.3)."
    if "This element is not expected" in message:
        hint = f" ; attendu ici : {expected_names}" if expected_names else ""
        return f"{where} : élément inattendu à cet endroit{hint}."
    if "[facet 'enumeration']" in message:
        return f"{where} : la valeur « {value_text} » ne fait pas partie des codes autorisés par LHEO 2.3."
    if "[facet" in message or "is not a valid value" in message:
        return f"{where} : la valeur « {value_text} » n'a pas le format attendu par le schéma LHEO 2.3."
    if match and match.group(2):
        return f"{where}, attribut « {match.group(2)} » : valeur refusée par le schéma LHEO 2.3."
    return f"{where} : le fichier ne respecte pas le schéma LHEO 2.3 ({message})."


def _text(element, path: str) -> str:
    return (element.findtext(path) or "").strip()


def _children(element) -> dict:
    """The first child of each name, found in one pass (a findtext per field costs more than the parse)."""
    children: dict = {}
    for child in element:
        children.setdefault(child.tag, child)
    return children


def _own(children: dict, name: str) -> str:
    child = children.get(Q + name)
    return (child.text or "").strip() if child is not None and child.text else ""


@cache
def _p(path: str) -> str:
    """'a/b' → '{ns}a/{ns}b'."""
    return "/".join(Q + part for part in path.split("/"))


def _date(value: str) -> date | None:
    """LHEO dates are AAAAMMJJ; 00000000 and 99999999 mean 'unknown'."""
    if len(value) != 8 or not value.isdigit() or value in ("00000000", "99999999"):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _float(value: str) -> float | None:
    try:
        return float(value.replace(",", "."))
    except ValueError:
        return None


def _address(adresse) -> tuple[str, str, str, float | None, float | None]:
    if adresse is None:
        return "", "", "", None, None
    children = _children(adresse)
    lines = " ".join((line.text or "").strip() for line in adresse.iterchildren(Q + "ligne"))
    return (
        _own(children, "code-INSEE-commune"),
        _own(children, "ville"),
        lines,
        _float(_text(adresse, _p("geolocalisation/latitude"))),
        _float(_text(adresse, _p("geolocalisation/longitude"))),
    )


def _formation_values(formation, children: dict) -> dict:
    """What the actions of a formation share: title, codes, certification, provider."""
    domain = children[Q + "domaine-formation"]
    formacodes = domain.findall(Q + "code-FORMACODE")
    romes = []
    for rome in domain.iterchildren(Q + "code-ROME"):
        code = (rome.text or "").strip().upper()
        if code and code not in [c for c, _ in romes]:
            romes.append((code, rome.get("ref", "")))
    certification = children.get(Q + "certification")
    organisme = _children(children[Q + "organisme-formation-responsable"])
    siret = organisme[Q + "SIRET-organisme-formation"]
    provider_address = organisme.get(Q + "coordonnees-organisme")
    url = children.get(Q + "url-formation")
    return {
        "formation_id": formation.get("numero", ""),
        "title": _own(children, "intitule-formation")[:255],
        "objective": _own(children, "objectif-formation"),
        "content": _own(children, "contenu-formation"),
        "certifying": _own(children, "certifiante") == "1",
        "rncp_code": _text(certification, _p("code-RNCP")) if certification is not None else "",
        "formacode": (formacodes[0].text or "").strip() if formacodes else "",
        "formacode_version": formacodes[0].get("ref", "") if formacodes else "",
        "romes": romes,
        "level": _own(children, "code-niveau-sortie"),
        "url": _text(url, _p("urlweb"))[:400] if url is not None else "",
        "provider_siret": _text(siret, _p("SIRET")),
        "provider_name": _own(organisme, "nom-organisme")[:250],
        "provider_activity": _own(organisme, "numero-activite")[:20],
        "provider_town": (
            _text(provider_address, _p("coordonnees/adresse/ville"))[:100] if provider_address is not None else ""
        ),
    }


def _rows(formation, errors: list[str]) -> list[TrainingRow]:
    """The actions of one validated formation, each with its sessions."""
    children = _children(formation)
    common = _formation_values(formation, children)
    rows = []
    for action in formation.iterchildren(Q + "action"):
        line = action.sourceline
        action_id = action.get("numero", "")
        if not action_id:
            errors.append(f"Ligne {line}, élément <action> : l'attribut « numero » manque (il identifie l'action).")
            continue
        fields = _children(action)
        place_element = fields.get(Q + "lieu-de-formation")
        place = _address(place_element.find(_p("coordonnees/adresse")) if place_element is not None else None)
        cost = _own(fields, "prix-total-TTC")
        hours = _own(fields, "nombre-heures-total")
        try:
            cost_eur = Decimal(cost.replace(",", ".")) if cost else None
        except InvalidOperation:
            cost_eur = None
        row = TrainingRow(
            line=line,
            action_id=action_id,
            teaching_mode=int(_own(fields, "modalites-enseignement") or 0),
            alternance=_own(fields, "modalites-alternance") not in ("", "-", "0"),
            hours=int(hours) if hours.isdigit() else None,
            cost_eur=cost_eur,
            funding_possible=_own(fields, "prise-en-charge-frais-possible") == "1",
            financer_codes=[
                (code.text or "").strip() for code in action.iterfind(_p("organisme-financeur/code-financeur"))
            ],
            **common,
        )
        code, town, address, lat, lon = place  # a session is held at its action's place
        for session in action.iterchildren(Q + "session"):
            periode = _children(session.find(Q + "periode"))
            start_text = _own(periode, "debut")
            start = _date(start_text)
            if start is None:
                errors.append(
                    f"Ligne {session.sourceline}, élément <session> : la date de début « {start_text} » "
                    "n'est pas une date AAAAMMJJ connue."
                )
                continue
            row.sessions.append(
                SessionRow(
                    session_id=session.get("numero", ""),
                    start=start,
                    end=_date(_own(periode, "fin")),
                    commune_code=code,
                    town=town[:100],
                    address=address[:250],
                    latitude=lat,
                    longitude=lon,
                )
            )
        rows.append(row)
    return rows


def count_formations(path: Path) -> int:
    """A quick count of the `<formation` tags, for the progress bar (bytes, not parsed)."""
    count, tail = 0, b""
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            data = tail + chunk
            count += len(re.findall(rb"<(?:\w+:)?formation[\s>]", data))
            tail = data[-20:]
            count -= len(re.findall(rb"<(?:\w+:)?formation[\s>]", tail))
    return count


def read_feed(path: Path, on_progress: Callable[[int], None] | None = None, every: int = 250) -> list[TrainingRow]:
    """Every action of the feed as rows, or FeedError with every problem found (line and element)."""
    errors: list[str] = []
    rows: list[TrainingRow] = []
    xsd = schema()
    seen_actions: dict[str, int] = {}
    count = 0
    try:
        context = etree.iterparse(str(path), events=("end",), tag=Q + "formation", huge_tree=True, remove_comments=True)
        for _event, element in context:
            count += 1
            if not xsd.validate(element):
                for entry in xsd.error_log:
                    errors.append(french_message(entry.line, entry.message))
            elif len(errors) < MAX_ERRORS:
                for row in _rows(element, errors):
                    if row.action_id in seen_actions:
                        errors.append(
                            f"Ligne {row.line}, élément <action> : le numéro « {row.action_id} » est déjà celui "
                            f"de l'action de la ligne {seen_actions[row.action_id]}."
                        )
                        continue
                    seen_actions[row.action_id] = row.line
                    rows.append(row)
            element.clear(keep_tail=False)
            while element.getprevious() is not None:
                del element.getparent()[0]
            if len(errors) >= MAX_ERRORS:
                errors.append(f"Lecture arrêtée après {MAX_ERRORS} erreurs : corrigez-les puis relancez l'import.")
                break
            if on_progress and count % every == 0:
                on_progress(count)
    except etree.XMLSyntaxError as error:
        errors.append(f"Ligne {error.lineno} : le fichier n'est pas un XML bien formé ({error.msg}).")
    if not errors:
        root = context.root
        if root is None or root.tag != Q + "lheo":
            name = _local(root.tag) if root is not None else ""
            errors.append(
                f"Ligne {root.sourceline if root is not None else 1}, élément <{name}> : un flux LHEO 2.3 commence "
                f'par <lheo xmlns="{NS}">.'
            )
        elif count == 0:
            errors.append("Ligne 1, élément <offres> : le flux ne contient aucune <formation>.")
    if errors:
        raise FeedError(errors)
    if on_progress:
        on_progress(count)
    return rows

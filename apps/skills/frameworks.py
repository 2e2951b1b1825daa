"""Frameworks as data: read from a JSON file (the repository's data/ folder, a command) or from the text the
Région and the support team edit on screen; validated all-or-nothing, with French messages that name the
field or the line; saved as a new version (the previous one stays, with the answers given against it).

The on-screen text format, one item per line:

    Niveau 1 | Découverte | Je connais cette compétence mais je ne l'ai pas encore mise en pratique.
    ## I | Accueil - Recueil de la demande d'un usager
    Résumé : L'usager et... sa demande
    - I.1 | Sensibiliser un usager aux objectifs d'un service public
    - Une nouvelle compétence (sans clé : une clé lui est donnée)
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from apps.core import region_pack

from .models import Skill, SkillDomain, SkillFramework, SkillLevel

KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,29}$")


class FrameworkError(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class DomainSpec:
    number: str
    title: str
    summary: str = ""
    skills: list[tuple[str, str]] = field(default_factory=list)  # (key, label)


@dataclass
class FrameworkSpec:
    code: str
    title: str
    audience: str = ""
    source: str = ""
    strong_level: int = 3
    levels: list[tuple[int, str, str]] = field(default_factory=list)  # (value, label, statement)
    domains: list[DomainSpec] = field(default_factory=list)

    def content(self) -> tuple:
        """What a version is made of: two specs with the same content need no new version."""
        return (
            self.title,
            self.audience,
            self.source,
            self.strong_level,
            tuple(self.levels),
            tuple((d.number, d.title, d.summary, tuple(d.skills)) for d in self.domains),
        )


def _text(value, where: str, errors: list[str], max_length: int, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        errors.append(f"{where} : un texte est attendu.")
        return ""
    value = " ".join(value.split())
    if required and not value:
        errors.append(f"{where} : ce champ est obligatoire.")
    elif len(value) > max_length:
        errors.append(f"{where} : {max_length} caractères au plus ({len(value)} donnés).")
    return value


def _check(spec: FrameworkSpec, errors: list[str], where=lambda what: what) -> FrameworkSpec:
    """The rules every framework obeys, whatever its source; keys missing are given here."""
    values = [value for value, _, _ in spec.levels]
    if len(values) < 2:
        errors.append(where("niveaux") + " : l'échelle compte au moins deux niveaux.")
    elif sorted(values) != list(range(1, len(values) + 1)):
        errors.append(where("niveaux") + " : les niveaux vont de 1 à N sans trou ni doublon.")
    elif not 1 <= spec.strong_level <= len(values):
        errors.append(f"niveau pour aider un·e collègue : entre 1 et {len(values)}.")
    if not spec.domains:
        errors.append(where("domaines") + " : le référentiel compte au moins un domaine.")
    seen: set[str] = set()
    for domain in spec.domains:
        if not domain.skills:
            errors.append(where(f"domaine « {domain.title} »") + " : aucune compétence.")
        for key, label in domain.skills:
            if not key:
                continue  # a new skill: its key is given when the version is saved (assign_keys)
            if key in seen:
                errors.append(where(f"compétence « {label} »") + f" : la clé {key} est déjà utilisée.")
            elif not KEY.match(key):
                errors.append(where(f"compétence « {label} »") + " : clé de 30 lettres, chiffres, points au plus.")
            seen.add(key)
    return spec


def parse_json(data, source_name: str = "fichier") -> FrameworkSpec:
    """A framework from its JSON form (data/*.json); FrameworkError lists every problem, with its path."""
    errors: list[str] = []
    if not isinstance(data, dict):
        raise FrameworkError([f"{source_name} : un objet JSON est attendu."])
    code = _text(data.get("code"), "code", errors, 60)
    if code and slugify(code) != code:
        errors.append("code : lettres minuscules, chiffres et tirets seulement.")
    spec = FrameworkSpec(
        code=code,
        title=_text(data.get("title"), "title", errors, 200),
        audience=_text(data.get("audience"), "audience", errors, 200, required=False),
        source=_text(data.get("source"), "source", errors, 2000, required=False),
    )
    strong = data.get("strong_level", 3)
    if not isinstance(strong, int):
        errors.append("strong_level : un nombre entier est attendu.")
    else:
        spec.strong_level = strong
    for i, level in enumerate(data.get("levels") or [], 1):
        where = f"levels[{i}]"
        if not isinstance(level, dict) or not isinstance(level.get("value"), int):
            errors.append(f"{where}.value : un nombre entier est attendu.")
            continue
        spec.levels.append(
            (
                level["value"],
                _text(level.get("label"), f"{where}.label", errors, 60),
                _text(level.get("statement"), f"{where}.statement", errors, 200),
            )
        )
    for i, domain in enumerate(data.get("domains") or [], 1):
        where = f"domains[{i}]"
        if not isinstance(domain, dict):
            errors.append(f"{where} : un objet est attendu.")
            continue
        spec_domain = DomainSpec(
            number=_text(domain.get("number"), f"{where}.number", errors, 10),
            title=_text(domain.get("title"), f"{where}.title", errors, 200),
            summary=_text(domain.get("summary"), f"{where}.summary", errors, 1000, required=False),
        )
        for j, skill in enumerate(domain.get("skills") or [], 1):
            skill = {"label": skill} if isinstance(skill, str) else skill
            if not isinstance(skill, dict):
                errors.append(f"{where}.skills[{j}] : un objet est attendu.")
                continue
            key = _text(skill.get("key"), f"{where}.skills[{j}].key", errors, 30, required=False)
            label = _text(skill.get("label"), f"{where}.skills[{j}].label", errors, 300)
            spec_domain.skills.append((key, label))
        spec.domains.append(spec_domain)
    _check(spec, errors)
    if errors:
        raise FrameworkError(errors)
    return spec


def parse_text(text: str, *, code: str, title: str, audience: str = "", source: str = "", strong_level: int = 3):
    """A framework from the on-screen text (module docstring); each error names its line."""
    errors: list[str] = []
    spec = FrameworkSpec(code=code, title=title, audience=audience, source=source, strong_level=strong_level)
    lines: dict[str, int] = {}  # what → line, for the checks made after reading
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if match := re.match(r"^niveau\s+(\d+)\s*\|\s*(.+?)\s*\|\s*(.+)$", line, re.IGNORECASE):
            label = _text(match.group(2), f"ligne {number}, nom du niveau", errors, 60)
            statement = _text(match.group(3), f"ligne {number}, énoncé du niveau", errors, 200)
            spec.levels.append((int(match.group(1)), label, statement))
            lines["niveaux"] = number
        elif line.startswith("##"):
            parts = [part.strip() for part in line[2:].split("|", 1)]
            if len(parts) != 2 or not parts[0] or not parts[1]:
                errors.append(f"ligne {number} : un domaine s'écrit « ## numéro | intitulé ».")
                continue
            spec.domains.append(
                DomainSpec(
                    number=_text(parts[0], f"ligne {number}, numéro du domaine", errors, 10),
                    title=_text(parts[1], f"ligne {number}, intitulé du domaine", errors, 200),
                )
            )
            lines[f"domaine « {spec.domains[-1].title} »"] = number
        elif line.lower().startswith("résumé :") or line.lower().startswith("résumé:"):
            if not spec.domains:
                errors.append(f"ligne {number} : un résumé suit la ligne « ## » de son domaine.")
                continue
            spec.domains[-1].summary = _text(line.split(":", 1)[1], f"ligne {number}, résumé", errors, 1000)
        elif line.startswith("-"):
            if not spec.domains:
                errors.append(f"ligne {number} : une compétence suit la ligne « ## » de son domaine.")
                continue
            body = line[1:].strip()
            key, label = "", body
            if "|" in body:
                key, label = (part.strip() for part in body.split("|", 1))
            label = _text(label, f"ligne {number}, compétence", errors, 300)
            spec.domains[-1].skills.append((key, label))
            lines[f"compétence « {label} »"] = number
        else:
            errors.append(
                f"ligne {number} : « {line[:40]} » n'est ni un niveau (« Niveau 1 | nom | énoncé »), ni un domaine "
                "(« ## numéro | intitulé »), ni un résumé (« Résumé : … »), ni une compétence (« - clé | libellé »)."
            )
    _check(spec, errors, where=lambda what: f"ligne {lines[what]}, {what}" if what in lines else what)
    if errors:
        raise FrameworkError(errors)
    return spec


def to_text(framework: SkillFramework) -> str:
    """A saved version in the on-screen format: the starting point of the next version."""
    out = [f"Niveau {lv.value} | {lv.label} | {lv.statement}" for lv in framework.levels.all()]
    for domain in framework.domains.prefetch_related("skills"):
        out += ["", f"## {domain.number} | {domain.title}"]
        if domain.summary:
            out.append(f"Résumé : {domain.summary}")
        out += [f"- {skill.key} | {skill.label}" for skill in domain.skills.all()]
    return "\n".join(out) + "\n"


def spec_of(framework: SkillFramework) -> FrameworkSpec:
    return FrameworkSpec(
        code=framework.code,
        title=framework.title,
        audience=framework.audience,
        source=framework.source,
        strong_level=framework.strong_level,
        levels=[(lv.value, lv.label, lv.statement) for lv in framework.levels.all()],
        domains=[
            DomainSpec(d.number, d.title, d.summary, [(s.key, s.label) for s in d.skills.all()])
            for d in framework.domains.prefetch_related("skills")
        ],
    )


def assign_keys(spec: FrameworkSpec, used: set[str]) -> None:
    """Give each new skill a key never used by any version of the framework: an old answer is only ever
    carried to the same skill, never to a new one that happens to take a removed skill's place."""
    used = used | {key for d in spec.domains for key, _ in d.skills if key}
    for domain in spec.domains:
        fixed = []
        for position, (key, label) in enumerate(domain.skills, 1):
            if not key:
                key, n = f"{domain.number}.{position}", 1
                while key in used:
                    n += 1
                    key = f"{domain.number}.{position}-{n}"
                used.add(key)
            fixed.append((key, label))
        domain.skills = fixed


def current(code: str) -> SkillFramework | None:
    return SkillFramework.objects.filter(code=code, is_current=True).first()


@transaction.atomic
def save_version(spec: FrameworkSpec, *, by=None, note: str = "") -> tuple[SkillFramework, bool]:
    """The spec as the new current version of its code; (framework, created). The same content as the
    current version creates nothing. Older versions and their answers are kept as they are."""
    existing = list(SkillFramework.objects.select_for_update().filter(code=spec.code))
    assign_keys(spec, set(Skill.objects.filter(domain__framework__code=spec.code).values_list("key", flat=True)))
    now_current = next((fw for fw in existing if fw.is_current), None)
    if now_current is not None and spec_of(now_current).content() == spec.content():
        return now_current, False
    SkillFramework.objects.filter(code=spec.code, is_current=True).update(is_current=False)
    framework = SkillFramework.objects.create(
        code=spec.code,
        version=max((fw.version for fw in existing), default=0) + 1,
        title=spec.title,
        audience=spec.audience,
        source=spec.source,
        strong_level=spec.strong_level,
        note=note,
        created_by=by,
        is_current=True,
    )
    SkillLevel.objects.bulk_create(
        SkillLevel(framework=framework, value=v, label=label, statement=statement)
        for v, label, statement in spec.levels
    )
    for position, domain_spec in enumerate(spec.domains, 1):
        domain = SkillDomain.objects.create(
            framework=framework,
            position=position,
            number=domain_spec.number,
            title=domain_spec.title,
            summary=domain_spec.summary,
        )
        Skill.objects.bulk_create(
            Skill(domain=domain, position=i, key=key, label=label)
            for i, (key, label) in enumerate(domain_spec.skills, 1)
        )
    return framework, True


def load_file(path: Path) -> tuple[SkillFramework, bool]:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise FrameworkError([f"{Path(path).name} : fichier illisible ou JSON invalide ({error})."]) from error
    return save_version(parse_json(data, Path(path).name), note="Chargé depuis " + Path(path).name)


def load_default_frameworks() -> list[tuple[SkillFramework, bool]]:
    """The frameworks of the region pack (the default pack's: the coordinators' one of 2021 and the accueillants')."""
    return [load_file(path) for path in region_pack.current().frameworks()]

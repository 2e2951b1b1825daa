"""The region pack: the one place that reads regions/<code>/ (what differs from one Région to another).

A pack is a folder holding region.toml (identity, phone line, portal, support team, legal notices, data
feeds, the list of its data files, its demo) and the JSON files it names. SPRO_REGION=<code> selects it.
This module imports nothing from Django at load time: spro/settings.py reads the pack's identity through it.
"""

import functools
import json
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

REGIONS_DIR = Path(__file__).resolve().parents[2] / "regions"
SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"
DEFAULT_REGION = "24"
GEO_DATA = Path(__file__).resolve().parents[1] / "geo" / "data"
# The JSON files of a pack that have a schema of their own (apps/core/schemas/<key>.schema.json).
FILE_SCHEMAS = ("territories", "vocabularies", "routing_rules", "pre_interview_grid", "funding_schemes")
MIN_CONTRAST = 4.5  # RGAA 3.2 / WCAG 1.4.3: text on white


@dataclass(frozen=True)
class PackError:
    """One error of a pack, named by file, field and line (line 0: the whole file)."""

    file: str
    field: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.file}, ligne {self.line}" if self.line else self.file
        return f"{where}, champ « {self.field or '(racine)'} » : {self.message}"


class RegionPackError(Exception):
    def __init__(self, errors: list[PackError]):
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class Pack:
    code: str
    folder: Path
    data: dict = field(repr=False)

    @property
    def identity(self) -> dict:
        return self.data["identity"]

    @property
    def name(self) -> str:
        return self.identity["name"]

    @property
    def phone_line(self) -> dict:
        return self.data["phone_line"]

    @property
    def support_unit(self) -> dict:
        return self.data["support_unit"]

    @property
    def demo(self) -> dict:
        return self.data["demo"]

    def text(self, key: str) -> str:
        """A wording of the pack by a short name (the {% region "…" %} tag of the templates, e-mails, PDFs)."""
        line = self.phone_line["number"]
        texts = {
            "name": self.name,
            "code": self.code,
            "region_label": self.identity["region_label"],
            "site_name": self.identity["site_name"],
            "tagline": self.identity["tagline"],
            "phone_line": self.phone_line["name"],
            "phone_number": line,
            "phone_tel": line.replace(" ", ""),
            "portal": self.data["portal"]["name"],
            "portal_url": self.data["portal"].get("url", ""),
            "support_unit": self.support_unit["name"],
            "support_unit_short": self.support_unit["short_name"],
            "publisher": self.data["legal"]["publisher"],
            "privacy_contact": self.data["legal"]["privacy_contact"],
            "privacy_email": self.data["legal"].get("privacy_email", ""),
            "example_commune": self.identity["example_commune"]["name"],
            "example_postal_code": self.identity["example_commune"]["postal_code"],
            "example_insee": self.identity["example_commune"]["insee"],
            "example_search": "{name} ou {postal_code}".format(**self.identity["example_commune"]),
        }
        return texts[key]

    def file(self, key: str) -> Path | None:
        """The path of a data file named in [files] (None when the pack has none)."""
        name = self.data["files"].get(key)
        return self.folder / name if name else None

    def read_json(self, key: str):
        path = self.file(key)
        return json.loads(path.read_text(encoding="utf-8")) if path else None

    def frameworks(self) -> list[Path]:
        return [self.folder / name for name in self.data["files"].get("frameworks", [])]

    def demo_file(self, key: str = "directory") -> Path | None:
        name = self.demo.get(key)
        return self.folder / name if name else None


def lazy_text(template: str):
    """A wording with the pack's texts in {braces}, computed when shown (form help texts, API descriptions)."""
    from django.utils.functional import lazy

    def render() -> str:
        pack = current()
        return template.format_map({key: pack.text(key) for key in re.findall(r"{(\w+)}", template)})

    return lazy(render, str)()


def selected_code() -> str:
    """The pack of this process: settings.SPRO_REGION when Django is set up, else the environment."""
    try:
        from django.conf import settings

        return settings.SPRO_REGION
    except Exception:  # noqa: BLE001 (settings not configured yet: spro/settings.py is reading the pack)
        return os.environ.get("SPRO_REGION", DEFAULT_REGION)


def current() -> Pack:
    return load_pack(selected_code())


@functools.cache
def load_pack(code: str) -> Pack:
    """Read and validate region.toml (the data files are checked by check_pack)."""
    folder = REGIONS_DIR / code
    if not (folder / "region.toml").is_file():
        known = ", ".join(available_codes()) or "aucun"
        raise RegionPackError(
            [PackError(f"regions/{code}/region.toml", "", 0, f"pack introuvable (packs disponibles : {known}).")]
        )
    data, errors = _read_toml(folder / "region.toml", code)
    if errors or data is None:
        raise RegionPackError(errors)
    if data["identity"]["code"] != code:
        raise RegionPackError(
            [
                PackError(
                    f"regions/{code}/region.toml",
                    "identity.code",
                    _toml_line(folder / "region.toml", ["identity", "code"]),
                    f"« {data['identity']['code']} » ne correspond pas au dossier regions/{code}/.",
                )
            ]
        )
    return Pack(code=code, folder=folder, data=data)


def feed_url(pack: Pack, kind: str) -> str:
    """The address of the pack's data feed of this kind (lheo, data-inclusion); empty when it has none."""
    return next((feed.get("url", "") for feed in pack.data.get("feeds", []) if feed["kind"] == kind), "")


def available_codes() -> list[str]:
    return sorted(p.parent.name for p in REGIONS_DIR.glob("*/region.toml"))


def settings_for(code: str) -> dict:
    """The settings a pack gives (spro/settings.py; tests that switch packs override the same names)."""
    pack = load_pack(code)
    identity = pack.identity
    return {
        "SPRO_REGION": code,
        "SPRO_REGION_CODE": identity["code"],
        "SPRO_REGION_NAME": identity["name"],
        "SPRO_PHONE_LINE": pack.phone_line["number"],
        "SPRO_REGION_LOGO": identity.get("logo", ""),
        "SPRO_REGION_URL": identity.get("url", ""),
        "SPRO_LHEO_FEED_URL": feed_url(pack, "lheo"),
    }


# --- checking -------------------------------------------------------------------------------------------


def check_pack(code: str) -> list[PackError]:
    """Every error of a pack: region.toml, each data file against its schema, and the cross-checks."""
    folder = REGIONS_DIR / code
    toml_path = folder / "region.toml"
    if not toml_path.is_file():
        return [PackError(f"regions/{code}/region.toml", "", 0, "fichier absent.")]
    data, errors = _read_toml(toml_path, code)
    if data is None:
        return errors
    if not any(e.field.startswith("identity") for e in errors):
        errors += _check_identity(data, toml_path, code)
    files = dict(data.get("files", {}))
    files.update({f"frameworks[{i}]": name for i, name in enumerate(files.pop("frameworks", []))})
    for key in ("directory", "information_tools"):
        if data.get("demo", {}).get(key):
            files[f"demo.{key}"] = data["demo"][key]
    contents = {}
    for key, name in files.items():
        path = folder / name
        if not path.is_file():
            errors.append(
                PackError(
                    _rel(toml_path),
                    f"files.{key}",
                    _toml_line(toml_path, key.split(".")),
                    f"le fichier {name} est absent du pack.",
                )
            )
            continue
        content, file_errors = _read_json(path, key)
        errors += file_errors
        if content is not None:
            contents[key] = (path, content)
    errors += _check_cross(contents)
    return errors


def _read_toml(path: Path, code: str) -> tuple[dict | None, list[PackError]]:
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = int(m.group(1)) if (m := re.search(r"line (\d+)", str(error))) else 0
        return None, [PackError(_rel(path), "", line, f"TOML invalide ({error}).")]
    schema = json.loads((SCHEMAS_DIR / "region.schema.json").read_text(encoding="utf-8"))
    errors = [
        PackError(_rel(path), _dotted(_field(e)), _toml_line(path, _field(e)), _french(e))
        for e in jsonschema.Draft202012Validator(schema).iter_errors(data)
    ]
    return data, sorted(errors, key=lambda e: e.line)


def _read_json(path: Path, key: str) -> tuple[object | None, list[PackError]]:
    text = path.read_text(encoding="utf-8")
    try:
        content = json.loads(text)
    except ValueError as error:
        return None, [PackError(_rel(path), "", getattr(error, "lineno", 0), f"JSON invalide ({error}).")]
    schema_file = SCHEMAS_DIR / f"{key}.schema.json"
    if key not in FILE_SCHEMAS or not schema_file.is_file():
        return content, []
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    positions = json_positions(text)
    errors = [
        PackError(_rel(path), _dotted(_field(e)), _line_of(text, positions.get(tuple(e.absolute_path), 0)), _french(e))
        for e in jsonschema.Draft202012Validator(schema).iter_errors(content)
    ]
    return content, sorted(errors, key=lambda e: e.line)


def _check_identity(data: dict, path: Path, code: str) -> list[PackError]:
    errors = []
    if data["identity"]["code"] != code:
        errors.append(
            PackError(
                _rel(path),
                "identity.code",
                _toml_line(path, ["identity", "code"]),
                f"« {data['identity']['code']} » ne correspond pas au dossier regions/{code}/.",
            )
        )
    regions = {r["code"] for r in json.loads((GEO_DATA / "regions.json").read_text(encoding="utf-8"))}
    if data["identity"]["code"] not in regions:
        errors.append(
            PackError(
                _rel(path),
                "identity.code",
                _toml_line(path, ["identity", "code"]),
                "ce code n'est pas celui d'une région du COG.",
            )
        )
    for name, colour in data["identity"]["colours"].items():
        ratio = contrast_on_white(colour)
        if ratio < MIN_CONTRAST:
            errors.append(
                PackError(
                    _rel(path),
                    f"identity.colours.{name}",
                    _toml_line(path, ["identity", "colours", name]),
                    f"contraste {ratio:.1f}:1 sur fond blanc, moins que les {MIN_CONTRAST}:1 exigés.",
                )
            )
    return errors


def _check_cross(contents: dict) -> list[PackError]:
    """Territories in the Région's départements, seats in their département; rules naming known networks."""
    errors = []
    if "territories" in contents:
        path, data = contents["territories"]
        text = path.read_text(encoding="utf-8")
        positions = json_positions(text)
        codes = [t.get("code") for t in data.get("territories", [])]
        for index, territory in enumerate(data.get("territories", [])):
            if codes.count(territory.get("code")) > 1:
                errors.append(
                    PackError(
                        _rel(path),
                        f"territories.{index}.code",
                        _line_of(text, positions.get(("territories", index, "code"), 0)),
                        f"le code « {territory.get('code')} » est en double.",
                    )
                )
            for j, seat in enumerate(territory.get("seats", [])):
                if isinstance(seat, str) and not seat.startswith(str(territory.get("departement", ""))):
                    errors.append(
                        PackError(
                            _rel(path),
                            f"territories.{index}.seats.{j}",
                            _line_of(text, positions.get(("territories", index, "seats", j), 0)),
                            f"la commune {seat} n'est pas dans le département {territory.get('departement')}.",
                        )
                    )
    if "routing_rules" in contents and "vocabularies" in contents:
        networks = {n.get("code") for n in contents["vocabularies"][1].get("networks", [])}
        path, data = contents["routing_rules"]
        text = path.read_text(encoding="utf-8")
        positions = json_positions(text)
        for index, rule in enumerate(data.get("rules", [])):
            if rule.get("network") not in networks:
                errors.append(
                    PackError(
                        _rel(path),
                        f"rules.{index}.network",
                        _line_of(text, positions.get(("rules", index, "network"), 0)),
                        f"le réseau « {rule.get('network')} » n'est pas dans vocabularies.json.",
                    )
                )
    return errors


def contrast_on_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of a #rrggbb colour on white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


# --- naming errors: field paths, lines, French messages -------------------------------------------------


def _rel(path: Path) -> str:
    return str(path.relative_to(REGIONS_DIR.parent))


def _dotted(path) -> str:
    return ".".join(str(p) for p in path)


def _field(error: jsonschema.ValidationError) -> list:
    """The path of the field in error; a missing or unknown key is named in the path itself."""
    path = list(error.absolute_path)
    if error.validator == "required":
        path.append(error.message.split("'")[1])
    elif error.validator == "additionalProperties":
        path.append(_unknown_keys(error)[0])
    return path


def _unknown_keys(error: jsonschema.ValidationError) -> list[str]:
    known = error.schema.get("properties", {})
    return sorted(k for k in error.instance if k not in known)


def _french(error: jsonschema.ValidationError) -> str:
    value = error.instance
    match error.validator:
        case "required":
            return "champ obligatoire absent."
        case "additionalProperties":
            return f"champ inconnu ({', '.join(_unknown_keys(error))}) : vérifiez son orthographe."
        case "type":
            return f"type attendu : {error.validator_value}, reçu : {json.dumps(value, ensure_ascii=False)}."
        case "pattern":
            return f"valeur « {value} » au mauvais format (attendu : {error.validator_value})."
        case "enum":
            return f"valeur « {value} » inconnue (valeurs possibles : {', '.join(map(str, error.validator_value))})."
        case "const":
            return f"valeur {json.dumps(value)} inattendue (attendu : {error.validator_value})."
        case "minLength" | "minItems":
            return "valeur vide ou trop courte."
        case _:
            return f"valeur invalide ({error.message})."


def _toml_line(path: Path, field_path: list) -> int:
    """The line of a field of region.toml: its `key =` line, else the line of its nearest table."""
    found: dict[tuple, int] = {}
    table: list[str] = []
    counts: dict[tuple, int] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if match := re.match(r"^\[\[([^\]]+)\]\]", line):  # [[feeds]]: the n-th table of an array
            key = tuple(match.group(1).strip().split("."))
            counts[key] = counts.get(key, -1) + 1
            table = [*key, str(counts[key])]
            found.setdefault(key, number)
        elif match := re.match(r"^\[([^\]]+)\]", line):
            table = match.group(1).strip().split(".")
        elif match := re.match(r"^([A-Za-z0-9_-]+)\s*=", line):
            found.setdefault((*table, match.group(1)), number)
            continue
        else:
            continue
        for depth in range(1, len(table) + 1):
            found.setdefault(tuple(table[:depth]), number)
    wanted = [str(p) for p in field_path]
    for depth in range(len(wanted), 0, -1):
        if tuple(wanted[:depth]) in found:
            return found[tuple(wanted[:depth])]
    return 0


def json_positions(text: str) -> dict[tuple, int]:
    """The character offset of every value of a JSON text, by its path (("rules", 3, "network"): …)."""
    decoder = json.JSONDecoder()
    positions: dict[tuple, int] = {}
    space = re.compile(r"\s*")

    def skip(i: int) -> int:
        return space.match(text, i).end()

    def value(i: int, path: tuple) -> int:
        i = skip(i)
        positions[path] = i
        if text[i] in "{[":
            closing, index = ("}" if text[i] == "{" else "]"), 0
            i = skip(i + 1)
            while text[i] != closing:
                if closing == "}":
                    key, i = decoder.raw_decode(text, i)
                    i = skip(skip(i) + 1)  # past the colon
                    positions[(*path, key)] = i
                    i = value(i, (*path, key))
                else:
                    i = value(i, (*path, index))
                    index += 1
                i = skip(i)
                if text[i] == ",":
                    i = skip(i + 1)
            return i + 1
        return decoder.raw_decode(text, i)[1]

    value(0, ())
    return positions


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1 if offset else 0


# Said on every page when a pack's demo directory is generated (apps/core/management/generated_demo.py).
GENERATED_NOTICE = (
    "Démonstration : l'annuaire de cette plateforme est généré automatiquement (aucune structure réelle) ; "
    "les communes et les territoires viennent du code officiel géographique."
)

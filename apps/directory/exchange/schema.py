"""The data·inclusion v1 JSON schemas: loading, validating (fast), and explaining errors in French.

Validation is done by `jsonschema` with the draft the schema declares (2020-12 when it declares
none) and a format checker (date, email, and "uri", which jsonschema only checks with an extra
package). Importing ~100,000 records through jsonschema alone takes half a minute, so each record
first goes through a predicate compiled from the same schema (the handful of keywords these
schemas use); only the records it rejects are run through jsonschema, which stays the authority
and gives the messages. An unknown keyword disables the shortcut rather than guess.
"""

import json
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from jsonschema import FormatChecker
from jsonschema.exceptions import ValidationError as SchemaError
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "api" / "schemas" / "data-inclusion-v1"
ANNOTATIONS = {"title", "description", "default", "examples", "$defs", "$schema", "$id"}
_REQUIRED = re.compile(r"^'(.+)' is a required property$")
_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S+$")

FORMAT_CHECKER = FormatChecker()


@FORMAT_CHECKER.checks("uri")
def _is_uri(value) -> bool:
    """An absolute URI (RFC 3986 scheme); web addresses also need a host."""
    if not isinstance(value, str):
        return True
    if not _URI.match(value):
        return False
    scheme, rest = value.split(":", 1)
    return scheme.lower() not in {"http", "https"} or (rest.startswith("//") and len(rest) > 2)


class _Unsupported(Exception):
    pass


@cache
def load_schema(kind: str) -> dict:
    """kind: "structure" or "service"."""
    return json.loads((SCHEMA_DIR / f"{kind}.json").read_text(encoding="utf-8"))


@cache
def validator(kind: str):
    schema = load_schema(kind)
    cls = validator_for(schema, default=validator_for({"$schema": "https://json-schema.org/draft/2020-12/schema"}))
    return cls(schema, format_checker=FORMAT_CHECKER)


@cache
def fast_check(kind: str) -> Callable[[object], bool] | None:
    schema = load_schema(kind)
    try:
        return _compile(schema, schema)
    except _Unsupported:
        return None


def schema_errors(kind: str, record) -> list[SchemaError]:
    check = fast_check(kind)
    if check is not None and check(record):
        return []
    return sorted(validator(kind).iter_errors(record), key=lambda e: [str(p) for p in e.absolute_path])


def properties(kind: str) -> dict:
    return load_schema(kind)["properties"]


# The shortcut: a boolean predicate built from the schema. Each keyword applies, as in JSON
# Schema, only to instances of its type; anything unusual returns False, so jsonschema decides.


def _is_type(value, name: str) -> bool:
    if name == "string":
        return isinstance(value, str)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if name == "integer":
        number = isinstance(value, int | float) and not isinstance(value, bool)
        return number and (isinstance(value, int) or value.is_integer())
    if name == "array":
        return isinstance(value, list)
    if name == "object":
        return isinstance(value, dict)
    if name == "null":
        return value is None
    if name == "boolean":
        return isinstance(value, bool)
    raise _Unsupported(name)


def _strings_only(values) -> set:
    if not all(isinstance(v, str) for v in values):
        raise _Unsupported("enum")
    return set(values)


def _compile(node: dict, root: dict) -> Callable[[object], bool]:
    checks = []
    for key, value in node.items():
        if key in ANNOTATIONS:
            continue
        if key not in _BUILDERS:
            raise _Unsupported(key)
        checks.append(_BUILDERS[key](value, root))
    return _all(checks)


def _all(checks: list) -> Callable[[object], bool]:
    if not checks:
        return lambda v: True
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda v: first(v) and second(v)

    return lambda v: all(check(v) for check in checks)


def _any_of(value, root):
    """The frequent [X, null] form becomes `v is None or X(v)`."""
    nullable = [s for s in value if s == {"type": "null"}]
    subs = [_compile(s, root) for s in value if s != {"type": "null"}]
    if nullable and len(subs) == 1:
        only = subs[0]
        return lambda v: v is None or only(v)
    if nullable:
        subs.append(lambda v: v is None)
    return lambda v: any(sub(v) for sub in subs)


def _ref(value: str, root: dict):
    if not value.startswith("#/"):
        raise _Unsupported(value)
    target = root
    for part in value[2:].split("/"):
        target = target[part]
    return _compile(target, root)


_SIMPLE_TYPES = {"string": str, "array": list, "object": dict}


def _type(value, root):
    names = [value] if isinstance(value, str) else list(value)
    for name in names:
        _is_type(None, name)  # rejects unknown type names at build time
    if len(names) == 1 and names[0] in _SIMPLE_TYPES:
        python_type = _SIMPLE_TYPES[names[0]]
        return lambda v: isinstance(v, python_type)
    return lambda v: any(_is_type(v, n) for n in names)


def _properties(value, root):
    subs = {name: _compile(sub, root) for name, sub in value.items()}

    def check(v) -> bool:
        if not isinstance(v, dict):
            return True
        for key, item in v.items():
            sub = subs.get(key)
            if sub is not None and not sub(item):
                return False
        return True

    return check


def _items(value, root):
    if not isinstance(value, dict):
        raise _Unsupported("items")
    sub = _compile(value, root)
    return lambda v: not isinstance(v, list) or all(sub(x) for x in v)


def _unique(value, root):
    if value is not True:
        return lambda v: True
    return lambda v: not isinstance(v, list) or (all(isinstance(x, str) for x in v) and len(set(v)) == len(v))


def _enum(value, root):
    allowed = _strings_only(value)
    return lambda v: isinstance(v, str) and v in allowed


def _pattern(value, root):
    regex = re.compile(value)
    return lambda v: not isinstance(v, str) or regex.search(v) is not None


_BUILDERS = {
    "$ref": _ref,
    "type": _type,
    "properties": _properties,
    "required": lambda value, root: lambda v: not isinstance(v, dict) or all(k in v for k in value),
    "anyOf": _any_of,
    "items": _items,
    "minItems": lambda value, root: lambda v: not isinstance(v, list) or len(v) >= value,
    "uniqueItems": _unique,
    "enum": _enum,
    "const": lambda value, root: (lambda allowed: lambda v: isinstance(v, str) and v in allowed)(
        _strings_only([value])
    ),
    "minLength": lambda value, root: lambda v: not isinstance(v, str) or len(v) >= value,
    "maxLength": lambda value, root: lambda v: not isinstance(v, str) or len(v) <= value,
    "pattern": _pattern,
    "format": lambda value, root: lambda v: FORMAT_CHECKER.conforms(v, value),
    "minimum": lambda value, root: lambda v: not _is_type(v, "number") or v >= value,
}


# French messages for the schema errors.

TYPE_NAMES = {
    "string": "une chaîne de caractères",
    "number": "un nombre",
    "integer": "un nombre entier",
    "array": "une liste",
    "object": "un objet",
    "null": "vide (null)",
    "boolean": "un booléen",
}
FORMAT_NAMES = {
    "date": "n'est pas une date valide (format AAAA-MM-JJ attendu)",
    "email": "n'est pas une adresse e-mail valide",
    "uri": "n'est pas une adresse web complète (par exemple https://exemple.fr)",
}
FIELD_HINTS = {
    "zone_eligibilite": "attendu : code commune, département, EPCI ou pays du COG, ou « france »",
}


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n > 1 else ''}"


def field_label(path) -> str:
    parts = list(path)
    if not parts:
        return "enregistrement"
    label = f"champ « {parts[0]} »"
    for part in parts[1:]:
        label += f" (élément n° {part + 1})" if isinstance(part, int) else f" › {part}"
    return label


def describe(error: SchemaError) -> tuple[str, str]:
    """(field label, French explanation) for one jsonschema error."""
    error = best_match([error])
    path = list(error.absolute_path)
    if error.validator == "required":
        return field_label([missing_property(error)]), "obligatoire."
    return field_label(path), _explain(error, path)


def missing_property(error: SchemaError) -> str:
    """jsonschema reports each missing property in its own error, named only in the message."""
    match = _REQUIRED.match(error.message)
    return match.group(1) if match else "?"


def _explain(error: SchemaError, path: list) -> str:
    kind, expected, value = error.validator, error.validator_value, error.instance
    shown = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    messages = {
        "type": lambda: f"doit être {_types_phrase(expected)}.",
        "enum": lambda: f"valeur « {shown} » absente du vocabulaire data·inclusion.",
        "const": lambda: f"doit valoir « {expected} ».",
        "minLength": lambda: f"doit contenir au moins {_plural(expected, 'caractère')}.",
        "maxLength": lambda: f"doit contenir au plus {_plural(expected, 'caractère')}.",
        "pattern": lambda: f"« {shown} » n'a pas le format attendu ({expected}).",
        "format": lambda: f"« {shown} » {FORMAT_NAMES.get(expected, f'ne respecte pas le format {expected}')}.",
        "minItems": lambda: f"doit contenir au moins {_plural(expected, 'élément')}.",
        "uniqueItems": lambda: "contient des valeurs en double.",
        "minimum": lambda: f"doit être supérieur ou égal à {expected}.",
        "anyOf": lambda: _explain_any_of(error, path, shown),
    }
    return messages.get(kind, lambda: error.message)()


def _types_phrase(expected) -> str:
    names = [expected] if isinstance(expected, str) else list(expected)
    return " ou ".join(TYPE_NAMES.get(n, n) for n in names)


def _explain_any_of(error: SchemaError, path: list, shown: str) -> str:
    context = error.context or []
    if context and all(e.validator == "type" for e in context):
        return f"doit être {_types_phrase([e.validator_value for e in context])}."
    hint = FIELD_HINTS.get(path[0] if path else "", "")
    return f"« {shown} » n'est pas une valeur admise" + (f" ({hint})." if hint else ".")

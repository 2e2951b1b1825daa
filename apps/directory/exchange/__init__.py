"""data·inclusion v1 exchange: the directory exported and imported in the national format.

Modules, each importing only the ones before it (no cycle):

- schema.py: the JSON schemas of data·inclusion v1 and their French error messages;
- vocab.py: the mappings between the SPRO vocabularies and data·inclusion's;
- files.py: the file formats (JSON, CSV) and the records of a file;
- export.py: the directory as data·inclusion structures and services;
- checks.py: import, step 1, every record checked before anything is written;
- writer.py: import, step 2, the checked records written in one transaction;
- views.py: the Région's import page.

This module is the package's entry point: the import of files, all or nothing, and the public names.
"""

from .checks import check
from .export import export_errors, export_services, export_structures, structure_record_id
from .files import ExchangeError, RecordSet, as_record_set, read_file, to_csv, to_json
from .writer import write

__all__ = [
    "ExchangeError",
    "RecordSet",
    "export_errors",
    "export_services",
    "export_structures",
    "import_data_inclusion",
    "import_files",
    "read_file",
    "structure_record_id",
    "to_csv",
    "to_json",
]


def import_data_inclusion(structures, services) -> dict[str, int]:
    """Validate every record, then write them all in one transaction (or raise ExchangeError)."""
    plan = check(as_record_set(structures, "structures.json"), as_record_set(services, "services.json"))
    return write(plan)


def import_files(structures: tuple[str, bytes] | None, services: tuple[str, bytes] | None) -> dict[str, int]:
    """Import from uploaded files given as (name, content); either may hold both kinds (JSON object)."""
    found: dict[str, RecordSet] = {}
    for kind, upload in [("service", services), ("structure", structures)]:
        if upload is not None:
            for key, record_set in read_file(upload[0], upload[1], kind).items():
                if key == kind or key not in found:
                    found[key] = record_set
    if not found:
        raise ExchangeError(["Aucun fichier à importer : joignez un fichier de structures et/ou de services."])
    return import_data_inclusion(
        found.get("structure", RecordSet("structures.json")), found.get("service", RecordSet("services.json"))
    )

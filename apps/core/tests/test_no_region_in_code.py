"""No Région in the code: the names and codes of every pack's Région live in regions/<code>/ only.

Pages, e-mails, PDFs, iCal files and exports read them from the pack ({% region %}, apps.core.region_pack);
a second Région runs the platform by adding its pack, without touching the code.
"""

import re

import pytest

from apps.core import region_pack

ROOT = region_pack.REGIONS_DIR.parent
SCANNED = ["apps", "spro", "templates", "static/js", "static/css"]
SUFFIXES = {".py", ".html", ".txt", ".js", ".json", ".css", ".md", ".xml", ".toml"}
SKIPPED_PARTS = {"tests", "migrations", "__pycache__"}  # tests read the default pack's wording on purpose
# The one place that names a pack: the default selection (SPRO_REGION unset).
ALLOWED = {("apps/core/region_pack.py", 'DEFAULT_REGION = "24"')}


def region_terms(code: str) -> list[str]:
    """What names a Région: its name and labels, its phone line, portal and support team, and its nicknames."""
    pack = region_pack.load_pack(code)
    keys = ["name", "region_label", "site_name", "phone_line", "phone_number", "phone_tel", "portal", "support_unit"]
    terms = {pack.text(key) for key in keys} | {pack.text("support_unit_short")}
    return sorted(terms | set(pack.data.get("nicknames", [])), key=len, reverse=True)


def code_patterns(code: str) -> list[re.Pattern]:
    """The Région's code written as a value: "24", region_id="24", region=24."""
    return [re.compile(rf"(?<![\w.-])[\"']{code}[\"']"), re.compile(rf"region(_id|_code)?\s*=\s*{code}\b")]


def scanned_files():
    for folder in SCANNED:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and path.suffix in SUFFIXES and not SKIPPED_PARTS & set(path.parts):
                yield path


def findings(code: str) -> list[str]:
    terms, patterns = region_terms(code), code_patterns(code)
    found = []
    for path in scanned_files():
        relative = str(path.relative_to(ROOT))
        if relative.startswith("apps/geo/data/"):  # the national COG (every région), not this Région's identity
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            if any(relative == where and allowed in line for where, allowed in ALLOWED):
                continue
            hits = [t for t in terms if t in line] + [p.pattern for p in patterns if p.search(line)]
            if hits:
                found.append(f"{relative}:{number}: {hits[0]}")
    return found


@pytest.mark.parametrize("code", region_pack.available_codes())
def test_no_name_or_code_of_a_region_outside_its_pack(code):
    assert findings(code) == []


def test_the_scan_finds_a_region_name_written_in_a_template(tmp_path, monkeypatch):
    """The test can fail: a name or code written in a scanned file is found, with its file and line."""
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "probe.html").write_text(
        '<p>ok</p>\n<p>Le SPRO Centre-Val de Loire vous répond.</p>\n<p>{{ x|default:"24" }}</p>\n', encoding="utf-8"
    )
    assert [f.split(": ")[0] for f in findings("24")] == ["templates/probe.html:2", "templates/probe.html:3"]
    assert findings("24")[0] == "templates/probe.html:2: SPRO Centre-Val de Loire"

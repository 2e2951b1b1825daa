"""The public agenda in the browser: from the home page to an event's calendar file.

A person opens the agenda from the home page, chooses the Loir-et-Cher, opens a forum and downloads its
.ics, which is a valid calendar for that event. The demo events are those of apps/agenda/demo.py, dated in
the school year of the suite's fixed clock (tests/clock.py), on working days.
"""

import re
from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e


def test_a_person_finds_a_forum_near_blois_and_adds_it_to_their_calendar(page: Page):
    page.goto("/")
    page.get_by_role("link", name="Voir l'agenda des événements").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Agenda : forums et portes ouvertes")
    everything = page.get_by_role("main").locator("li.card")
    expect(everything.first).to_be_visible()

    page.get_by_label("Territoire", exact=True).select_option(label="Loir-et-Cher")
    page.get_by_role("button", name="Afficher les événements").click()
    expect(page).to_have_url(re.compile(r"territoire=loir-et-cher"))
    expect(
        page.get_by_role("heading", level=2, name=re.compile(r"événements? à venir — Loir-et-Cher$"))
    ).to_be_visible()
    cards = page.get_by_role("main").locator("li.card")
    for index in range(cards.count()):
        expect(cards.nth(index)).to_contain_text("Loir-et-Cher")

    page.get_by_role("link", name="Forum de l'orientation du Blaisois").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forum de l'orientation du Blaisois")
    expect(page.get_by_role("main")).to_contain_text("CIO de Blois")
    expect(page.get_by_role("main")).to_contain_text("Collégien·nes, lycéen·nes, étudiant·es et leurs familles")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ajouter à mon agenda (.ics)").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".ics")
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Forum de l'orientation du Blaisois"]
    start = events[0]["dtstart"].dt
    assert start.weekday() < 5 and (start.month, start.hour) == (1, 9)
    assert "Blois" in str(events[0]["location"])

"""The public pages on a 390 × 844 phone: the essentials come first, a call-back takes five taps, the
staff menu folds away and opens by keyboard, nothing overflows sideways."""

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from .helpers import (
    BLOIS_SEARCH,
    PHONE_CONTEXT,
    PHONE_VIEWPORT,
    first_place_path,
    first_service_path,
    first_structure_path,
    login,
    result_cards,
)

pytestmark = pytest.mark.e2e

WIDTH, HEIGHT = PHONE_VIEWPORT["width"], PHONE_VIEWPORT["height"]


@pytest.fixture
def phone(new_context) -> Page:
    return new_context(**PHONE_CONTEXT).new_page()


class Taps:
    """Every tap the person makes (typing text in a field is not counted, the tap that ticks a box is)."""

    def __init__(self):
        self.count = 0

    def tap(self, locator) -> None:
        locator.tap()
        self.count += 1


def _assert_in_viewport(page: Page, locator, what: str) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None, f"{what}: not rendered"
    scroll_y = page.evaluate("window.scrollY")
    assert scroll_y == 0, f"the page was scrolled ({scroll_y} px) before checking {what}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, f"{what} leaves the screen sideways: {box}"
    assert box["y"] >= 0 and box["y"] + box["height"] <= HEIGHT, f"{what} is below the first screen: {box}"


def _assert_no_sideways_scroll(page: Page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= WIDTH, f"{page.url}: the page is {width} px wide on a {WIDTH} px screen"


def _search_blois_from_home(page: Page, taps: Taps):
    page.goto("/")
    page.get_by_label("Commune ou code postal").fill("Blois")
    taps.tap(page.get_by_role("button", name="Trouver un lieu"))
    expect(page.locator("#titre-resultats")).to_contain_text("Blois")
    card = result_cards(page).filter(has=page.locator("h3", has_text="Mission locale")).first
    expect(card).to_be_visible()
    return card


def _open_the_mission_locale_page(page: Page) -> None:
    card = _search_blois_from_home(page, Taps())
    card.locator("h3 a").tap()
    expect(page).to_have_url(re.compile(r"/lieux/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_a_person_near_blois_asks_a_mission_locale_to_call_back_in_five_taps(phone: Page):
    taps = Taps()
    card = _search_blois_from_home(phone, taps)
    # The card carries the place's phone and the call-back: no need to open the place first.
    expect(card.get_by_role("link", name=re.compile(r"^Appeler le 0\d"))).to_have_attribute("href", re.compile("^tel:"))
    taps.tap(card.get_by_role("link", name=re.compile(r"^Être rappelé·e par cette structure")))

    expect(phone.get_by_role("heading", level=1)).to_have_text(re.compile(r"^Être rappelé·e par Mission locale"))
    expect(phone.get_by_label("Par téléphone")).to_be_checked()  # "être rappelé·e": by phone unless changed
    taps.tap(phone.get_by_label("16 à 25 ans"))
    phone.get_by_label("Prénom de la personne à rappeler").fill("Léa")
    phone.get_by_label("Téléphone", exact=True).fill("06 99 00 12 34")
    taps.tap(phone.get_by_label(re.compile(r"^J'accepte que ")))
    taps.tap(phone.get_by_role("button", name="Envoyer ma demande de rappel"))

    expect(phone.get_by_role("heading", level=1)).to_have_text("Votre demande de rappel est envoyée")
    assert taps.count <= 5, f"{taps.count} taps from the home page to the call-back request"
    _assert_no_sideways_scroll(phone)


def test_a_place_page_opens_with_its_address_hours_phone_call_back_and_directions(phone: Page):
    _open_the_mission_locale_page(phone)

    essentials = phone.locator(".essentials")
    _assert_in_viewport(phone, phone.get_by_role("heading", level=1), "the place's name")
    _assert_in_viewport(phone, essentials.locator(".place-address"), "the address")
    _assert_in_viewport(phone, essentials.locator(".place-today"), "today's hours")
    expect(essentials.locator(".place-today")).to_contain_text(re.compile(r"\d+\s?h"))  # Thursday: open
    _assert_in_viewport(phone, essentials.locator("a[href^='tel:']"), "the phone number")
    callback = essentials.get_by_role("link", name=re.compile(r"^Être rappelé·e"))
    _assert_in_viewport(phone, callback, "the call-back button")
    directions = essentials.get_by_role("link", name=re.compile(r"^Y aller"))
    _assert_in_viewport(phone, directions, "the directions link")
    expect(directions).to_have_attribute(
        "href", re.compile(r"^https://www\.openstreetmap\.org/directions\?.*route=%3B4\d\.\d+%2C\d\.\d+")
    )
    _assert_no_sideways_scroll(phone)


SPLIT_TIMES_JS = """() => {
  const broken = [];
  for (const item of document.querySelectorAll('.hours li, .place-today')) {
    const node = item.firstChild;
    for (const match of node.textContent.matchAll(/\\d{1,2}\\s+h(\\s+\\d\\d)?/g)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      if (lines.size > 1) broken.push(match[0]);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("width", [WIDTH, 240], ids=["390px", "240px"])
def test_opening_hours_never_wrap_inside_a_time(phone: Page, width):
    _open_the_mission_locale_page(phone)
    phone.set_viewport_size({"width": width, "height": HEIGHT})
    assert phone.locator(".hours li").count() > 0
    # Each "13 h 30" of the hours is laid out on one line (its characters share one line box).
    assert phone.evaluate(SPLIT_TIMES_JS) == []


PUBLIC_PAGES = [
    "/",
    BLOIS_SEARCH,
    "/quelle-porte/",
    "/quelle-porte/?lieu=41000&statut=jeune-sans-solution&age=19&theme=reprendre-formation",
    first_place_path,
    first_service_path,
    first_structure_path,
    lambda page: "/etre-rappele/" + first_place_path(page).strip("/").split("/")[-1] + "/",
    "/programme/",
    "/reseau/coordinateurs/",
    "/mentions-legales/",
    "/donnees-personnelles/",
    "/accessibilite/",
    "/compte/connexion/",
]


@pytest.mark.parametrize("target", PUBLIC_PAGES)
def test_public_pages_fit_the_phone(phone: Page, target):
    phone.goto(target(phone) if callable(target) else target)
    _assert_no_sideways_scroll(phone)


def test_the_staff_menu_folds_away_and_opens_and_closes_by_keyboard(phone: Page):
    login(phone)
    phone.goto("/orientation/fiches/")
    menu = phone.get_by_role("button", name="Menu")
    inbox_link = phone.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Fiches navettes")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(inbox_link).to_be_hidden()
    header_height = phone.locator(".site-header").bounding_box()["height"]
    assert header_height < HEIGHT / 4, f"the staff header takes {header_height} px of a {HEIGHT} px screen"

    # Keyboard only: Tab from the top of the page reaches the button after the skip links and the brand.
    phone.keyboard.press("Tab")
    for _ in range(10):
        if phone.evaluate("document.activeElement.classList.contains('menu-toggle')"):
            break
        phone.keyboard.press("Tab")
    expect(menu).to_be_focused()
    phone.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    expect(inbox_link).to_be_visible()
    phone.keyboard.press("Tab")
    expect(phone.get_by_role("navigation", name="Menu principal").get_by_role("link").first).to_be_focused()
    phone.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(inbox_link).to_be_hidden()
    expect(menu).to_be_focused()
    phone.keyboard.press("Space")
    expect(inbox_link).to_be_visible()
    phone.keyboard.press("Space")
    expect(inbox_link).to_be_hidden()

    # A wide table scrolls inside its own frame, which the keyboard can reach; the page itself does not.
    _assert_no_sideways_scroll(phone)
    frame = phone.locator("main .table-scroll").first
    expect(frame).to_have_attribute("tabindex", "0")
    expect(frame).to_have_attribute("role", "region")


def test_without_javascript_the_menu_is_simply_shown(new_context):
    page = new_context(java_script_enabled=False, **PHONE_CONTEXT).new_page()
    login(page)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Fiches navettes")
    ).to_be_visible()


def test_on_a_desktop_the_menu_is_a_row_of_links(page: Page):
    login(page)
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    expect(
        page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Fiches navettes")
    ).to_be_visible()


def _block_tiles(page: Page) -> list[str]:
    """Abort every request that leaves the test server (the map tiles): the map must not need them."""
    blocked: list[str] = []

    def abort(route):
        blocked.append(route.request.url)
        route.abort()

    page.route(lambda url: not url.startswith("http://127.0.0.1"), abort)
    return blocked


def _map_markers_match_the_page_data(page: Page, map_name: str, data_id: str) -> list[dict]:
    # The heading can show before the end of the page is parsed: wait for the map's data first.
    expect(page.locator(f"#{data_id}")).to_be_attached()
    data = page.evaluate(f"JSON.parse(document.getElementById('{data_id}').textContent)")
    region = page.get_by_role("region", name=map_name)
    expect(region).to_be_visible()
    expect(region.locator(".leaflet-marker-icon")).to_have_count(len(data))
    titles = [marker.get_attribute("title") for marker in region.locator(".leaflet-marker-icon").all()]
    assert sorted(titles) == sorted(point["label"] for point in data)
    return data


@pytest.mark.parametrize("size", ["phone", "desktop"])
def test_results_show_their_places_on_a_map_after_the_list_without_tiles(new_context, size):
    page = new_context(**(PHONE_CONTEXT if size == "phone" else {})).new_page()
    blocked = _block_tiles(page)
    page.goto("/")
    page.get_by_label("Commune ou code postal").fill("Blois")
    page.get_by_role("button", name="Trouver un lieu").click()  # results swapped in by htmx: the map draws too
    expect(page.locator("#titre-resultats")).to_contain_text("Blois")
    data = _map_markers_match_the_page_data(page, "Carte des lieux de cette page", "carte-resultats-data")
    card_links = {link.get_attribute("href") for link in result_cards(page).locator("h3 a").all()}
    assert {point["url"] for point in data} == card_links  # one marker per listed place, no more
    assert any("tile" in url for url in blocked)  # the map asked for tiles, got none, and drew its markers
    # The list comes first; the map follows it.
    list_bottom = result_cards(page).last.bounding_box()
    map_top = page.locator("#carte-resultats").bounding_box()
    assert map_top["y"] >= list_bottom["y"] + list_bottom["height"]
    if size == "phone":
        _assert_no_sideways_scroll(page)


def test_a_place_page_shows_its_place_on_the_map_without_tiles(new_context):
    page = new_context(**PHONE_CONTEXT).new_page()
    _block_tiles(page)
    _open_the_mission_locale_page(page)
    (point,) = _map_markers_match_the_page_data(page, "Carte : où se trouve ce lieu", "carte-lieu-data")
    assert point["url"] == urlsplit(page.url).path
    page.get_by_role("region", name="Carte : où se trouve ce lieu").locator(".leaflet-marker-icon").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".leaflet-popup-content")).to_contain_text(point["detail"])
    _assert_no_sideways_scroll(page)

"""Render the SPRO mark (static/icons/spro-mark.svg) into the PNG icons the web manifest and the
browsers ask for. Run once after changing the mark: `.venv/bin/python tools/render_icons.py`
(Debian's Chromium, driven by Playwright, draws the SVG; Pillow writes favicon.ico)."""

from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

ICONS = Path(__file__).resolve().parents[1] / "static" / "icons"
SIZES = {"favicon-32.png": 32, "apple-touch-icon.png": 180, "icon-192.png": 192, "icon-512.png": 512}
# The "maskable" icon keeps the door inside the safe zone (80 % circle) on a full-bleed background.
MASKABLE = "icon-maskable-512.png"


def main() -> None:
    svg = (ICONS / "spro-mark.svg").read_text(encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        for name, size in SIZES.items():
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(f"<style>*{{margin:0}}svg{{display:block;width:{size}px;height:{size}px}}</style>{svg}")
            page.screenshot(path=ICONS / name, omit_background=True)
            page.close()
        page = browser.new_page(viewport={"width": 512, "height": 512})
        page.set_content(
            "<style>*{margin:0}body{background:#1f3a68;display:grid;place-items:center;height:512px}"
            f"svg{{width:360px;height:360px}}</style>{svg}"
        )
        page.screenshot(path=ICONS / MASKABLE)
        browser.close()
    Image.open(ICONS / "icon-192.png").save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()

"""The desk in a real browser: headless Chromium from the distribution (tools/browser),
driven by Selenium, against the desk served by uvicorn on the loopback address, as a
curator uses it: sign in, withdraw and publish, watch a folder copied onto the share
appear by itself, move a portrait to the trash and restore it. Screenshots at laptop and
phone widths are kept in $DESK_SCREENSHOTS when it is set."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from kiosk.content.status import write_status
from kiosk.desk.app import Desk
from kiosk.pin import DESK_SETTING, hash_password, write_pin_setting
from kiosk.settings import load_settings
from tests.conftest import SAMPLES

CHROMIUM, DRIVER = shutil.which("chromium"), shutil.which("chromedriver")
PASSWORD = "tour saint-jacques"
SIZES = {"laptop": (1440, 900), "phone": (390, 844)}

pytestmark = pytest.mark.skipif(
    not (CHROMIUM and DRIVER),
    reason="Chromium and chromedriver are not installed (tools/browser installs them)",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def served(tmp_path):
    import uvicorn

    root = tmp_path / "portraits"
    shutil.copytree(SAMPLES, root)
    write_pin_setting(str(root / "kiosk.yaml"), hash_password(PASSWORD), DESK_SETTING)
    settings, _ = load_settings(str(root / "kiosk.yaml"))
    statuses = tmp_path / "status"  # two kiosks' health, one of them silent for an hour
    for name, minutes in (("entree-nord", 0), ("bibliotheque", 60)):
        written = (datetime.now(UTC) - timedelta(minutes=minutes)).isoformat()
        write_status(
            statuses, {"name": name, "revision": "3fa0667a1b2c3d4e", "written_at": written, "portraits": 8}
        )
    desk = Desk(str(root), settings, tmp_path / "desk", status_dir=str(statuses))
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(desk.app, host="127.0.0.1", port=port, log_config=None, access_log=False)
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert server.started, "the desk did not start"
    yield f"http://127.0.0.1:{port}", root
    server.should_exit = True
    thread.join(10)
    desk.close()


@pytest.fixture
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--lang=fr-FR"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "fr-FR,fr"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_window_size(*SIZES["laptop"])
    yield driver
    driver.quit()


def screenshots(driver, name: str) -> None:
    folder = os.environ.get("DESK_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    for size_name, (width, height) in SIZES.items():
        driver.set_window_size(width, height)
        driver.save_screenshot(str(Path(folder) / f"{name}-{size_name}.png"))
    driver.set_window_size(*SIZES["laptop"])


def card(driver, folder: str):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, f"portrait-{folder}")


def signed_in(driver, address: str) -> None:
    """Signed in, on the collection page, its script running."""
    from selenium.webdriver.common.by import By

    driver.get(address + "/")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert wait_for(lambda: driver.find_element(By.TAG_NAME, "h1").text == "La collection")
    assert ready(driver)


def ready(driver) -> bool:
    """The page and its own script have run: the driver may hand a page back before."""
    return wait_for(lambda: driver.execute_script("return document.readyState") == "complete")


def wait_for(condition, timeout_s: float = 10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if condition():
                return True
        except Exception:  # noqa: BLE001 - the page is reloading: look again
            pass
        time.sleep(0.2)
    return False


def test_a_curator_signs_in_withdraws_publishes_and_restores_from_the_trash(served, browser):
    from selenium.webdriver.common.by import By

    address, root = served
    browser.get(address + "/")
    assert browser.current_url.endswith("/signin")
    screenshots(browser, "signin")
    browser.find_element(By.ID, "password").send_keys(PASSWORD)
    browser.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "La collection")
    assert "state-on-screen" in card(browser, "samira-benali").get_attribute("class")
    # Every thumbnail drawn: prepared by the desk's helper process, served to the page.
    assert wait_for(
        lambda: browser.execute_script(
            "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        ),
        timeout_s=30,
    )
    screenshots(browser, "collection")

    # The kiosks' health, as kiosk fleet prints it.
    browser.find_element(By.LINK_TEXT, "Bornes").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "Bornes")
    late = browser.find_element(By.CSS_SELECTOR, 'tr[data-kiosk="bibliotheque"]')
    assert "stale" in late.get_attribute("class") and "silencieuse" in late.text
    screenshots(browser, "fleet")
    browser.find_element(By.LINK_TEXT, "Collection").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "La collection")

    # Proofreading: the portrait as the kiosk draws it, each shape and language, and its voice.
    card(browser, "samira-benali").find_element(By.CSS_SELECTOR, "h2 a").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "Samira B.")
    assert wait_for(
        lambda: browser.execute_script(
            "return [...document.images].every(i => i.complete && i.naturalWidth > 0)"
        ),
        timeout_s=120,
    )
    assert (
        len(browser.find_elements(By.CSS_SELECTOR, ".proof img")) == 8
    )  # 2 shapes, 2 languages, with its voice
    assert browser.find_elements(By.CSS_SELECTOR, "audio[src$='/voice/fr']")
    screenshots(browser, "portrait")
    browser.back()

    card(browser, "samira-benali").find_element(By.CSS_SELECTOR, "button.withdraw").click()
    assert wait_for(lambda: "state-draft" in card(browser, "samira-benali").get_attribute("class"))
    assert "samira-benali est retiré" in browser.find_element(By.CLASS_NAME, "notice").text
    assert (root / "samira-benali" / "portrait.yaml").read_text().splitlines()[-1] == "published: false"
    card(browser, "samira-benali").find_element(By.CSS_SELECTOR, "button.publish").click()
    assert wait_for(lambda: "state-on-screen" in card(browser, "samira-benali").get_attribute("class"))

    # A new portrait through the form, with its photo.
    browser.find_element(By.CSS_SELECTOR, "nav a[href='/add']").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "Ajouter des portraits")
    form = browser.find_element(By.ID, "add-form")
    for field, text in {
        "name": "Inès T.",
        "profession.fr": "Architecte",
        "profession.en": "Architect",
        "origin.fr": "Tunisie",
        "origin.en": "Tunisia",
        "testimony.fr": "Je dessine des écoles.",
        "testimony.en": "I draw schools.",
    }.items():
        form.find_element(By.ID, field).send_keys(text)
    form.find_element(By.ID, "files").send_keys(str(root / "samira-benali" / "photo.jpg"))
    screenshots(browser, "add")
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert wait_for(lambda: "state-on-screen" in card(browser, "ines-t").get_attribute("class"), timeout_s=30)
    assert "ines-t" in browser.find_element(By.CLASS_NAME, "notice").text

    # Someone copies a folder onto the share: the page shows it by itself.
    shutil.copytree(root / "karim-haddad", root / "zoe-martin")
    assert wait_for(lambda: card(browser, "zoe-martin").is_displayed(), timeout_s=15)

    card(browser, "zoe-martin").find_element(By.CSS_SELECTOR, "button.remove").click()
    assert wait_for(lambda: not browser.find_elements(By.ID, "portrait-zoe-martin"))
    browser.find_element(By.CSS_SELECTOR, "nav a[href='/trash']").click()
    assert wait_for(lambda: browser.find_element(By.TAG_NAME, "h1").text == "Corbeille")
    screenshots(browser, "trash")
    browser.find_element(By.CSS_SELECTOR, "[data-folder='zoe-martin'] button").click()
    assert wait_for(lambda: "zoe-martin est de retour" in browser.find_element(By.CLASS_NAME, "notice").text)
    assert (root / "zoe-martin" / "portrait.yaml").is_file()


def test_a_stolen_form_from_another_site_changes_nothing(served, browser, tmp_path):
    """A page elsewhere that posts to the desk (the curator signed in) is refused: the
    session cookie is SameSite=Strict and the form has no token of the desk's."""

    address, root = served
    signed_in(browser, address)
    attack = tmp_path / "attack.html"
    attack.write_text(
        f'<form id="f" method="post" action="{address}/portrait/samira-benali/remove">'
        '<input name="csrf_token" value="guessed"></form><script>document.getElementById("f").submit()</script>'
    )
    browser.get(attack.as_uri())
    time.sleep(1.5)
    assert (root / "samira-benali" / "portrait.yaml").is_file()


def test_a_folder_dropped_onto_the_add_page_is_added(served, browser):
    import base64

    address, root = served
    signed_in(browser, address)
    browser.get(address + "/add")
    assert ready(browser)
    files = {
        "dina-s/portrait.yaml": (root / "karim-haddad" / "portrait.yaml").read_bytes(),
        "dina-s/photo.jpg": (root / "karim-haddad" / "photo.jpg").read_bytes(),
    }
    browser.execute_script(
        """
        const zone = document.querySelector("[data-drop]");
        const dropped = new DataTransfer();
        for (const [name, data] of Object.entries(arguments[0])) {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          dropped.items.add(new File([bytes], name));
        }
        zone.dispatchEvent(new DragEvent("drop", { dataTransfer: dropped, bubbles: true, cancelable: true }));
        """,
        {name: base64.b64encode(data).decode() for name, data in files.items()},
    )
    assert wait_for(lambda: "state-on-screen" in card(browser, "dina-s").get_attribute("class"), timeout_s=30)
    assert (root / "dina-s" / "photo.jpg").read_bytes() == files["dina-s/photo.jpg"]


def test_the_collection_page_is_not_reloaded_while_a_form_is_on_its_way(served, browser):

    address, root = served
    signed_in(browser, address)
    # The curator sends a card's form (the event alone: its answer never comes), then
    # someone copies a folder onto the share: the page waits for its answer.
    browser.execute_script(
        """
        window.stillThisPage = true;
        document.querySelector("#portrait-karim-haddad form").dispatchEvent(new Event("submit", { bubbles: true }));
        """
    )
    shutil.copytree(root / "karim-haddad", root / "zoe-martin")
    time.sleep(6)  # three looks at the collection
    assert browser.execute_script("return window.stillThisPage === true")
    # Nothing sent: the same change redraws the page by itself.
    browser.get(address + "/")
    assert ready(browser)
    browser.execute_script("window.stillThisPage = true;")
    shutil.copytree(root / "karim-haddad", root / "yara-n")
    assert wait_for(lambda: browser.execute_script("return window.stillThisPage !== true"), timeout_s=15)
    assert wait_for(lambda: card(browser, "yara-n").is_displayed())

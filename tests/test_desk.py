"""The curators' desk over HTTP, with Starlette's test client: signing in, the collection
and its states, publishing and withdrawing, the trash; and what an attacker meets: no
page without the password, no change without the page's own form, slowed guessing,
escaped text, headers that forbid framing and foreign scripts."""

from __future__ import annotations

import html
import io
import os
import re
import shutil
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from starlette.testclient import TestClient

from kiosk.content.collection import scan
from kiosk.desk import changes
from kiosk.desk.app import Desk
from kiosk.pin import DESK_SETTING, hash_password, verify_password, write_pin_setting
from kiosk.settings import load_settings
from tests.conftest import GOOD_YAML, REPO, SAMPLES

PASSWORD = "tour saint-jacques"
FRENCH = {"accept-language": "fr-FR,fr;q=0.9,en;q=0.5"}
ENGLISH = {"accept-language": "en-GB,en;q=0.8"}


@pytest.fixture
def root(tmp_path):
    folder = tmp_path / "portraits"
    shutil.copytree(SAMPLES, folder)
    write_pin_setting(str(folder / "kiosk.yaml"), hash_password(PASSWORD), DESK_SETTING)
    return folder


@pytest.fixture
def desk(root, tmp_path):
    settings, _ = load_settings(str(root / "kiosk.yaml"))
    made = Desk(str(root), settings, tmp_path / "desk")
    yield made
    made.close()


@pytest.fixture
def client(desk):
    with TestClient(desk.app, base_url="http://desk.local", headers=ENGLISH) as browser:
        yield browser


def token(page: str) -> str:
    found = re.search(r'name="(csrf[^"]*)" value="([^"]+)"', page)
    assert found, "no form token on the page"
    return found[2]


def sign_in(client, password=PASSWORD, headers=ENGLISH):
    form = client.get("/signin", headers=headers)
    return client.post(
        "/signin",
        data={"csrf_token": token(form.text), "password": password},
        headers=headers,
        follow_redirects=False,
    )


def signed_in(client, headers=ENGLISH):
    assert sign_in(client, headers=headers).status_code == 303
    return client.get("/", headers=headers)


def test_a_signed_out_visitor_gets_the_sign_in_form_with_one_password_field(client):
    answer = client.get("/", follow_redirects=True, headers={"accept-language": ""})
    assert answer.url.path == "/signin"
    # No language asked for: the collection's default, French.
    assert answer.text.count('type="password"') == 1 and "Se connecter" in answer.text


def test_after_sign_in_the_collection_shows_every_folder_with_its_state(client):
    page = signed_in(client)
    assert page.status_code == 200
    for folder in ("samira-benali", "sokha-chan", "nadia-khoury"):
        assert f'data-folder="{folder}"' in page.text
    draft = re.search(r'<li class="portrait state-(\S+)" id="portrait-nadia-khoury"', page.text)
    assert draft and draft[1] == "draft"
    assert re.search(r"On screen <b>8</b>", page.text) and re.search(r"Drafts <b>1</b>", page.text)


def test_the_page_follows_the_browsers_language(client):
    page = signed_in(client, headers=FRENCH)
    assert "La collection" in page.text and "Brouillons" in page.text and 'lang="fr"' in page.text


def test_a_broken_folder_shows_its_problems_in_kiosk_checks_words(client, root):
    (root / "samira-benali" / "portrait.yaml").write_text("name: Samira B.\n")
    page = signed_in(client)
    card = page.text[page.text.index('id="portrait-samira-benali"') :]
    card = card[: card.index("</li>\n  <li") if "</li>\n  <li" in card else len(card)]
    assert 'state-broken"' in page.text.split('id="portrait-samira-benali"')[0][-40:]
    expected = [p.as_line() for p in scan(str(root)).problems if p.folder == "samira-benali"]
    assert expected and all(line.replace("'", "&#39;") in card for line in expected)
    assert all(page.text.count(line.replace("'", "&#39;")) == 1 for line in expected)  # in its card, once


def test_a_home_the_gazetteer_lacks_is_said_in_its_card_as_kiosk_check_says_it(client, root):
    path = root / "samira-benali" / "portrait.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("home: Oran, Algérie", "home: Oarn, Algérie"))
    page = html.unescape(signed_in(client, headers=FRENCH).text)
    card = page[page.index('id="portrait-samira-benali"') :]
    assert "'home' vaut 'Oarn, Algérie', que le répertoire géographique ne connaît pas" in card
    assert "vouliez-vous écrire 'Oran, Algérie' ?" in card


def test_a_french_browser_reads_the_problems_in_french(client, root):
    (root / "samira-benali" / "portrait.yaml").write_text("name: Samira B.\n")
    page = html.unescape(signed_in(client, headers=FRENCH).text)
    assert "samira-benali/portrait.yaml: 'profession' manque : écrivez le métier de la personne" in page
    assert "is missing" not in page


def test_withdrawing_keeps_every_other_line_and_publishing_brings_it_back(client, root):
    page = signed_in(client)
    path = root / "samira-benali" / "portrait.yaml"
    before = path.read_text()
    answer = client.post(
        "/portrait/samira-benali/published",
        data={"csrf_token": token(page.text), "published": "false"},
        follow_redirects=True,
    )
    assert "samira-benali is withdrawn" in answer.text
    after = path.read_text()
    assert after.splitlines()[:-1] == before.splitlines() and after.splitlines()[-1] == "published: false"
    assert (
        not scan(str(root))
        .readings[[r.id for r in scan(str(root)).readings].index("samira-benali")]
        .published
    )
    client.post(
        "/portrait/samira-benali/published", data={"csrf_token": token(page.text), "published": "true"}
    )
    assert path.read_text().splitlines()[-1] == "published: true"
    assert path.read_text().splitlines()[:-1] == before.splitlines()


def test_a_comment_and_an_existing_published_line_are_kept_in_place(client, root):
    path = root / "nadia-khoury" / "portrait.yaml"
    lines = path.read_text().splitlines()
    assert any(line.startswith("published:") for line in lines)
    page = signed_in(client)
    client.post(
        "/portrait/nadia-khoury/published", data={"csrf_token": token(page.text), "published": "true"}
    )
    changed = path.read_text().splitlines()
    assert len(changed) == len(lines)
    assert [a for a, b in zip(lines, changed, strict=True) if a != b] == [
        next(line for line in lines if line.startswith("published:"))
    ]


def test_a_removed_portrait_goes_to_the_trash_and_comes_back(client, root):
    page = signed_in(client)
    client.post("/portrait/sokha-chan/remove", data={"csrf_token": token(page.text)})
    assert not (root / "sokha-chan").exists()
    trashed = list((root / ".trash").iterdir())
    assert len(trashed) == 1 and trashed[0].name.startswith("sokha-chan~")
    assert "sokha-chan" not in [r.id for r in scan(str(root)).readings]  # the kiosk skips the trash
    trash = client.get("/trash")
    assert 'data-folder="sokha-chan"' in trash.text
    back = client.post(
        f"/trash/{trashed[0].name}/restore", data={"csrf_token": token(trash.text)}, follow_redirects=True
    )
    assert "sokha-chan is back in the collection" in back.text
    assert (root / "sokha-chan" / "portrait.yaml").is_file()


def test_the_trash_keeps_a_portrait_thirty_days(root):
    removed = changes.remove(str(root), "sokha-chan", now=datetime(2026, 11, 1, tzinfo=UTC))
    assert [e.name for e in changes.trashed(str(root), now=datetime(2026, 11, 30, tzinfo=UTC))] == [
        removed.name
    ]
    assert changes.trashed(str(root), now=removed.removed_at + timedelta(days=31)) == []
    assert not (root / ".trash" / removed.name).exists()


def test_a_restore_never_overwrites_a_folder_of_the_same_name(client, root):
    removed = changes.remove(str(root), "sokha-chan")
    shutil.copytree(root / "samira-benali", root / "sokha-chan")
    trash = signed_in(client) and client.get("/trash")
    answer = client.post(
        f"/trash/{removed.name}/restore", data={"csrf_token": token(trash.text)}, follow_redirects=True
    )
    assert "is in the collection already" in answer.text
    assert (root / ".trash" / removed.name / "portrait.yaml").is_file()


@pytest.mark.parametrize("path", ["/", "/trash", "/revision", "/portrait/samira-benali/thumbnail"])
def test_nothing_shows_without_the_password(client, path):
    answer = client.get(path, follow_redirects=False)
    assert answer.status_code in (303, 401)
    assert "Samira" not in answer.text


@pytest.mark.parametrize(
    "path, data",
    [
        ("/portrait/samira-benali/published", {"published": "false"}),
        ("/portrait/samira-benali/remove", {}),
    ],
)
def test_a_change_without_the_pages_own_token_is_refused_with_403(client, root, path, data):
    signed_in(client)
    before = (root / "samira-benali" / "portrait.yaml").read_bytes()
    assert client.post(path, data=data).status_code == 403
    assert client.post(path, data={**data, "csrf_token": "stolen-from-another-session"}).status_code == 403
    assert (root / "samira-benali" / "portrait.yaml").read_bytes() == before


def test_a_token_from_before_sign_in_does_not_work_after_it(client, root):
    old = token(client.get("/signin").text)
    signed_in(client)
    answer = client.post("/portrait/samira-benali/remove", data={"csrf_token": old})
    assert answer.status_code == 403 and (root / "samira-benali").is_dir()


def test_wrong_passwords_are_slowed_down_and_then_refused_with_429(client):
    answers = [sign_in(client, password="wrong password").status_code for _ in range(4)]
    assert answers[:2] == [403, 403] and answers[-1] == 429
    refused = sign_in(client)
    assert (
        refused.status_code == 429 and "Too many wrong passwords: wait" in refused.text
    )  # the right one waits too


def test_folder_names_from_the_page_never_leave_the_collection(client, root, tmp_path):
    page = signed_in(client)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "portrait.yaml").write_text(GOOD_YAML)
    for name in ("..%2Foutside", "%2E%2E", ".trash", "../outside"):
        client.post(f"/portrait/{name}/remove", data={"csrf_token": token(page.text)})
        client.post(
            f"/portrait/{name}/published", data={"csrf_token": token(page.text), "published": "false"}
        )
    assert (outside / "portrait.yaml").read_text() == GOOD_YAML
    assert {p.name for p in root.iterdir() if not p.name.startswith(".")} == {
        *(p.name for p in SAMPLES.iterdir()),
        "kiosk.yaml",
    }


def test_text_from_content_is_escaped_on_the_page(client, root):
    (root / "samira-benali" / "portrait.yaml").write_text(
        GOOD_YAML.replace("Samira B.", '<script>alert("x")</script><img src=x onerror=alert(1)>')
    )
    page = signed_in(client)
    assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert" in page.text


def test_every_answer_forbids_framing_sniffing_and_foreign_scripts(client):
    answer = client.get("/signin")
    policy = answer.headers["content-security-policy"]
    assert (
        "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy
    )
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    cookie = answer.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie  # plain http


def test_the_page_has_no_inline_script(client):
    page = signed_in(client).text
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/desk.js" defer>']
    assert re.search(r"<[^>]+\son\w+\s*=", page) is None  # no event-handler attributes either


def test_a_thumbnail_is_the_portraits_photo(client):
    signed_in(client)
    answer = client.get("/portrait/samira-benali/thumbnail")
    assert answer.status_code == 200 and answer.headers["content-type"] == "image/jpeg"
    assert answer.content[:3] == b"\xff\xd8\xff"


def test_the_revision_changes_when_a_folder_is_copied_in(client, root, desk):
    signed_in(client)
    first = client.get("/revision").json()["revision"]
    shutil.copytree(root / "samira-benali", root / "new-person")
    desk.collection.read_now()
    assert client.get("/revision").json()["revision"] != first


def test_no_password_set_means_nobody_signs_in(root, tmp_path):
    (root / "kiosk.yaml").write_text("")
    settings, _ = load_settings(str(root / "kiosk.yaml"))
    desk = Desk(str(root), settings, tmp_path / "desk2")
    try:
        with TestClient(desk.app) as browser:
            answer = sign_in(browser, password="anything at all")
            assert answer.status_code == 403 and "kiosk pin --desk" in answer.text
    finally:
        desk.close()


def test_the_running_kiosk_follows_the_desk_withdrawn_back_and_added_within_seconds(
    client, root, make_kiosk, qtbot
):
    kiosk = make_kiosk(root, watch=True)
    shown = lambda: {portrait.id for portrait in kiosk.session.portraits.portraits()}  # noqa: E731
    assert "samira-benali" in shown()
    page = signed_in(client)
    client.post(
        "/portrait/samira-benali/published", data={"csrf_token": token(page.text), "published": "false"}
    )
    qtbot.waitUntil(lambda: "samira-benali" not in shown(), timeout=15_000)
    assert sorted(p.name for p in (root / "samira-benali").iterdir()) == sorted(
        p.name for p in (SAMPLES / "samira-benali").iterdir()
    )
    client.post(
        "/portrait/samira-benali/published", data={"csrf_token": token(page.text), "published": "true"}
    )
    qtbot.waitUntil(lambda: "samira-benali" in shown(), timeout=15_000)


def run_kiosk(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        timeout=60,
    )


def test_kiosk_pin_desk_reads_one_line_from_a_script_and_stores_only_a_hash(tmp_path):
    (tmp_path / "kiosk.yaml").write_text('title: Expo\nadmin_pin: "keep me"\n# a comment\n', encoding="utf-8")
    done = run_kiosk("pin", "--desk", str(tmp_path), stdin="a long desk password\n")
    assert done.returncode == 0, done.stderr
    text = (tmp_path / "kiosk.yaml").read_text(encoding="utf-8")
    assert "a long desk password" not in text and "# a comment" in text and 'admin_pin: "keep me"' in text
    settings, _ = load_settings(str(tmp_path / "kiosk.yaml"))
    assert verify_password("a long desk password", settings.desk_password)
    short = run_kiosk("pin", "--desk", str(tmp_path), stdin="short\n", env={"LANG": "en_US.UTF-8"})
    assert short.returncode == 1 and "8 to 200 characters" in short.stderr


def test_a_desk_password_written_in_clear_is_refused_with_its_line(tmp_path):
    (tmp_path / "kiosk.yaml").write_text("title: Expo\ndesk_password: hunter22\n", encoding="utf-8")
    settings, (problem,) = load_settings(str(tmp_path / "kiosk.yaml"))
    assert settings.desk_password == "" and problem.line == 2 and "kiosk pin --desk" in problem.message


def test_kiosk_service_desk_prints_a_unit_that_serves_the_desk_there(tmp_path):
    done = run_kiosk("service", str(tmp_path), "--desk", "192.168.1.20:8750")
    assert done.returncode == 0, done.stderr
    assert f"desk {tmp_path} --listen 192.168.1.20:8750" in done.stdout and "[Install]" in done.stdout
    assert run_kiosk("service", str(tmp_path), "--desk", "nowhere").returncode == 2


def test_a_portraits_page_has_its_proofs_and_its_voices(client, root):
    signed_in(client)
    page = client.get("/portrait/samira-benali").text
    for shape in ("landscape", "portrait"):
        for code in ("fr", "en"):
            assert f'src="/portrait/samira-benali/proof/{shape}/{code}"' in page
    assert '<audio controls preload="none" src="/portrait/samira-benali/voice/fr">' in page
    voice = client.get("/portrait/samira-benali/voice/fr")
    assert (
        voice.status_code == 200 and voice.content == (root / "samira-benali" / "voice.fr.ogg").read_bytes()
    )
    assert client.get("/portrait/samira-benali/voice/de").status_code == 404


def test_a_proof_is_the_kiosks_own_screen_drawn_once_per_version(client, root, desk):
    from PIL import Image

    signed_in(client)
    first = client.get("/portrait/sokha-chan/proof/portrait/en")
    assert first.status_code == 200 and first.headers["content-type"] == "image/png"
    picture = Image.open(io.BytesIO(first.content))
    assert picture.size == (1080, 1920) and len(picture.convert("L").resize((54, 96)).getcolors(5000)) > 20
    drawn = sorted((tmp := desk.proofs.folder).glob("*.png"))
    assert client.get("/portrait/sokha-chan/proof/portrait/en").content == first.content
    assert sorted(tmp.glob("*.png")) == drawn  # kept: not drawn again
    assert client.get("/portrait/sokha-chan/proof/sideways/en").status_code == 404
    assert client.get("/portrait/sokha-chan/proof/portrait/de").status_code == 404


def edit_form(client, folder):
    page = client.get(f"/portrait/{folder}/edit")
    assert page.status_code == 200
    fields = dict(re.findall(r'<input id="[^"]+" name="([^"]+)"[^>]*value="([^"]*)"', page.text))
    fields.update(re.findall(r'<textarea id="[^"]+" name="([^"]+)"[^>]*>([^<]*)</textarea>', page.text))
    return page, {key: html.unescape(value) for key, value in fields.items()}


def test_editing_a_text_writes_that_line_only_and_keeps_the_comments(client, root):
    path = root / "samira-benali" / "portrait.yaml"
    path.write_text("# Checked by the curators, June.\n" + path.read_text())
    before = path.read_text().splitlines()
    signed_in(client)
    page, fields = edit_form(client, "samira-benali")
    assert fields["origin.en"] == "Algeria" and fields["name"] == "Samira B."
    fields["origin.en"] = "Algeria (Oran)"
    answer = client.post(
        "/portrait/samira-benali/edit", data={"csrf_token": token(page.text), **fields}, follow_redirects=True
    )
    assert "The texts of samira-benali are saved" in answer.text
    after = path.read_text().splitlines()
    assert [(a, b) for a, b in zip(before, after, strict=True) if a != b] == [
        ("  en: Algeria", "  en: Algeria (Oran)")
    ]
    portrait = next(r for r in scan(str(root)).readings if r.id == "samira-benali").portrait
    assert (
        portrait.origin.get("en", "fr") == "Algeria (Oran)" and portrait.origin.get("fr", "fr") == "Algérie"
    )


def test_sending_the_form_unchanged_leaves_the_file_as_it_was(client, root):
    path = root / "sokha-chan" / "portrait.yaml"
    before = path.read_bytes()
    signed_in(client)
    page, fields = edit_form(client, "sokha-chan")
    answer = client.post(
        "/portrait/sokha-chan/edit", data={"csrf_token": token(page.text), **fields}, follow_redirects=True
    )
    assert "Nothing was changed in sokha-chan" in answer.text and path.read_bytes() == before


def test_one_text_for_every_language_becomes_one_per_language_when_one_is_changed(client, root):
    folder = root / "one-text"
    folder.mkdir()
    (folder / "portrait.yaml").write_text(
        "name: Ana\nprofession: Photographe  # the same word in both\norigin: Chili\ntestimony: Bonjour.\n"
    )
    shutil.copy(root / "samira-benali" / "photo.jpg", folder / "photo.jpg")
    signed_in(client)
    page, fields = edit_form(client, "one-text")
    assert fields["profession.fr"] == fields["profession.en"] == "Photographe"
    fields["profession.en"] = "Photographer"
    client.post("/portrait/one-text/edit", data={"csrf_token": token(page.text), **fields})
    portrait = next(r for r in scan(str(root)).readings if r.id == "one-text").portrait
    assert (
        portrait.profession.get("en", "fr") == "Photographer"
        and portrait.profession.get("fr", "fr") == "Photographe"
    )
    assert "origin: Chili" in (folder / "portrait.yaml").read_text()


def test_a_required_text_cannot_be_emptied_from_the_desk(client, root):
    path = root / "samira-benali" / "portrait.yaml"
    before = path.read_bytes()
    signed_in(client)
    page, fields = edit_form(client, "samira-benali")
    fields["name"] = ""
    answer = client.post(
        "/portrait/samira-benali/edit", data={"csrf_token": token(page.text), **fields}, follow_redirects=True
    )
    assert "cannot be left empty" in answer.text and path.read_bytes() == before


def test_an_edit_with_html_is_kept_as_text(client, root):
    signed_in(client)
    page, fields = edit_form(client, "samira-benali")
    fields["quote.en"] = '"<b>bold</b>" & <script>x</script>'
    client.post("/portrait/samira-benali/edit", data={"csrf_token": token(page.text), **fields})
    portrait = next(r for r in scan(str(root)).readings if r.id == "samira-benali").portrait
    assert portrait.quote.get("en", "fr") == '"<b>bold</b>" & <script>x</script>'
    page, fields = edit_form(client, "samira-benali")
    assert (
        "<script>x</script>" not in page.text and fields["quote.en"] == '"<b>bold</b>" & <script>x</script>'
    )

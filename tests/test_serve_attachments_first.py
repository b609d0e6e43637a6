"""`jobnotes serve` serves an attachment whenever a page of the site would link it, even
when the browser asks for it before any page using it (a restored tab, a bookmarked
image), and never a vault file the site would not publish."""

from __future__ import annotations

import re
import time
import urllib.error
import urllib.request
from pathlib import Path

from jobnotes.obsidian.attachments import url
from tests.conftest import running_serve, write_vault

PNG = b"\x89PNG\r\n\x1a\npicture"
APP = "---\ncompany: Acme\nrole: Analyst\nstatus: wishlist\n---\n![[pic.png]]\n"


def fetch(base: str, path: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(base + path.lstrip("/"), timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def served_url(lines: list[str]) -> str:
    return next(re.search(r"http://\S+", line).group(0) for line in lines if "Serving" in line)


def test_an_image_asked_for_before_its_page_is_served_before_and_after(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {
        "applications/img.md": APP,
        "attachments/pic.png": PNG,
        "attachments/unused.png": b"\x89PNG\r\n\x1a\nnot linked by any note",
    })
    image = url("attachments/pic.png", "/")
    with running_serve(root) as lines:
        base = served_url(lines)
        assert fetch(base, image) == (200, PNG)
        status, page = fetch(base, "applications/img.html")
        assert status == 200 and image.lstrip("/").encode() in page
        assert fetch(base, image) == (200, PNG)


def test_an_image_that_404d_is_served_once_a_note_links_it(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {
        "applications/img.md": APP.replace("![[pic.png]]", "No picture yet."),
        "attachments/pic.png": PNG,
    })
    image = url("attachments/pic.png", "/")
    with running_serve(root) as lines:
        base = served_url(lines)
        assert fetch(base, image)[0] == 404
        note = root / "applications/img.md"
        note.write_text(note.read_text(encoding="utf-8").replace("No picture yet.",
                                                                 "![[pic.png]]"),
                        encoding="utf-8")
        assert _eventually(lambda: fetch(base, image) == (200, PNG))


def test_vault_files_the_site_does_not_publish_stay_unreachable(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "vault", {
        "applications/img.md": APP + "\n[[page.html]]\n",
        "attachments/pic.png": PNG,
        "attachments/unused.png": b"\x89PNG\r\n\x1a\nnot linked by any note",
        "attachments/page.html": "<script>alert(1)</script>",
    })
    with running_serve(root) as lines:
        base = served_url(lines)
        for rel in ("attachments/unused.png", "attachments/page.html",
                    "applications/img.md", "jobnotes.toml"):
            assert fetch(base, url(rel, "/"))[0] == 404, rel
        assert fetch(base, "applications/img.html")[0] == 200
        assert fetch(base, url("attachments/unused.png", "/"))[0] == 404
        assert fetch(base, url("attachments/pic.png", "/")) == (200, PNG)


def _eventually(check, tries: int = 200) -> bool:
    """Whether ``check`` holds within a few seconds (the watcher picks up a save)."""
    for _ in range(tries):
        if check():
            return True
        time.sleep(0.05)
    return False

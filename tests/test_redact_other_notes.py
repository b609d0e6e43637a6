"""`build --redact`: other notes a page shows or embeds are redacted too, never published
as written (their contact details, private sections and properties stay home)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from jobnotes.build import build_vault

DAY = date(2026, 11, 27)

NOTES = {
    "applications/acme.md": """\
        ---
        company: Acme
        role: Data Analyst
        status: interviewing
        applied: 2026-11-01
        interview_1: 2026-11-10
        channel: referral
        contacts: [Jo Park]
        ---
        Research in [[Acme Corp]]; talked to [[Jo Park]].

        ![[Acme Corp]]
        """,
    "Companies/Acme Corp.md": """\
        ---
        email: jo.park@acme.example
        industry: Fintech
        ---
        Jo Park (jo.park@acme.example, +46 70 123 45 67) is nice.

        ## Private
        Secret offer notes.
        """,
    "people/Jo Park.md": """\
        ---
        company: Acme
        role: recruiter
        email: jo.park@acme.example
        ---
        Jo Park: call +46 70 123 45 67.
        """,
}
SECRETS = ("jo.park@acme.example", "123 45 67", "Jo Park", "Secret offer", "Fintech")


def _site_text(site: Path) -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html")))


def test_a_redacted_copy_shows_other_notes_redacted(vault, tmp_path: Path):
    root = vault(NOTES)
    out = tmp_path / "shared"
    build_vault(root, out, today=DAY, redact=True)
    text = _site_text(out)
    for secret in SECRETS:
        assert secret not in text, secret
    page = (out / "notes" / "acme-corp.html").read_text(encoding="utf-8")
    assert "Contact A ([removed], [removed]) is nice." in page
    assert "Properties" not in page


def test_without_redaction_the_other_note_is_shown_whole(vault):
    root = vault(NOTES)
    build_vault(root, root / "_site", today=DAY)
    page = (root / "_site" / "notes" / "acme-corp.html").read_text(encoding="utf-8")
    assert "Jo Park (<a href=\"mailto:jo.park@acme.example\"" in page
    assert "Secret offer notes." in page
    assert "<dt>industry</dt><dd>Fintech</dd>" in page


def test_redacting_leaves_the_loaded_vault_as_it_was(vault):
    from jobnotes.interop.redact import redact_vault
    from jobnotes.load import load_vault

    loaded = load_vault(vault(NOTES), today=DAY)
    graph = loaded.link_graph
    redacted = redact_vault(loaded)
    assert loaded.link_graph is graph and redacted.link_graph is not graph
    assert graph is not None and graph.other("Companies/Acme Corp.md").body.startswith("Jo Park")

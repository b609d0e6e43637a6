"""Nothing a note contains runs in the site: an XSS corpus in bodies, front matter and file
names is sanitized, and a real browser loading every built page sees no script of a note
run and no Content-Security-Policy violation."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from jobnotes.build import build_site
from jobnotes.load import load_vault
from jobnotes.markdown import render_markdown
from jobnotes.site.pages import Links, external_url, linkedin_url, mailto_url

TODAY = date(2024, 3, 14)
JS = "window.pwned=1;alert(1)"

BODY_PAYLOADS = [
    f"<script>{JS}</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    f"<img src=x onerror={JS}>",
    f'<img src="x" onerror="{JS}">',
    f"<svg onload={JS}><script>{JS}</script></svg>",
    f"<svg><a xlink:href=\"javascript:{JS}\"><text>t</text></a></svg>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object><embed src=\"javascript:alert(1)\">",
    f"[x](javascript:{JS})",
    "[x](JaVaScRiPt:alert(1))",
    "[x](&#106;avascript:alert(1))",
    "[x](vbscript:msgbox(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:alert(1)">e</a>',
    '<a href="jav&#x09;ascript:alert(1)">tab</a>',
    '<a href="  javascript:alert(1)">space</a>',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    f'<details open ontoggle="{JS}"><summary>s</summary>d</details>',
    f'<div style="background:url(javascript:alert(1))" onmouseover="{JS}">hover</div>',
    "<style>body{display:none}</style>",
    '<form action="javascript:alert(1)"><input type="submit" formaction="javascript:alert(1)">'
    "</form>",
    '<base href="javascript:alert(1)//">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    '<link rel="stylesheet" href="https://evil.example/x.css">',
    "<img src=\"https://evil.example/pixel.png\">",
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    f"<<script>script>{JS}<</script>/script>",
    f'<img """><script>{JS}</script>">',
    f"<noscript><p title=\"</noscript><img src=x onerror={JS}>\">",
    "[[<img src=x onerror=alert(1)>]]",
    "![[<svg onload=alert(1)>.png]]",
    '<input type="text" autofocus onfocus="alert(1)">',
    '<a href="#" id="main">clobber</a> <img name="getElementById">',
    "> [!note] <img src=x onerror=alert(1)>\n> <script>alert(1)</script>",
    "#tag<script>alert(1)</script>",
]


def _render(text: str) -> str:
    return render_markdown(text)


@pytest.mark.parametrize("payload", BODY_PAYLOADS)
def test_payload_is_sanitized(vault, payload):
    root = vault({"applications/a.md": "---\ncompany: A\nrole: R\nstatus: wishlist\n---\nx\n"})
    loaded = load_vault(root, today=TODAY)
    links = Links(loaded)
    for html in (_render(payload),
                 render_markdown(payload, linker=links.linker("applications/a.html"))):
        lower = html.lower()
        assert "<script" not in lower and "<iframe" not in lower and "<svg" not in lower
        assert "<object" not in lower and "<embed" not in lower and "<style" not in lower
        assert "<form" not in lower and "<base" not in lower and "<meta" not in lower
        assert "<link" not in lower and "<math" not in lower
        assert not re.search(r"<[^>]*\son\w+\s*=", lower), html
        assert not re.search(r"(href|src|action)\s*=\s*\"?\s*(javascript|vbscript|data:text)",
                             lower), html
        assert "evil.example" not in lower
        assert 'id="main"' not in html and "name=" not in lower


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "java\tscript:x",
    "vbscript:msgbox(1)", "data:text/html,<b>x</b>", "data:image/png;base64,AAAA",
    "&#106;avascript:alert(1)", "//evil.example", "file:///etc/passwd", "https://", "",
    "http://exa mple.com", "https://exa\nmple.com", None,
])
def test_unsafe_front_matter_urls_are_never_links(url):
    assert external_url(url) is None
    assert linkedin_url(url) is None


def test_safe_front_matter_urls_are_kept():
    assert external_url("https://jobs.example/1?a=b&c=d") == "https://jobs.example/1?a=b&c=d"
    assert linkedin_url("linkedin.com/in/jane") == "https://linkedin.com/in/jane"
    assert mailto_url("jane@acme.example") == "mailto:jane@acme.example"
    assert mailto_url("a@b.example?subject=<script>") is None


# --- in a browser -------------------------------------------------------------------------------

PAYLOAD = f"<img src=x onerror={JS}>"
NAME = "<img src=x onerror=alert(9)>"


def _xss_vault() -> dict[str, str | bytes]:
    quoted = PAYLOAD.replace('"', '\\"')
    front = "\n".join(f'{key}: "{quoted}"' for key in (
        "location", "salary", "resume", "next_action"))
    body = "\n\n".join(BODY_PAYLOADS)
    return {
        "applications/xss.md": (
            f'---\ncompany: "{quoted}"\nrole: "<script>{JS}</script>"\nstatus: applied\n'
            f"channel: other\napplied: 2024-03-01\nurl: \"javascript:{JS}\"\n{front}\n"
            f'tags: ["{quoted}", "<svg onload=alert(1)>"]\nskills: ["{quoted}"]\n'
            f'contacts: ["[[{NAME}]]", "[[Jane Doe]]"]\n---\n'
            f"## Notes\n{body}\n\n[[Research]] ![[Research]] [[{NAME}]] #safe-tag\n"),
        f"applications/{NAME}.md": (
            "---\ncompany: Named\nrole: Payload\nstatus: wishlist\n---\n"
            f"Links to [[xss]] and [[{NAME}]].\n"),
        f"people/{NAME}.md": f'---\ncompany: "{quoted}"\nrole: recruiter\n'
                             f'linkedin: "javascript:{JS}"\nemail: "x@y.z?<script>"\n---\n{body}\n',
        "people/Jane Doe.md": "---\ncompany: Acme\nrole: recruiter\n---\nHi.\n",
        "notes/Research.md": f"---\ntags: [\"{quoted}\"]\n---\n{body}\n",
    }


def _pages(out: Path) -> list[Path]:
    return sorted(p for p in out.rglob("*.html"))


@pytest.mark.browser
def test_no_script_from_a_note_runs_in_the_browser(vault, tmp_path):
    from tests.browser import chromium_browser

    root = vault(_xss_vault())
    result = build_site(load_vault(root, today=TODAY), tmp_path / "site")
    pages = _pages(result.out)
    assert len(pages) >= 8
    assert any("notes/" in p.as_posix() for p in pages)
    with chromium_browser() as browser:
        page = browser.new_page()
        dialogs: list[str] = []
        console: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: console.append(f"{m.type}: {m.text}")
                if m.type in ("error", "warning") else None)
        page.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
        for path in pages:
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            for details in page.locator("details").all():     # open what folds
                details.evaluate("d => d.open = true")
            page.mouse.move(10, 10)
            page.mouse.move(400, 400)
            assert page.evaluate("window.pwned") is None, path
            assert page.locator("h1").count() >= 1, path
        page.close()
    assert dialogs == []
    assert [m for m in console if "Content Security Policy" in m] == []
    assert console == []


def test_each_sanitize_call_keeps_only_its_own_media_sources_across_threads():
    """The cleaner is shared; the attachments a call allows are that call's alone, even
    while other threads sanitize with other attachments (serve renders from two)."""
    from concurrent.futures import ThreadPoolExecutor

    from jobnotes.markdown import sanitize

    def one(n: int) -> tuple[int, str, str]:
        mine, other = f"a/{n}.png", f"a/{n + 1}.png"
        html = f'<p><img src="{mine}" alt="m"><img src="{other}" alt="o"></p>'
        return n, sanitize(html, {mine}), sanitize(html, None)

    with ThreadPoolExecutor(max_workers=4) as pool:
        results = list(pool.map(one, range(400)))
    for n, strict, loose in results:
        assert f'src="a/{n}.png"' in strict
        assert f'a/{n + 1}.png' not in strict and 'alt="o"' not in strict
        assert strict.endswith('>o</p>')      # the refused image is its alt text
        assert f'src="a/{n + 1}.png"' in loose and f'src="a/{n}.png"' in loose

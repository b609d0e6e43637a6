"""Hugo and MkDocs sites holding the same notes, with a minimal page-per-note layout.

Both get the application and people notes of a generated vault, copied as they are
except for front matter keys that would change what those tools do: Hugo reads
``url`` as the page address, ``type`` as the layout and ``aliases`` as redirect
pages, so they are renamed in Hugo's copy (same size, same key count). Each page
shows the note's company and role (or name) and its rendered Markdown, nothing else.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
from pathlib import Path

NOTE_FOLDERS = ("applications", "people")

HUGO_CONFIG = """\
baseURL = "http://localhost/"
title = "Benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT", "404"]
[markup.goldmark.renderer]
unsafe = false
"""
HUGO_SINGLE = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ with .Params.company }}{{ . }}{{ end }} {{ with .Params.role }}{{ . }}{{ end }}</title>
</head><body>
<h1>{{ .Params.company }} — {{ .Params.role }}</h1>
{{ .Content }}
</body></html>
"""
HUGO_LIST = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><h1>{{ .Title }}</h1></body></html>
"""
MKDOCS_MAIN = """\
<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{{ page.meta.company }} {{ page.meta.role }}</title>
</head><body>
<h1>{{ page.meta.company }} — {{ page.meta.role }}</h1>
{{ page.content }}
</body></html>
"""
_HUGO_RENAMES = re.compile(r"^(url|type|aliases):", re.M)


def _front_end(text: str) -> int:
    """Offset just past the closing ``---`` of the front matter (0 when there is none)."""
    if not text.startswith("---\n"):
        return 0
    end = text.find("\n---\n", 3)
    return 0 if end < 0 else end + 5


def copy_notes(vault: Path, dest: Path, *, rename_hugo_keys: bool = False) -> int:
    """Copy the note folders of ``vault`` into ``dest``; return how many notes."""
    count = 0
    for folder in NOTE_FOLDERS:
        target = dest / folder
        target.mkdir(parents=True, exist_ok=True)
        for path in sorted((vault / folder).glob("*.md")):
            text = path.read_text(encoding="utf-8")
            if rename_hugo_keys:
                end = _front_end(text)
                text = _HUGO_RENAMES.sub(r"note_\1:", text[:end]) + text[end:]
            (target / path.name).write_text(text, encoding="utf-8")
            count += 1
    return count


def make_hugo_site(vault: Path, site: Path) -> int:
    if site.exists():
        shutil.rmtree(site)
    (site / "layouts" / "_default").mkdir(parents=True)
    (site / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    (site / "layouts" / "_default" / "single.html").write_text(HUGO_SINGLE, encoding="utf-8")
    (site / "layouts" / "_default" / "list.html").write_text(HUGO_LIST, encoding="utf-8")
    return copy_notes(vault, site / "content", rename_hugo_keys=True)


def hugo_command(site: Path, out: Path, cache: Path) -> list[str]:
    return ["hugo", "--quiet", "--source", str(site), "--destination", str(out),
            "--cacheDir", str(cache), "--noBuildLock"]


def make_mkdocs_site(vault: Path, site: Path, out: Path) -> int:
    if site.exists():
        shutil.rmtree(site)
    (site / "theme").mkdir(parents=True)
    (site / "theme" / "main.html").write_text(MKDOCS_MAIN, encoding="utf-8")
    (site / "theme" / "404.html").write_text("<h1>Not found</h1>\n", encoding="utf-8")
    (site / "mkdocs.yml").write_text(
        "site_name: Benchmark\n"
        f"docs_dir: {site / 'docs'}\n"
        f"site_dir: {out}\n"
        "theme:\n  name: null\n  custom_dir: theme\n", encoding="utf-8")
    count = copy_notes(vault, site / "docs")
    (site / "docs" / "index.md").write_text("# Benchmark\n", encoding="utf-8")
    return count


def mkdocs_command(site: Path) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean",
            "--config-file", str(site / "mkdocs.yml")]


def _say(message: str) -> None:
    print(message, flush=True)


def ensure_hugo() -> str | None:
    """The Hugo version, installing Debian's package when it is missing; None if impossible."""
    if shutil.which("hugo") is None:
        if shutil.which("apt-get") is None:
            _say("note: hugo is missing and apt-get is not available; Hugo is skipped.")
            return None
        _say("installing hugo (apt-get update; apt-get install -y hugo) ...")
        for cmd in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "hugo"]):
            done = subprocess.run(cmd, capture_output=True, text=True)
            if done.returncode != 0:
                _say(f"note: `{' '.join(cmd)}` failed ({done.stderr.strip()[-300:]}); "
                     "Hugo is skipped.")
                return None
    done = subprocess.run(["hugo", "version"], capture_output=True, text=True)
    return done.stdout.strip().split(" BuildDate")[0] if done.returncode == 0 else None


def ensure_mkdocs() -> str | None:
    """The MkDocs version, installing it into this Python's environment when missing."""
    if importlib.util.find_spec("mkdocs") is None:
        _say(f"installing mkdocs ({sys.executable} -m pip install mkdocs) ...")
        done = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "mkdocs"],
                              capture_output=True, text=True)
        if done.returncode != 0:
            _say(f"note: pip install mkdocs failed ({done.stderr.strip()[-300:]}); "
                 "MkDocs is skipped.")
            return None
        importlib.invalidate_caches()
    done = subprocess.run([sys.executable, "-m", "mkdocs", "--version"], capture_output=True,
                          text=True)
    return done.stdout.strip().split(" from ")[0] if done.returncode == 0 else None

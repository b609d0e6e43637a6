"""Attachments: which files may be copied into the site, where they go, how they embed.

Only files a note embeds or links are copied, and only of kinds that cannot run code when
opened from the site: images, audio, video, PDFs and office or text documents. An HTML,
JavaScript or XML file in the vault is never published, even when linked.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

ATTACHMENTS_FOLDER = "attachments"

IMAGE = frozenset({"png", "jpg", "jpeg", "gif", "bmp", "svg", "webp", "avif", "ico"})
AUDIO = frozenset({"mp3", "wav", "m4a", "ogg", "flac", "3gp", "opus"})
VIDEO = frozenset({"mp4", "webm", "ogv", "mov", "mkv"})
DOCUMENT = frozenset({"pdf", "txt", "csv", "tsv", "doc", "docx", "odt", "rtf", "xls", "xlsx",
                      "ods", "ppt", "pptx", "odp", "key", "pages", "numbers", "epub", "zip"})


def extension(rel: str) -> str:
    name = rel.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def kind(rel: str) -> str | None:
    """"image", "audio", "video" or "file"; None for a file the site never publishes."""
    ext = extension(rel)
    if ext in IMAGE:
        return "image"
    if ext in AUDIO:
        return "audio"
    if ext in VIDEO:
        return "video"
    if ext in DOCUMENT:
        return "file"
    return None


def site_path(rel: str) -> str:
    """Where an attachment is written in the site: its vault path under ``attachments/``."""
    return f"{ATTACHMENTS_FOLDER}/{rel}"


def url(rel: str, root: str) -> str:
    return root + quote(site_path(rel))


def site_files(root: Path, rels: set[str]) -> dict[str, bytes]:
    """The bytes of every attachment used by a page; a file that vanished is skipped."""
    files: dict[str, bytes] = {}
    for rel in sorted(rels):
        try:
            files[site_path(rel)] = (Path(root) / rel).read_bytes()
        except OSError:
            continue
    return files

"""A tip for a vault kept in git: the site folder inside it is tracked unless ignored.

``init`` writes a .gitignore naming the site folder; a vault made otherwise has none, and
after a build ``git status`` lists every page. jobnotes never edits .gitignore (the
vault is the user's), so it says what to add, once git itself says the folder is not
ignored.
"""

from __future__ import annotations

from pathlib import Path


def _repository(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def untracked_site_tip(vault_root: Path, out: Path) -> str | None:
    """The tip, or None when the site is outside any repository, ignored already, or
    git cannot be asked."""
    site = out.resolve()
    repository = _repository(vault_root.resolve())
    if repository is None or not site.is_relative_to(repository) or site == repository:
        return None
    import shutil
    import subprocess

    git = shutil.which("git")
    if git is None:
        return None
    try:
        asked = subprocess.run([git, "-C", str(repository), "check-ignore", "-q", str(site)],
                               capture_output=True, timeout=5, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if asked.returncode != 1:          # 0: ignored; 128: git could not tell
        return None
    rel = site.relative_to(repository).as_posix()
    return (f"Tip: git would version the site in {rel}/ too; add the line /{rel}/ to "
            f"{repository / '.gitignore'} to keep it to your notes.")

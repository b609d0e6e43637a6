"""Every command through the CLI, with the exit codes a script or git hook relies on."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobnotes.cli import main
from tests.conftest import APPLIED_NOTE, EXAMPLE_VAULT, copy_example, hash_tree, write_vault

TODAY = ["--today", "2026-11-27"]

GOOD = APPLIED_NOTE + "\n## Notes\nSent a tailored resume.\n"

BAD = """\
---
company: Acme
role: Analyst
stauts: applied
status: intervewing
channel: job-board
applied: 2026-11-02
interviews: [2026-11-01]
---
"""


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture
def good_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {"applications/acme.md": GOOD,
                                            "jobnotes.toml": 'title = "Test"\n'})


@pytest.fixture
def bad_vault(tmp_path: Path) -> Path:
    return write_vault(tmp_path / "vault", {"applications/acme.md": GOOD,
                                            "applications/bad.md": BAD})


# --- check --------------------------------------------------------------------------------

def test_check_on_a_clean_vault_exits_0_with_a_summary(good_vault: Path) -> None:
    result = run("check", str(good_vault), *TODAY)
    assert result.exit_code == 0
    assert result.output.strip() == "1 note checked: no problems found."


def test_check_lists_every_finding_with_its_line_and_exits_1(bad_vault: Path) -> None:
    result = run("check", str(bad_vault), *TODAY)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "applications/bad.md:4:1: warning: unknown key `stauts` [unknown-key]" in lines[0]
    assert any(line.startswith("applications/bad.md:5:9: error:") and "[enum]" in line
               for line in lines)
    assert any("interviewing" in line and "hint" in line for line in lines)
    assert any("[date-order]" in line and line.startswith("applications/bad.md:8:")
               for line in lines)
    assert lines[-1].startswith("2 notes checked:") and "in 1 file" in lines[-1]


def test_check_json_is_machine_readable(bad_vault: Path) -> None:
    result = run("check", str(bad_vault), *TODAY, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.output)
    assert data["files_checked"] == 2 and data["errors"] >= 2
    rules = {d["rule"] for d in data["diagnostics"]}
    assert {"unknown-key", "enum", "date-order"} <= rules
    first = data["diagnostics"][0]
    assert set(first) == {"path", "line", "column", "severity", "rule", "message", "hint"}


def test_check_github_format_writes_annotations(bad_vault: Path) -> None:
    result = run("check", str(bad_vault), *TODAY, "--format", "github")
    assert result.exit_code == 1
    assert "::error file=" in result.output and "bad.md,line=5,col=9,title=enum::" in result.output


def test_warnings_fail_only_with_strict(tmp_path: Path) -> None:
    root = write_vault(tmp_path / "v", {"applications/a.md": GOOD.replace(
        "applied: 2026-11-02", "applied: 2026-11-02\ncolour: blue")})
    assert run("check", str(root), *TODAY).exit_code == 0
    assert run("check", str(root), *TODAY, "--strict").exit_code == 1


def test_check_finds_the_vault_from_a_sub_folder(good_vault: Path, monkeypatch) -> None:
    monkeypatch.chdir(good_vault / "applications")
    result = run("check", *TODAY)
    assert result.exit_code == 0 and "1 note checked" in result.output


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    missing = run("check", str(tmp_path / "nope"))
    assert missing.exit_code == 2
    bad_date = run("check", str(tmp_path), "--today", "27/11/2026")
    assert bad_date.exit_code == 2 and "YYYY-MM-DD" in bad_date.output
    assert run("check", "--format", "xml").exit_code == 2


def test_the_example_vault_is_clean() -> None:
    result = run("check", str(EXAMPLE_VAULT), *TODAY, "--strict")
    assert result.exit_code == 0, result.output
    # Informational hints (skills a description names that skills: lacks) may be listed;
    # they are not problems and never fail a check.
    assert ": error:" not in result.output and ": warning:" not in result.output
    assert "no problems found" in result.output.splitlines()[-1]


# --- build --------------------------------------------------------------------------------

def test_build_writes_the_site_and_leaves_the_vault_unchanged(bad_vault: Path) -> None:
    before = hash_tree(bad_vault)
    out = bad_vault.parent / "out"
    result = run("build", str(bad_vault), "-o", str(out), *TODAY)
    assert result.exit_code == 0
    assert (out / "index.html").is_file() and (out / "applications" / "acme.html").is_file()
    assert "bad.md:5:9" in result.output           # findings are reported...
    assert (out / "problems.html").read_text().count("intervewing") >= 1   # ...and published
    assert hash_tree(bad_vault) == before


def test_build_into_a_relative_folder_tells_where_to_open_it(
        good_vault: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(good_vault.parent)
    result = run("build", good_vault.name, "-o", "site", *TODAY)
    assert result.exit_code == 0, result.output
    page = (good_vault.parent / "site" / "index.html").resolve()
    assert result.output.splitlines()[-1] == f"Open {page.as_uri()}"


def test_check_leaves_the_vault_byte_for_byte_unchanged(tmp_path: Path) -> None:
    root = tmp_path / "example"
    copy_example(root)
    before = hash_tree(root)
    run("check", str(root), *TODAY)
    run("build", str(root), "-o", str(tmp_path / "site"), *TODAY)
    assert hash_tree(root) == before


def test_build_defaults_to_site_folder_inside_the_vault(good_vault: Path) -> None:
    result = run("build", str(good_vault), *TODAY)
    assert result.exit_code == 0
    assert (good_vault / "_site" / "index.html").is_file()
    assert (good_vault / "_site" / ".jobnotes-site").is_file()
    assert run("build", str(good_vault), *TODAY).exit_code == 0     # rebuilding over our own


@pytest.mark.parametrize("target", ["vault", "parent"])
def test_build_refuses_the_vault_or_its_parent_as_output(good_vault: Path, target: str) -> None:
    out = good_vault if target == "vault" else good_vault.parent
    before = hash_tree(good_vault)
    result = run("build", str(good_vault), "-o", str(out), *TODAY)
    assert result.exit_code == 2
    assert result.output.startswith("Error: ")
    assert hash_tree(good_vault) == before


def test_build_refuses_a_foreign_non_empty_folder_unless_forced(good_vault: Path,
                                                                tmp_path: Path) -> None:
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8 not really")
    refused = run("build", str(good_vault), "-o", str(foreign), *TODAY)
    assert refused.exit_code == 2 and "--force" in refused.output
    assert (foreign / "holiday.jpg").is_file()
    forced = run("build", str(good_vault), "-o", str(foreign), *TODAY, "--force")
    assert forced.exit_code == 0 and "moved to" in forced.output
    moved = [p for p in tmp_path.iterdir() if p.name.startswith("photos.old-")]
    assert len(moved) == 1 and (moved[0] / "holiday.jpg").is_file()


def test_build_strict_refuses_a_vault_with_findings(bad_vault: Path) -> None:
    result = run("build", str(bad_vault), "-o", str(bad_vault.parent / "o"), *TODAY, "--strict")
    assert result.exit_code == 1
    assert not (bad_vault.parent / "o").exists()


def test_a_failed_build_keeps_the_previous_site(good_vault: Path) -> None:
    out = good_vault.parent / "site"
    assert run("build", str(good_vault), "-o", str(out), *TODAY).exit_code == 0
    before = hash_tree(out)
    override = good_vault / "site-templates" / "dashboard.html"
    override.parent.mkdir()
    override.write_text("{% extends 'base.html' %}{% block content %}{{ 1 + }}{% endblock %}")
    result = run("build", str(good_vault), "-o", str(out), *TODAY)
    assert result.exit_code == 1
    assert "dashboard.html" in result.output
    assert hash_tree(out) == before


# --- init and new -------------------------------------------------------------------------

def test_init_then_new_then_check_is_clean(tmp_path: Path) -> None:
    root = tmp_path / "search"
    result = run("init", str(root))
    assert result.exit_code == 0
    assert (root / "jobnotes.toml").is_file() and (root / "templates" / "application.md").is_file()
    again = run("init", str(root))
    assert again.exit_code == 0 and "kept" in again.output
    created = run("new", "Acme Labs", "Data Analyst", "--channel", "referral",
                  "--vault", str(root), *TODAY)
    assert created.exit_code == 0
    note = root / "applications" / "acme-labs-data-analyst.md"
    assert note.is_file() and "2026-11-27" in note.read_text()
    person = run("new", "--person", "Jane Doe", "--vault", str(root), *TODAY)
    assert person.exit_code == 0 and (root / "people" / "Jane Doe.md").is_file()
    assert run("check", str(root), *TODAY).exit_code == 0


def test_new_never_overwrites(good_vault: Path) -> None:
    first = run("new", "Beta", "Analyst", "--channel", "job-board", "--vault", str(good_vault),
                *TODAY)
    original = (good_vault / "applications" / "beta-analyst.md").read_bytes()
    second = run("new", "Beta", "Analyst", "--channel", "job-board", "--again", "--vault",
                 str(good_vault), *TODAY)
    assert first.exit_code == second.exit_code == 0
    assert (good_vault / "applications" / "beta-analyst.md").read_bytes() == original
    assert (good_vault / "applications" / "beta-analyst-2.md").is_file()


def test_new_needs_company_and_role_or_a_person(good_vault: Path) -> None:
    result = run("new", "OnlyCompany", "--vault", str(good_vault))
    assert result.exit_code == 2 and "company and the role" in result.output
    unknown = run("new", "Gamma", "Analyst", "--channel", "jobboard", "--vault",
                  str(good_vault))
    assert unknown.exit_code == 2 and "job-board" in unknown.output


def test_help_lists_every_command() -> None:
    result = run("--help")
    for command in ("init", "new", "check", "build", "serve"):
        assert f"  {command} " in result.output


def test_help_starts_without_reading_machinery() -> None:
    """``--help`` answers at once: nothing that reads notes or renders pages is loaded."""
    import subprocess
    import sys

    code = ("import sys\nfrom jobnotes.cli import main\n"
            "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('yaml', 'jinja2', 'markdown_it', 'hashlib', "
            "'jobnotes.model', 'jobnotes.load', 'jobnotes.cache') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PATH": "/usr/bin:/bin"}, check=True)
    assert "  new " in done.stdout
    assert "LOADED []" in done.stdout


def test_a_build_with_nothing_changed_reads_no_note(tmp_path: Path) -> None:
    """The second build of an unchanged vault answers from the last one without loading
    the note reader, the model or the renderer."""
    import subprocess
    import sys

    vault = copy_example(tmp_path / "vault")
    code = ("import sys\nfrom jobnotes.cli import main\n"
            f"main(['build', {str(vault)!r}, '-o', {str(tmp_path / 'out')!r}, "
            "'--today', '2026-11-27'], standalone_mode=False)\n"
            "print('LOADED', sorted(m for m in ('yaml', 'jinja2', 'markdown_it', 'hashlib', "
            "'jobnotes.model', 'jobnotes.load') if m in sys.modules))")
    env = {"PATH": "/usr/bin:/bin", "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           env=env, check=True)
    second = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            env=env, check=True)
    assert "jobnotes.load" in first.stdout
    assert "Built " in second.stdout
    assert "LOADED []" in second.stdout


def test_a_check_with_nothing_changed_reads_no_note(tmp_path: Path) -> None:
    """As a pre-commit hook runs it: an unchanged vault gets the last check's findings
    without the note reader being loaded."""
    import subprocess
    import sys

    vault = copy_example(tmp_path / "vault")
    code = ("import sys\nfrom jobnotes.cli import main\n"
            f"main(['check', {str(vault)!r}, '--today', '2026-11-27'], "
            "standalone_mode=False)\n")
    probe = ("import sys, atexit\n"
             "atexit.register(lambda: print('LOADED', sorted(m for m in ('yaml', 'markdown_it', "
             "'jobnotes.model', 'jobnotes.load') if m in sys.modules)))\n")
    env = {"PATH": "/usr/bin:/bin", "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    runs = [subprocess.run([sys.executable, "-c", probe + code], capture_output=True,
                           text=True, env=env) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    assert "jobnotes.load" in runs[0].stdout
    assert "notes checked" in runs[1].stdout and "LOADED []" in runs[1].stdout
    assert runs[1].stdout.split("LOADED")[0] == runs[0].stdout.split("LOADED")[0]


# --- nothing a note holds makes check or build raise ---------------------------------------

@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)),
       st.sampled_from(["applications/x.md", "people/Someone.md"]))
def test_arbitrary_bytes_never_crash_check_or_build(tmp_path_factory, data: bytes,
                                                    rel: str) -> None:
    root = tmp_path_factory.mktemp("v")
    write_vault(root, {rel: b"---\n" + data})
    check = run("check", str(root), *TODAY)
    assert check.exit_code in (0, 1)
    assert "Traceback" not in check.output and "unexpected problem" not in check.output
    build = run("build", str(root), "-o", str(root.parent / f"{root.name}-out"), *TODAY)
    assert build.exit_code == 0, build.output


def test_build_redact_needs_an_output_and_hides_contact_names(tmp_path: Path) -> None:
    assert run("build", str(EXAMPLE_VAULT), *TODAY, "--redact").exit_code == 2
    out = tmp_path / "shared"
    result = run("build", str(EXAMPLE_VAULT), "-o", str(out), *TODAY, "--redact")
    assert result.exit_code == 0, result.output
    pages = "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))
    assert "Elin Qvist" not in pages and "Contact A" in pages


def test_commands_in_their_own_modules_load_only_when_used(tmp_path: Path) -> None:
    """``check`` starts without the code of ``today``, ``export``, ``import``, ``schema``
    and ``skills``; each of those still runs and is listed by ``--help``."""
    import subprocess
    import sys

    vault = copy_example(tmp_path / "vault")
    code = ("import sys\nfrom jobnotes.cli import main\n"
            "try:\n"
            f"    main(['check', {str(vault)!r}, '--today', '2026-11-27'])\n"
            "except SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in sys.modules if m.startswith('jobnotes.cli_')))")
    env = {"PATH": "/usr/bin:/bin", "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    assert "LOADED ['jobnotes.cli_common']" in done.stdout
    listed = CliRunner().invoke(main, ["--help"]).output
    for command in ("today", "export", "import", "schema", "skills"):
        assert f"  {command} " in listed
        result = CliRunner().invoke(main, [command, "--help"])
        assert result.exit_code == 0 and f"Usage: main {command}" in result.output


def test_a_check_after_an_edit_loads_nothing_only_errors_need(tmp_path: Path) -> None:
    """What only a wrong date, a misspelt word, JSON output, git or pruning the cache
    needs is not loaded by a check of a clean vault with one note just edited."""
    import shutil
    import subprocess
    import sys

    vault = copy_example(tmp_path / "vault")
    shutil.rmtree(vault / ".obsidian")      # Obsidian's settings are JSON
    code = ("import sys\nfrom jobnotes.cli import main\n"
            "try:\n"
            f"    main(['check', {str(vault)!r}, '--today', '2026-11-27'])\n"
            "except SystemExit:\n    pass\n"
            "print('LOADED', sorted(m for m in ('json', 'subprocess', 'difflib', 'calendar', "
            "'shutil', '_strptime', 'importlib.resources') if m in sys.modules))")
    env = {"PATH": "/usr/bin:/bin", "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True)
    note = next((vault / "applications").glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8") + "\n- One more line.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=env, check=True)
    assert "notes checked" in done.stdout
    assert "LOADED []" in done.stdout


@pytest.mark.parametrize("vault_kind", ["example", "with errors"])
def test_a_check_right_after_a_build_is_answered_from_it(tmp_path: Path, vault_kind: str
                                                         ) -> None:
    """A build keeps what a check of the same files reports: a check right after it (a
    pre-commit hook) reads no note and says exactly what a check without any cache says;
    once a note changes, the check reads again."""
    import subprocess
    import sys

    if vault_kind == "example":
        vault = copy_example(tmp_path / "vault")
    else:
        vault = write_vault(tmp_path / "vault", {"applications/acme.md": APPLIED_NOTE,
                                                 "applications/bad.md": "---\nstatus: x\n---\n"})
    env = {"PATH": "/usr/bin:/bin", "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    build = ("from jobnotes.cli import main\n"
             f"main(['build', {str(vault)!r}, '--today', '2026-11-27'])\n")
    check = ("import sys, atexit\n"
             "atexit.register(lambda: print('LOADED', 'jobnotes.load' in sys.modules))\n"
             "from jobnotes.cli import main\n"
             f"main(['check', {str(vault)!r}, '--today', '2026-11-27'])\n")

    def python(code: str, **extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                              env={**env, **extra})

    python(build)
    answered = python(check)
    fresh = python(check, JOBNOTES_CACHE="off")
    assert "LOADED False" in answered.stdout
    assert answered.returncode == fresh.returncode == (0 if vault_kind == "example" else 1)
    assert answered.stdout.split("LOADED")[0] == fresh.stdout.split("LOADED")[0]
    note = vault / "applications" / ("bad.md" if vault_kind != "example" else
                                     sorted(p.name for p in (vault / "applications").iterdir())[0])
    note.write_text(note.read_text(encoding="utf-8").replace("---\n", "---\nrole: [\n", 1),
                    encoding="utf-8")
    again = python(check)
    assert "LOADED True" in again.stdout and again.returncode == 1
    assert again.stdout.split("LOADED")[0] == python(check, JOBNOTES_CACHE="off"
                                                     ).stdout.split("LOADED")[0]

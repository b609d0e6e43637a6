"""The ``jobnotes`` process ends quickly without losing output, exit codes or handlers."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_example

ENV = {"PATH": "/usr/bin:/bin"}


def _python(code: str, *args: str, env: dict[str, str] | None = None
            ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True,
                          text=True, env=env or ENV, timeout=120)


def test_module_run_keeps_every_line_of_output_and_the_exit_code(tmp_path: Path) -> None:
    """Piped output (block-buffered) is all there, and a vault with errors exits 1."""
    vault = copy_example(tmp_path / "vault")
    note = next((vault / "applications").glob("*.md"))
    note.write_text(note.read_text(encoding="utf-8").replace("status:", "status: nonsense\nx:", 1),
                    encoding="utf-8")
    env = {**ENV, "JOBNOTES_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-m", "jobnotes", "check", str(vault),
                           "--today", "2026-11-27"], capture_output=True, text=True,
                          env=env, timeout=120)
    assert done.returncode == 1
    assert note.name in done.stdout + done.stderr
    assert "notes checked" in done.stdout.splitlines()[-1]


def test_exit_handlers_still_run() -> None:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('handler ran'))\n"
            "sys.argv = ['jobnotes', '--version']\n"
            "from jobnotes.cli import run\nrun()\n")
    done = _python(code)
    assert done.returncode == 0
    assert done.stdout.splitlines() == ["jobnotes, version " + _version(), "handler ran"]


def test_a_thread_still_working_is_waited_for(tmp_path: Path) -> None:
    """With another thread alive the normal exit runs, which lets that thread finish."""
    marker = tmp_path / "finished"
    code = ("import sys, threading, time\n"
            "from pathlib import Path\n"
            "from jobnotes.quick_exit import run_then_exit\n"
            "def command():\n"
            "    def late():\n"
            "        time.sleep(0.3)\n"
            f"        Path({str(marker)!r}).write_text('done')\n"
            "    threading.Thread(target=late).start()\n"
            "    sys.exit(3)\n"
            "run_then_exit(command)\n")
    done = _python(code)
    assert done.returncode == 3
    assert marker.read_text() == "done"


def test_an_exit_message_is_printed_as_python_would() -> None:
    code = ("import sys\nfrom jobnotes.quick_exit import run_then_exit\n"
            "run_then_exit(lambda: sys.exit('Stopped: no vault'))\n")
    done = _python(code)
    assert done.returncode == 1
    assert done.stderr.strip() == "Stopped: no vault"


def test_a_command_that_returns_exits_zero() -> None:
    code = ("from jobnotes.quick_exit import run_then_exit\n"
            "run_then_exit(lambda: print('done'))\n")
    done = _python(code)
    assert (done.returncode, done.stdout) == (0, "done\n")


def _version() -> str:
    from jobnotes import __version__

    return __version__

"""Run one Qari command on one input in a child process, under a time and a memory limit, and judge it.

A job runs with its own HOME and Qari folders (never the real home), the
corpus folder as working directory (so names are passed as a user types them)
and the tree under test first on ``PYTHONPATH``.  ``os.wait4`` reaps the child
so its peak RSS is known; on timeout the child's whole process group is killed.

With ``strace=True`` the child runs under ``strace -f`` tracing the calls that
send data somewhere (connect, sendto, sendmsg); a call to an internet address
(AF_INET, AF_INET6) is the failure ``network``: Qari never touches the network.
Local sockets (AF_UNIX: the single-instance socket, D-Bus) and netlink are fine.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.hostile import texts

ALLOWED = {"find": {0, 1, 2}, "find-pattern": {0, 1, 2}}
ERROR_PREFIX = "qari: error: "
_FRAME = re.compile(r'File "([^"]+)", line (\d+),? in (\S+)')
STRACE = ("strace", "-f", "-qq", "-e", "trace=connect,sendto,sendmsg")
#: A traced call that names an internet address: ``connect(3, {sa_family=AF_INET, …``, ``sendmsg(… {msg_name={sa_family=AF_INET6, …``.
_NETWORK_CALL = re.compile(r"\b(connect|sendto|sendmsg)\(.*\{sa_family=AF_INET6?,")


def network_calls(trace: str) -> list[str]:
    """The lines of an ``strace`` log (see :data:`STRACE`) that reach for an internet address, pid prefix dropped."""
    return [re.sub(r"^\d+\s+", "", line)[:200] for line in trace.splitlines() if _NETWORK_CALL.search(line)]


def command(mode: str, target: str, out: Path, pattern: str) -> list[str]:
    """The ``python -m reader`` arguments of ``mode`` on ``target``."""
    return {
        "window": ["--temp-basedir", "--screenshot", str(out / "shot.png"), target],
        "entities": ["entities", target],
        "find": ["find", pattern, target],
        "find-pattern": ["find", pattern, target],
        "export-pdf": ["export-pdf", target, "-o", str(out / "out.pdf")],
        "conll": ["entities", "--conll", target],
        "text": ["text", target],
    }[mode]


def _limits(mem_bytes: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (mem_bytes, mem_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _environment(home: Path, repo: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QARI_", "XDG_"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local/share"),
        XDG_CACHE_HOME=str(home / ".cache"),
        XDG_RUNTIME_DIR=str(home / "run"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(repo) + os.pathsep + env.get("PYTHONPATH", ""),
        PYTHONDONTWRITEBYTECODE="1",
        PYTHONFAULTHANDLER="1",  # a hung child is sent SIGABRT first: its Python stack shows where it was stuck
    )
    (home / "run").mkdir(parents=True, mode=0o700)
    return env


def _act(action: str, path: Path, rng_bytes: bytes) -> None:
    """Do the dynamic input's action to ``path`` (the job's private copy)."""
    try:
        if action == "delete":
            path.unlink()
        elif action == "replace-binary":
            tmp = path.with_name(path.name + ".new")
            tmp.write_bytes(rng_bytes)
            os.replace(tmp, path)
        elif action == "truncate":
            os.truncate(path, 0)
        elif action == "replace-fifo":
            path.unlink()
            os.mkfifo(path)
        elif action == "grow":
            if path.exists() and path.stat().st_size < 6 << 20:
                with open(path, "ab") as fh:
                    fh.write(texts.plain_text().encode("utf-8") * 20)
    except OSError:
        pass


def _children(pid: int) -> list[int]:
    """The direct children of ``pid`` (Linux ``/proc``); empty where that is not known."""
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except (OSError, ValueError):
        return []


def _stop(pid: int, traced: bool = False) -> tuple[int, int, resource.struct_rusage]:
    """SIGABRT (faulthandler prints the stack), then SIGKILL to the whole group; reap the child.

    Under strace the SIGABRT goes to the traced Qari, not to strace (which would die and leave Qari running untraced).
    """
    for target in (_children(pid) if traced else []) or [pid]:
        try:
            os.kill(target, signal.SIGABRT)
        except ProcessLookupError:
            pass
    deadline = time.monotonic() + 3
    while time.monotonic() < deadline:
        done = os.wait4(pid, os.WNOHANG)
        if done[0]:
            break
        time.sleep(0.05)
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    return done if done[0] else os.wait4(pid, 0)


def _hang_site(stderr: str) -> str:
    """Where a hung child was: the most recent frame of Qari's code in faulthandler's dump of the current thread."""
    dump = stderr[stderr.find("Current thread") :] if "Current thread" in stderr else stderr
    dump = dump.split("\n\nThread ")[0]
    frames = list(_FRAME.finditer(dump))
    ours = [m for m in frames if "/reader/" in m.group(1)] or frames
    if not ours:
        return "no Python stack (blocked before Python ran, or in a child process)"
    f = ours[0]
    file = f.group(1)
    return f"stuck @ {file[file.rfind('/reader/') + 1 :] if '/reader/' in file else file}:{f.group(2)} in {f.group(3)}"


def _traceback_site(stderr: str) -> str:
    """The innermost frame of the last traceback that is Qari's own code, and the exception line."""
    frames = [m for m in _FRAME.finditer(stderr)]
    ours = [m for m in frames if "/reader/" in m.group(1)] or frames
    where = ""
    if ours:
        f = ours[-1]
        file = f.group(1)
        where = file[file.rfind("/reader/") + 1 :] if "/reader/" in file else file
        where = f"{where}:{f.group(2)} in {f.group(3)}"
    lines = [ln for ln in stderr.strip().splitlines() if ln and not ln.startswith(" ")]
    exc = lines[-1][:200] if lines else ""
    return f"{exc} @ {where}" if where else exc


def run_job(job: dict[str, Any], *, repo: str, corpus: str, python: str, timeout: float, mem_bytes: int, strace: bool = False) -> dict[str, Any]:
    """Run ``job`` (mode, target, expectations) and return what happened and which invariants broke."""
    work = Path(tempfile.mkdtemp(prefix="qari-hostile-"))
    try:
        return _run(job, work, Path(repo), Path(corpus), python, timeout, mem_bytes, strace)
    except Exception as exc:  # the runner's own trouble (argv too long…): recorded, never the end of the run
        return {
            "id": job["id"], "mode": job["mode"], "pattern_id": job.get("pattern_id"), "path": job["path"], "kind": job["kind"],
            "expect": job["expect"], "size": job.get("size"), "rc": None, "hang": False, "seconds": 0.0, "peak_rss_mb": 0.0,
            "stderr_first": f"runner: {type(exc).__name__}: {exc}"[:300], "stderr_lines": 0, "traceback": False,
            "failures": ["runner-error"], "notes": [],
        }  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run(job: dict[str, Any], work: Path, repo: Path, corpus: Path, python: str, timeout: float, mem_bytes: int, strace: bool) -> dict[str, Any]:
    target = job["path"]
    action = job.get("action")
    if action:
        private = work / "input" / Path(target).name
        private.parent.mkdir()
        shutil.copyfile(corpus / target, private)
        target = str(private)
    argv = [python, "-m", "reader", *command(job["mode"], target, work, job.get("pattern", texts.FIXED_PATTERN))]
    if strace:
        argv = [*STRACE, "-o", str(work / "strace"), *argv]
    out, err = open(work / "stdout", "wb"), open(work / "stderr", "wb")
    start = time.monotonic()
    proc = subprocess.Popen(
        argv, cwd=corpus, env=_environment(work / "home", repo), stdin=subprocess.DEVNULL, stdout=out, stderr=err,
        preexec_fn=lambda: _limits(mem_bytes), start_new_session=True,
    )  # fmt: skip
    hang, acted, last_grow = False, False, 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        elapsed = time.monotonic() - start
        if action and elapsed * 1000 >= job["delay_ms"] and (not acted or (action == "grow" and elapsed - last_grow > 0.05)):
            _act(action, Path(target), os.urandom(4096))
            acted, last_grow = True, elapsed
        if elapsed > timeout:
            hang = True
            pid, status, usage = _stop(proc.pid, strace)
            break
        time.sleep(0.005 if action else 0.02)
    seconds = time.monotonic() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    out.close()
    err.close()
    try:
        os.killpg(proc.pid, signal.SIGKILL)  # anything the child left behind in its session
    except (ProcessLookupError, PermissionError):
        pass
    stderr = (work / "stderr").read_bytes()[:200_000].decode("utf-8", "replace")
    result: dict[str, Any] = {
        "id": job["id"], "mode": job["mode"], "pattern_id": job.get("pattern_id"), "path": job["path"], "kind": job["kind"],
        "expect": job["expect"], "size": job.get("size"), "rc": proc.returncode, "hang": hang, "seconds": round(seconds, 2),
        "peak_rss_mb": round(usage.ru_maxrss / 1024, 1), "stderr_first": stderr.split("\n", 1)[0][:300],
        "stderr_lines": len(stderr.splitlines()), "traceback": "Traceback (most recent call last)" in stderr,
    }  # fmt: skip
    if hang:
        result["site"] = _hang_site(stderr)
    elif result["traceback"] or "MemoryError" in stderr:
        result["site"] = _traceback_site(stderr)
    elif "Fatal Python error" in stderr:
        fatal = stderr[stderr.find("Fatal Python error") :].split("\n", 1)[0]
        result["site"] = fatal + " " + _hang_site(stderr).replace("stuck @", "@")
    trace = None
    if strace:
        trace = (work / "strace").read_bytes().decode("utf-8", "replace") if (work / "strace").exists() else ""
    judge(job, result, stderr, work, timeout, mem_bytes, trace)
    return result


def _words_out(job: dict[str, Any], work: Path) -> str | None:
    """The text Qari gave back in this mode, when it gives any: pdftotext of the PDF, or the text mode's output."""
    if job["mode"] == "export-pdf" and (work / "out.pdf").exists() and shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(work / "out.pdf"), "-"], capture_output=True, timeout=120)
        return done.stdout.decode("utf-8", "replace")
    if job["mode"] == "text":
        return (work / "stdout").read_bytes().decode("utf-8", "replace")
    return None


def judge(job: dict[str, Any], r: dict[str, Any], stderr: str, work: Path, timeout: float, mem_bytes: int, trace: str | None = None) -> None:
    """Fill ``r["failures"]`` (invariants broken) and ``r["notes"]`` (worth knowing, not failures).

    ``trace`` is the run's ``strace`` log when it was traced (``--strace``): any
    call to an internet address in it is the failure ``network``.
    """
    failures: list[str] = []
    notes: list[str] = []
    rc = r["rc"]
    mode = job["mode"]
    if r["hang"]:
        failures.append("hang")
    elif "MemoryError" in stderr or (rc < 0 and r["peak_rss_mb"] * 2**20 > 0.8 * mem_bytes) or r["peak_rss_mb"] * 2**20 > job["rss_limit"]:
        failures.append("memory")
    if not r["hang"] and "memory" not in failures and (r["traceback"] or rc not in ALLOWED.get(mode, {0, 2})):
        failures.append("crash")
    if rc == 2 and not r["traceback"]:
        lines = stderr.strip("\n").split("\n")
        if len(lines) != 1 or not lines[0].startswith(ERROR_PREFIX):
            failures.append("unclean-error")
    if job["expect"] == "valid" and mode != "conll" and not r["hang"] and rc != 0 and "crash" not in failures:
        if not (mode == "find-pattern" and rc in (1, 2)):
            failures.append("refused-valid")
    if rc == 0 and mode == "window" and not ((work / "shot.png").exists() and (work / "shot.png").stat().st_size > 0):
        failures.append("no-output")
    expected = job.get("expected_text")
    if rc == 0 and expected and mode in ("export-pdf", "text"):
        got = _words_out(job, work)
        if got is not None:
            _compare(job, r, expected, got, failures, notes)
    if rc == 0 and job["expect"] == "refuse-ok":
        notes.append("accepted")
    if trace is not None:
        r["network_calls"] = network_calls(trace)[:5]
        if r["network_calls"]:
            failures.append("network")
    r["failures"] = failures
    r["notes"] = notes


def _compare(job: dict[str, Any], r: dict[str, Any], expected: str, got: str, failures: list[str], notes: list[str]) -> None:
    """Did the words come back?

    The text mode must give every word exactly.  A PDF is judged by its base
    letters (pdftotext places combining marks out of order and splits some
    diacritised words, so words are compared without marks, and a word the PDF
    splits but keeps every letter of is a note, not lost text).
    """
    if job["mode"] == "text":
        missing = texts.missing_words(expected, got)
        lost = sum(missing.values())
    else:
        missing = texts.missing_words(expected, got, marks=False)
        lost = sum((texts.letters(expected) - texts.letters(got)).values())
    r["missing_words"] = sum(missing.values())
    r["missing_letters"] = lost
    r["missing_sample"] = [w for w, _ in missing.most_common(6)]
    total = sum(texts.words(expected).values())
    if job["expect"] == "valid" and lost:
        failures.append("text-lost")
    elif job["expect"] == "valid" and missing:
        notes.append("pdf-words-split")
    elif job["expect"] != "valid" and r["missing_words"] > total // 2:
        notes.append("accepted-garbled")

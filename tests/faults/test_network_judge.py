"""The hostile runner's network rule (``--strace``): a call to an internet address fails the run, a local socket does not."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.hostile import report
from tests.hostile.execute import STRACE, judge, network_calls, run_job

#: What ``strace -f -qq -e trace=connect,sendto,sendmsg -o FILE`` writes (pid first), one line per kind of call.
INTERNET = [
    '4242  connect(5, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("93.184.216.34")}, 16) = -1 EINPROGRESS (Operation now in progress)',
    '4243  sendto(6, "\\x12\\x34\\x01", 3, MSG_NOSIGNAL, {sa_family=AF_INET6, sin6_port=htons(53), sin6_flowinfo=htonl(0), '
    'inet_pton(AF_INET6, "::1", &sin6_addr), sin6_scope_id=0}, 28) = 3',
    '4244  sendmsg(7, {msg_name={sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("10.0.0.1")}, msg_namelen=16, '
    'msg_iov=[{iov_base="x", iov_len=1}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, 0) = 1',
]
LOCAL = [
    '4242  connect(3, {sa_family=AF_UNIX, sun_path="/tmp/home/run/qari-0"}, 110) = -1 ENOENT (No such file or directory)',
    '4242  connect(4, {sa_family=AF_UNIX, sun_path="/run/user/0/bus"}, 110) = 0',
    '4242  sendmsg(4, {msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\\0AUTH EXTERNAL", iov_len=15}], msg_iovlen=1}, MSG_NOSIGNAL) = 15',
    "4242  sendto(5, [{nlmsg_len=20, nlmsg_type=RTM_GETADDR, nlmsg_flags=NLM_F_REQUEST|NLM_F_DUMP}], 20, 0, "
    "{sa_family=AF_NETLINK, nl_pid=0, nl_groups=00000000}, 12) = 20",
    '4242  sendto(4, "text that says sa_family=AF_INET", 32, 0, NULL, 0) = 32',
]
JOB = {"id": "valid-1", "path": "valid/a.txt", "kind": "valid", "expect": "valid", "mode": "entities", "rss_limit": 1 << 30}


def _judged(trace: str | None, tmp_path: Path) -> dict[str, Any]:
    r: dict[str, Any] = {
        "id": "valid-1", "mode": "entities", "pattern_id": None, "rc": 0, "hang": False, "peak_rss_mb": 50.0, "traceback": False,
        "seconds": 1.0, "size": 10,
    }  # fmt: skip
    judge(JOB, r, "", tmp_path, 60.0, 2 << 30, trace)
    return r


def test_an_internet_address_fails_the_run(tmp_path: Path) -> None:
    for line in INTERNET:
        r = _judged("\n".join([*LOCAL, line]), tmp_path)
        assert r["failures"] == ["network"], line
        assert r["network_calls"] == [line.split("  ", 1)[1][:200]]
    assert network_calls("\n".join(INTERNET)) == [line.split("  ", 1)[1][:200] for line in INTERNET]


def test_local_sockets_and_untraced_runs_pass(tmp_path: Path) -> None:
    assert _judged("\n".join(LOCAL), tmp_path)["failures"] == []
    untraced = _judged(None, tmp_path)
    assert untraced["failures"] == [] and "network_calls" not in untraced


def test_the_report_has_a_network_column_and_groups_by_call(tmp_path: Path) -> None:
    r = _judged(INTERNET[0], tmp_path)
    assert report.table([r])["entities"]["network"] == 1
    assert report.table([r])["all"]["ok"] == 0
    (group,) = report.groups([r])
    assert group["failure"] == "network" and group["cause"].startswith("connect({sa_family=AF_INET, sin_port=htons(443)")
    header, row = report.markdown([r], {"inputs": 1, "patterns": 0}).split("\n| ")[1:3]
    assert header.split(" | ")[report.COLUMNS.index("network") + 1] == "network"
    assert row.startswith("entities |") and row.split(" | ")[report.COLUMNS.index("network") + 1] == "1"


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_a_traced_child_that_connects_is_caught(tmp_path: Path) -> None:
    """The whole path, strace included: a fake ``python`` that opens a TCP connection is failed as ``network``."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x")
    fake = tmp_path / "python"
    fake.write_text(
        f"#!{sys.executable}\nimport socket\ns = socket.socket()\ns.settimeout(0.2)\ntry:\n    s.connect(('127.0.0.1', 9))\nexcept OSError:\n    pass\n"
    )
    fake.chmod(0o755)
    assert subprocess.run([*STRACE, "-o", str(tmp_path / "probe"), "true"], capture_output=True).returncode == 0, "strace cannot trace here"
    job = {**JOB, "path": "a.txt", "size": 1}
    r = run_job(job, repo=str(tmp_path), corpus=str(tmp_path / "corpus"), python=str(fake), timeout=60, mem_bytes=2 << 30, strace=True)
    assert r["failures"] == ["network"], r
    assert "127.0.0.1" in r["network_calls"][0]


@pytest.mark.slow
@pytest.mark.timeout(120)
@pytest.mark.skipif(shutil.which("strace") is None, reason="strace is not installed")
def test_a_traced_hang_still_shows_where_it_was_stuck(tmp_path: Path) -> None:
    """On timeout the SIGABRT reaches the traced child (strace itself would die of it), so faulthandler prints its stack."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text("x")
    fake = tmp_path / "python"
    fake.write_text(f"#!{sys.executable}\nimport time\nwhile True:\n    time.sleep(0.05)\n")
    fake.chmod(0o755)
    job = {**JOB, "path": "a.txt", "size": 1}
    r = run_job(job, repo=str(tmp_path), corpus=str(tmp_path / "corpus"), python=str(fake), timeout=2, mem_bytes=2 << 30, strace=True)
    assert r["failures"] == ["hang"], r
    assert r["site"] == f"stuck @ {fake}:4 in <module>"

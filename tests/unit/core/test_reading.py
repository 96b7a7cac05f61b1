"""Reading hostile files safely: pipes, devices, sizes, and encodings that must not be guessed wrong."""

from __future__ import annotations

import codecs
import os
import random
from pathlib import Path

import pytest

from reader.core import loaders
from reader.core.encoding import decode, decode_counted
from reader.core.entities.conll import read_conll
from reader.core.errors import LoadError

ARTICLE = "عنوان المقال\nالفقرة الأولى عن القاهرة والثانية عن دمشق.\nThis paragraph is English.\n"
ENGLISH = "The old city library opened its doors again after ten years.\n" * 20
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")


def _refused(path: Path, match: str) -> str:
    """The one-line message :func:`loaders.load` refuses ``path`` with."""
    with pytest.raises(LoadError, match=match) as info:
        loaders.load(path)
    assert "\n" not in str(info.value)
    return str(info.value)


@needs_fifo
@pytest.mark.timeout(10)
def test_a_named_pipe_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)  # nobody writes: opening it for reading would block for ever
    assert _refused(fifo, "is not a regular file") == f"{fifo}: is not a regular file (a named pipe)"


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_endless_devices_and_links_to_them_are_refused(tmp_path: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"no {device} here")
    _refused(Path(device), "is not a regular file")
    link = tmp_path / "link.txt"
    link.symlink_to(device)
    _refused(link, "is not a regular file")


def test_a_folder_and_a_link_to_a_folder_are_refused(tmp_path: Path) -> None:
    folder = tmp_path / "folder.txt"
    folder.mkdir()
    _refused(folder, "is a folder")
    link = tmp_path / "link.md"
    link.symlink_to(folder)
    _refused(link, "is a folder")


def test_the_size_limit_is_exact(tmp_path: Path) -> None:
    at_limit = tmp_path / "at-limit.txt"
    at_limit.write_bytes(b"a" * loaders.MAX_BYTES)
    assert len(loaders.read_file(at_limit)) == loaders.MAX_BYTES
    over = tmp_path / "over.txt"
    over.write_bytes(b"a" * (loaders.MAX_BYTES + 1))
    message = _refused(over, "too large")
    assert message == f"{over}: too large (8,388,609 bytes; the limit is 8 MiB (8,388,608 bytes))"


def test_a_file_that_grows_after_the_check_is_still_cut_at_the_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "grows.txt"
    path.write_bytes(b"a" * (loaders.MAX_BYTES + 10))
    real_stat, real_fstat = os.stat, os.fstat

    def small(st: os.stat_result) -> os.stat_result:
        return os.stat_result((*st[:6], 10, *st[7:10]))  # as it was when it was 10 bytes long

    with monkeypatch.context() as patch, pytest.raises(LoadError, match=r"too large \(over 8,388,608 bytes"):
        patch.setattr(os, "stat", lambda p: small(real_stat(p)))
        patch.setattr(os, "fstat", lambda fd: small(real_fstat(fd)))
        loaders.read_file(path)


@pytest.mark.parametrize(("codec", "bom"), [("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE)])
def test_utf32_with_a_bom_is_read_as_utf32(tmp_path: Path, codec: str, bom: bytes) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(bom + ARTICLE.encode(codec))
    doc = loaders.load(path)
    assert doc.encoding == "utf-32 (BOM)"
    assert doc.title == "عنوان المقال" and "\x00" not in doc.text


def test_utf16_bom_before_a_nul_character_is_refused_as_nul_not_as_bad_utf32() -> None:
    data = codecs.BOM_UTF16_LE + ("\x00" + ARTICLE).encode("utf-16-le")
    with pytest.raises(LoadError, match="NUL"):
        decode(data, "a.txt")


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-32"])
def test_a_bom_then_text_with_nuls_is_refused(codec: str) -> None:
    with pytest.raises(LoadError, match="NUL"):
        decode(("نص\x00\x00\x00" * 50).encode(codec), "a.txt")


def test_a_nul_after_the_first_8_kb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "late-nul.txt"
    path.write_bytes((ARTICLE * 200).encode("utf-8") + b"\x00" + ARTICLE.encode("utf-8"))
    assert path.stat().st_size > 8192
    _refused(path, "binary")


def test_random_bytes_are_refused(tmp_path: Path) -> None:
    rng = random.Random(13)
    path = tmp_path / "random.txt"
    path.write_bytes(rng.randbytes(65536))
    _refused(path, "binary")


def test_random_high_bytes_are_not_taken_for_windows_1256(tmp_path: Path) -> None:
    rng = random.Random(13)
    words = [bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randrange(2, 8))) for _ in range(3000)]
    path = tmp_path / "soup.txt"
    path.write_bytes(b" ".join(words))
    _refused(path, "not UTF-8, and not Arabic Windows-1256")


def test_iso_8859_6_is_not_misread_as_windows_1256(tmp_path: Path) -> None:
    path = tmp_path / "iso.txt"
    path.write_bytes((ARTICLE * 5).encode("iso8859-6"))
    _refused(path, "not UTF-8")


def test_english_heavy_windows_1256_with_some_arabic_opens(tmp_path: Path) -> None:
    path = tmp_path / "mixed.txt"
    text = ENGLISH + "مقال قصير عن القاهرة.\n"
    path.write_bytes(text.encode("cp1256"))
    doc = loaders.load(path)
    assert doc.encoding == "windows-1256"
    assert "مقال قصير عن القاهرة." in doc.text


def test_utf8_with_two_bad_bytes_opens_and_says_so(tmp_path: Path) -> None:
    good = (ARTICLE * 10).encode("utf-8")
    first, second = good.index("الأولى".encode()), good.index("دمشق".encode())
    broken = good[:first] + good[first + 1 : second] + good[second + 1 :]  # two lead bytes dropped
    decoded = decode_counted(broken, "a.txt")
    assert (decoded.encoding, decoded.replaced) == ("utf-8 (2 bad bytes replaced)", 2)
    assert decoded.text.count("\ufffd") == 2
    path = tmp_path / "truncated.txt"
    path.write_bytes(broken)
    assert loaders.load(path).encoding == "utf-8 (2 bad bytes replaced)"


def test_utf8_with_many_bad_bytes_is_not_patched_up() -> None:
    good = ARTICLE.encode("utf-8")
    with pytest.raises(LoadError, match="not UTF-8"):
        decode(good + b"\xff" * 10, "a.txt")  # over 1 % bad


def test_english_utf8_with_a_stray_byte_is_utf8_with_it_replaced() -> None:
    # 0xD8 alone is one Windows-1256 letter (ط) standing in no word: damage in UTF-8, not Arabic (issue 14)
    assert decode(ENGLISH.encode("utf-8") + b"\xd8", "a.txt") == (ENGLISH + "\ufffd", "utf-8 (1 bad byte replaced)")


@pytest.mark.parametrize(("codec", "label"), [("utf-16-le", "utf-16le (no BOM)"), ("utf-16-be", "utf-16be (no BOM)")])
@pytest.mark.parametrize("text", [ARTICLE * 3, ENGLISH, "مقالمقال" * 30])
def test_utf16_without_a_bom_is_detected(tmp_path: Path, codec: str, label: str, text: str) -> None:
    assert decode(text.encode(codec), "a.txt") == (text, label)


def test_decode_still_returns_text_and_encoding() -> None:
    assert decode(ARTICLE.encode("utf-8")) == (ARTICLE, "utf-8")
    assert decode_counted(ARTICLE.encode("utf-8")).replaced == 0


@needs_fifo
@pytest.mark.timeout(10)
def test_conll_goes_through_the_same_checks(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.conll"
    os.mkfifo(fifo)
    with pytest.raises(LoadError, match="is not a regular file"):
        read_conll(fifo)
    with pytest.raises(LoadError, match="is a folder"):
        read_conll(tmp_path)
    big = tmp_path / "big.conll"
    big.write_bytes(b"x O\n" * (loaders.MAX_BYTES // 4 + 1))
    with pytest.raises(LoadError, match="too large"):
        read_conll(big)
    binary = tmp_path / "binary.conll"
    binary.write_bytes(b"x O\n\x00\n")
    with pytest.raises(LoadError, match="binary"):
        read_conll(binary)


def test_conll_in_windows_1256_and_utf16(tmp_path: Path) -> None:
    conll = "محمد B-PERS\nفي O\nدمشق B-LOC\n\nالقاهرة B-LOC\n"
    expected = [[("محمد", "B-PERS"), ("في", "O"), ("دمشق", "B-LOC")], [("القاهرة", "B-LOC")]]
    for data in (conll.encode("cp1256"), conll.encode("utf-16"), codecs.BOM_UTF8 + conll.encode("utf-8")):
        path = tmp_path / "a.conll"
        path.write_bytes(data)
        assert read_conll(str(path)) == expected

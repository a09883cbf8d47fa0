"""Reading a report file from disk: the one place in loaders/ that touches files."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .errors import ReportFormatError

BUNDLED_REPORT = "report-2023.zh.txt"


def bundled_report_path() -> Path:
    """Path of the 2023 edition that ships with the package."""
    return Path(str(resources.files("tradekg.loaders.data").joinpath(BUNDLED_REPORT)))


def read_report_text(path: str | Path) -> str:
    """The text of a report file, decoded as UTF-8, with a clear error for unusable files.

    Line endings are normalised to ``\\n`` and a leading byte-order mark is dropped, so line
    numbers and offsets mean the same whatever editor saved the file.
    """
    source = str(path)
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise ReportFormatError(source, "no such file") from None
    except IsADirectoryError:
        raise ReportFormatError(source, "is a directory, not a report file") from None
    except OSError as error:
        raise ReportFormatError(source, f"cannot read: {error.strerror}") from None
    if not raw.strip():
        raise ReportFormatError(source, "the file is empty")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ReportFormatError(
            source,
            f"not UTF-8 text (byte {error.start} is 0x{raw[error.start]:02x}); "
            "convert it first, e.g. iconv -f GBK -t UTF-8",
        ) from None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")

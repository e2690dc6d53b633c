"""The one rule for text put into the XML files pressmt writes for other tools (XLIFF, TMX).

XML 1.0 cannot carry most C0 control characters (U+0000-U+0008, U+000B, U+000C, U+000E-U+001F),
U+FFFE, U+FFFF or lone surrogates, not even as character references, and lxml refuses to write
them. A release can still hold them (a NUL deep in an HTML page, a U+0001 pasted from another
program), and then its segments, its report and the translation memory do too. XLIFF 1.2 and
TMX 1.4 have no standard way to carry such a character, and it carries no meaning in a press
release, so an export removes them and says so once per file, naming the units that lost any:
the export always succeeds and the editor knows where to look.
"""

from __future__ import annotations

import re
from collections import Counter

# Everything outside XML 1.0's Char production.
_NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> tuple[str, int]:
    """`text` without the characters XML 1.0 does not allow, and how many were removed."""
    return _NOT_XML.subn("", text)


class XmlScrubber:
    """Cleans the text of one XML file as it is built and remembers which units lost characters,
    for one warning per file."""

    def __init__(self) -> None:
        self.removed: Counter[str] = Counter()  # unit id -> characters removed

    def __call__(self, text: str, unit: str) -> str:
        clean, count = xml_text(text)
        if count:
            self.removed[unit] += count
        return clean

    def warning(self, file: object, kind: str = "unit") -> str | None:
        """One line about `file` ("x.en.xlf: removed 2 characters …"), or None when nothing was removed."""
        if not self.removed:
            return None
        total = sum(self.removed.values())
        units = ", ".join(self.removed)
        plural = "s" if len(self.removed) > 1 else ""
        return (f"{file}: removed {total} control character{'s' if total > 1 else ''} that XML 1.0 cannot "
                f"carry from {kind}{plural} {units}")

"""Text that goes into markup (a DOCX `w:t`, an HTML text node or attribute): one rule for both."""

from __future__ import annotations

import re

# C0 controls other than tab, LF and CR, and the non-characters U+FFFE/U+FFFF: XML 1.0 cannot hold
# them and HTML forbids them; a model may still emit one.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(text: str) -> str:
    """`text` without the characters markup cannot hold."""
    return _CONTROL.sub("", text)

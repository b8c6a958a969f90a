"""Reading a rendered report page in tests: one section's HTML, and its text as a reader sees it.

Not a test module (no ``test_`` prefix): the report tests import it.
"""

from __future__ import annotations

import html
import re


def section(page: str, anchor: str) -> str:
    """The HTML of the section ``<section id="anchor">`` of a report page."""
    start = page.index(f'<section id="{anchor}">')
    return page[start:page.index("</section>", start)]


def visible_text(fragment: str) -> str:
    """The fragment as a reader sees it: tags dropped, entities decoded, spaces collapsed."""
    inline = re.sub(r"</?(?:b|i|code|a|q|mark)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline)).split())

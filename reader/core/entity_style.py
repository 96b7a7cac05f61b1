"""Entity highlight colours and type labels, shared by the screen and the PDF.

Colours are chosen for a 4.5:1 contrast with the text in each theme (a test checks it).
"""

from __future__ import annotations

from reader.core.entities.types import EntityType

#: (background, text) per type for light and dark themes.
HIGHLIGHTS: dict[str, dict[EntityType, tuple[str, str]]] = {
    "light": {
        EntityType.PERSON: ("#ffd8a8", "#1b1b1b"),
        EntityType.LOCATION: ("#b2f2bb", "#1b1b1b"),
        EntityType.ORGANIZATION: ("#a5d8ff", "#1b1b1b"),
        EntityType.DATE: ("#eebefa", "#1b1b1b"),
        EntityType.MISC: ("#e9ecef", "#1b1b1b"),
    },
    "dark": {
        EntityType.PERSON: ("#7a3e00", "#f8f9fa"),
        EntityType.LOCATION: ("#1e5e2a", "#f8f9fa"),
        EntityType.ORGANIZATION: ("#1c4f80", "#f8f9fa"),
        EntityType.DATE: ("#6a2a78", "#f8f9fa"),
        EntityType.MISC: ("#495057", "#f8f9fa"),
    },
}

#: Page colours: (background, text, muted text, link, current-mention outline).
PAGE = {
    "light": ("#fbfaf7", "#1b1b1b", "#5c5f66", "#0b57a4", "#d9480f"),
    "dark": ("#1e1f22", "#e9ecef", "#adb5bd", "#8ab4f8", "#ffa94d"),
}

TYPE_LABELS: dict[EntityType, tuple[str, str]] = {
    EntityType.PERSON: ("People", "أشخاص"),
    EntityType.LOCATION: ("Places", "أماكن"),
    EntityType.ORGANIZATION: ("Organisations", "منظمات"),
    EntityType.DATE: ("Dates", "تواريخ"),
    EntityType.MISC: ("Other names", "أسماء أخرى"),
}


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two ``#rrggbb`` colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)

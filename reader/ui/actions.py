"""Every user action, declared once as data.

Menus, shortcuts, the shortcut sheet, the command palette and
``qari --list-actions`` are all built from :data:`ACTIONS`.  A shortcut is a
portable key string (``"Ctrl+O"``) or ``"std:Name"`` for a
:class:`QKeySequence.StandardKey`, so each platform gets its own convention.
User overrides live in the settings, never here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ActionSpec:
    """One action: id, labels, default shortcuts, menu, and the method that runs it.

    ``handler`` names a method of the window, or, dotted, of one of its
    controllers (``"finder.next_match"``: the window's ``finder``).
    """

    id: str
    label: str
    label_ar: str
    shortcuts: tuple[str, ...]
    menu: str
    handler: str
    checkable: bool = False
    #: "window": works everywhere; "reader": only while the reading view has focus,
    #: so single keys (N, ], Space, Return) never steal typing in the find box or sidebar.
    scope: str = "window"


def _a(
    id: str, label: str, label_ar: str, shortcuts: str | tuple[str, ...], menu: str, handler: str, checkable: bool = False, scope: str = "window"
) -> ActionSpec:
    keys = (shortcuts,) if isinstance(shortcuts, str) else shortcuts
    return ActionSpec(id, label, label_ar, tuple(k for k in keys if k), menu, handler, checkable, scope)


ACTIONS: tuple[ActionSpec, ...] = (
    _a("file.open", "Open…", "فتح…", "std:Open", "file", "open_dialog"),
    _a("file.open_recent", "Open recent…", "فتح ملف حديث…", "Ctrl+Shift+O", "file", "open_recent"),
    _a("file.print", "Print…", "طباعة…", "std:Print", "file", "printing.print_document"),
    _a("file.print_preview", "Print preview…", "معاينة الطباعة…", "Ctrl+Shift+Alt+P", "file", "printing.print_preview"),
    _a("file.print_settings", "Print settings…", "إعدادات الطباعة…", "Ctrl+Alt+P", "file", "printing.print_settings"),
    _a("file.export_pdf", "Export PDF…", "تصدير PDF…", "Ctrl+E", "file", "printing.export_pdf"),
    _a("file.quit", "Quit", "خروج", ("std:Quit", "Ctrl+Q"), "file", "close"),
    _a("find.find", "Find…", "بحث…", "std:Find", "find", "finder.open"),
    _a("find.next", "Find next", "النتيجة التالية", ("std:FindNext", "F3"), "find", "finder.next_match"),
    _a("find.previous", "Find previous", "النتيجة السابقة", ("std:FindPrevious", "Shift+F3"), "find", "finder.previous_match"),
    _a("view.zoom_in", "Zoom in", "تكبير", ("std:ZoomIn", "Ctrl+="), "view", "zoom_in"),
    _a("view.zoom_out", "Zoom out", "تصغير", "std:ZoomOut", "view", "zoom_out"),
    _a("view.zoom_reset", "Reset zoom", "الحجم الافتراضي", "Ctrl+0", "view", "zoom_reset"),
    _a("view.spacing_more", "More line spacing", "زيادة تباعد الأسطر", "Ctrl+]", "view", "spacing_more"),
    _a("view.spacing_less", "Less line spacing", "تقليل تباعد الأسطر", "Ctrl+[", "view", "spacing_less"),
    _a("view.justify", "Justify text", "ضبط النص", "Ctrl+J", "view", "toggle_justify", checkable=True),
    _a("view.theme", "Switch theme (light, dark, system)", "تبديل السمة (فاتح، داكن، النظام)", "Ctrl+Shift+T", "view", "cycle_theme"),
    _a("view.direction", "Window layout right-to-left / left-to-right", "اتجاه الواجهة (يمين-يسار)", "Ctrl+Shift+D", "view", "toggle_ui_direction"),
    _a("view.sidebar", "Show sidebar", "إظهار الشريط الجانبي", "Ctrl+B", "view", "toggle_sidebar", checkable=True),
    _a("go.next_paragraph", "Next paragraph", "الفقرة التالية", "Ctrl+Down", "go", "navigation.next_paragraph"),
    _a("go.previous_paragraph", "Previous paragraph", "الفقرة السابقة", "Ctrl+Up", "go", "navigation.previous_paragraph"),
    _a("go.next_entity", "Next entity", "الكيان التالي", "N", "go", "navigation.next_entity", scope="reader"),
    _a("go.previous_entity", "Previous entity", "الكيان السابق", "Shift+N", "go", "navigation.previous_entity", scope="reader"),
    _a("go.next_mention", "Next mention of this entity", "الذكر التالي للكيان", "M", "go", "navigation.next_mention", scope="reader"),
    _a("go.previous_mention", "Previous mention of this entity", "الذكر السابق للكيان", "Shift+M", "go", "navigation.previous_mention", scope="reader"),
    _a("go.next_footnote", "Next footnote", "الحاشية التالية", "]", "go", "navigation.next_footnote", scope="reader"),
    _a("go.previous_footnote", "Previous footnote", "الحاشية السابقة", "[", "go", "navigation.previous_footnote", scope="reader"),
    _a("go.follow_footnote", "Follow footnote", "اتباع الحاشية", "Return", "go", "navigation.follow_footnote", scope="reader"),
    _a("go.back", "Back", "رجوع", ("std:Back", "Backspace"), "go", "navigation.go_back", scope="reader"),
    _a("go.forward", "Forward", "تقدم", "std:Forward", "go", "navigation.go_forward"),
    _a("go.start", "Go to start", "إلى البداية", "Ctrl+Home", "go", "navigation.go_start"),
    _a("go.end", "Go to end", "إلى النهاية", "Ctrl+End", "go", "navigation.go_end"),
    _a("go.page_down", "Page down", "الصفحة التالية", ("PgDown", "Space"), "go", "view.page_down", scope="reader"),
    _a("go.page_up", "Page up", "الصفحة السابقة", ("PgUp", "Shift+Space"), "go", "view.page_up", scope="reader"),
    _a("focus.reader", "Focus reading view", "التركيز على النص", "Alt+1", "go", "focus_reader"),
    _a("focus.sidebar", "Focus sidebar", "التركيز على الشريط الجانبي", "Alt+2", "go", "focus_sidebar"),
    _a("focus.search", "Focus search box", "التركيز على مربع البحث", "Alt+3", "go", "finder.open"),
    _a("focus.cycle", "Next pane", "اللوحة التالية", "F6", "go", "cycle_focus"),
    _a("help.palette", "Command palette…", "لوحة الأوامر…", ("Ctrl+Shift+P", "Ctrl+K"), "help", "show_palette"),
    _a("help.shortcuts", "Keyboard shortcuts", "اختصارات لوحة المفاتيح", "F1", "help", "keymap.show_shortcuts"),
    _a("help.shortcuts_key", "Keyboard shortcuts (reading view)", "الاختصارات (من النص)", "?", "", "keymap.show_shortcuts", scope="reader"),
    _a("help.rebind", "Change a shortcut…", "تغيير اختصار…", "Ctrl+Alt+K", "help", "keymap.rebind_shortcut"),
)

MENUS = (("file", "&File", "ملف"), ("find", "F&ind", "بحث"), ("view", "&View", "عرض"), ("go", "&Go", "انتقال"), ("help", "&Help", "مساعدة"))


def ltr(text: str) -> str:
    """``text`` as a left-to-right isolate, so English labels and key names ("Open…", "Ctrl+[")
    keep their order inside the right-to-left window instead of being mirrored around."""
    return f"\u2066{text}\u2069"


def bilingual(spec: ActionSpec) -> str:
    """The label shown in menus and the palette: English (isolated) · Arabic."""
    return f"{ltr(spec.label)} · {spec.label_ar}"


def by_id() -> dict[str, ActionSpec]:
    """The table keyed by action id."""
    return {a.id: a for a in ACTIONS}


def resolve_handler(owner: object, handler: str) -> Callable[[], object]:
    """The callable ``handler`` names on ``owner``: ``"zoom_in"`` → ``owner.zoom_in``, ``"finder.open"`` → ``owner.finder.open``."""
    target = owner
    for name in handler.split("."):
        target = getattr(target, name)
    if not callable(target):
        raise TypeError(f"action handler {handler!r} is not callable")
    return target

"""PDF export: the article typeset by Typst from the same layout runs as the screen.

Typst shapes Arabic with HarfBuzz and writes a ToUnicode map for every glyph,
so the PDF's text copies out in logical order (Qt's own PDF writer maps only
isolated letter forms, which garbles copied Arabic).  No Qt here: the command
line exports without a display.
"""

"""Qari's window: the reading view, the sidebar, actions, themes."""

"""Renderers: each draws a resolved Briefing (and a theme) into one output format."""

"""Fonts: finding, measuring and preparing the faces briefgen sets text in."""

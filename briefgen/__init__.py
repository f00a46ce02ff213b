"""briefgen: YAML briefing specs to a PowerPoint deck and a one-page PDF handout."""

__version__ = "0.1.0"

"""What the deck and handout chart renderers share, and the chart SVG cache."""

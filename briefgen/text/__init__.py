"""Setting text: line breaking and fitting paragraphs into boxes."""

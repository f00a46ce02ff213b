"""Every exception briefgen raises, under one base class."""

from __future__ import annotations

from briefgen.frozen import frozen


@frozen
class Origin:
    """Where something came from: a file, a 1-based line and a 1-based column."""

    path: str
    line: int = 0
    col: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.col}"
        return self.path


class BriefgenError(Exception):
    """Base of every error briefgen reports to a user (never shown with a traceback)."""

    def __init__(self, message: str, origin: Origin | None = None):
        super().__init__(message)
        self.message = message
        self.origin = origin

    def __str__(self) -> str:
        return f"{self.origin}: {self.message}" if self.origin else self.message

    def __reduce__(self):
        """Keep the origin when the error crosses a process boundary."""
        return (self.__class__, (self.message, self.origin))


class Problems(BriefgenError):
    """Several located problems, collected before giving up."""

    def __init__(self, problems: list[BriefgenError]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)

    def __reduce__(self):
        return (self.__class__, (self.problems,))


class SpecError(BriefgenError):
    """A briefing spec is malformed or refers to something that does not exist."""


class DatasetError(BriefgenError):
    """The curated dataset is malformed or disagrees with its sources."""


class FitError(BriefgenError):
    """Content does not fit its box, slide or page even after shrinking and splitting."""


class FontError(BriefgenError):
    """A font is missing, unusable, or lacks a glyph that the text needs."""


class RenderError(BriefgenError):
    """A renderer could not write its file."""


class OutputError(BriefgenError):
    """The output files could not be written; ``replaced`` says whether any old file was replaced."""

    def __init__(self, message: str, origin: Origin | None = None, *, replaced: bool = False):
        super().__init__(message, origin)
        self.replaced = replaced


class TemplateError(BriefgenError):
    """A PowerPoint template cannot be read, or offers no usable layout for a slide type."""

"""Tests for briefgen.spec.images: only sound PNG/JPEG pictures from the allowed folders are used."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image as PILImage
from pptx import Presentation

from briefgen.spec import images
from cli_helpers import run, write
from conftest import refused

SPEC = """\
title: {zh: 测试, en: Test}
entity: park
lang: [zh, en]
deck:
  - type: image
    title: {zh: 图片, en: Picture}
    image: PATH
    alt: {zh: 江边的园区, en: The park by the river}
onepager:
  - type: narrative
    text: {zh: 园区, en: The park}
"""


def png(width: int = 40, height: int = 30) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (width, height), (200, 40, 40)).save(buf, "PNG")
    return buf.getvalue()


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def bomb(side: int = 20000) -> bytes:
    """Return a real 1-bit PNG of side × side pixels: a few kB that decode to 50 MB."""
    z = zlib.compressobj(9)
    row = b"\x00" * (1 + (side + 7) // 8)
    idat = b"".join(z.compress(row) for _ in range(side)) + z.flush()
    ihdr = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def spec_with(project: Path, image: str) -> str:
    return write(project / "specs" / "s.yaml", SPEC.replace("PATH", image))


def test_a_sound_png_from_assets_is_embedded(project):
    write(project / "assets" / "pics" / "river.png", png())
    result = run("build", spec_with(project, "assets/pics/river.png"), "-o", "out", "--format", "pptx")
    assert result.exit_code == 0, result.output
    deck = Presentation(project / "out" / "s.pptx")
    blobs = [sh.image.blob for s in deck.slides for sh in s.shapes if sh.shape_type == 13]
    assert blobs == [png()]


def test_a_picture_beside_the_spec_is_found(project):
    write(project / "specs" / "river.jpg", _jpeg())
    result = run("validate", spec_with(project, "river.jpg"))
    assert result.exit_code == 0, result.output


def _jpeg() -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", (64, 48), (10, 90, 200)).save(buf, "JPEG")
    return buf.getvalue()


WHERE = "specs/s.yaml:7:5: deck[0].image: "


def test_missing(project):
    refused(spec_with(project, "assets/pics/nope.png"), [
        WHERE + "no picture at 'assets/pics/nope.png' (looked beside the spec and in the project folder); "
                "check the name"], project)


def test_truncated_png(project):
    data = png(400, 300)
    write(project / "assets" / "pics" / "cut.png", data[: len(data) // 2])
    refused(spec_with(project, "assets/pics/cut.png"), [
        WHERE + "'assets/pics/cut.png' is a damaged or incomplete PNG file (it does not decode); "
                "export it again"], project)


def test_corrupt_pixel_data(project):
    data = bytearray(png(400, 300))
    data[60:80] = b"\xff" * 20                      # inside IDAT: the CRC no longer matches
    write(project / "assets" / "pics" / "bad.png", bytes(data))
    refused(spec_with(project, "assets/pics/bad.png"), [
        WHERE + "'assets/pics/bad.png' is a damaged or incomplete PNG file (it does not decode); "
                "export it again"], project)


def test_text_named_png(project):
    write(project / "assets" / "pics" / "notes.png", "just some notes\n")
    refused(spec_with(project, "assets/pics/notes.png"), [
        WHERE + "'assets/pics/notes.png' is not a picture (its content is not PNG or JPEG); "
                "export it as PNG or JPEG"], project)


def test_decompression_bomb(project):
    write(project / "assets" / "pics" / "bomb.png", bomb())
    refused(spec_with(project, "assets/pics/bomb.png"), [
        WHERE + "'assets/pics/bomb.png' is 20,000×20,000 pixels (400 megapixels); the limit is "
                "40 megapixels: scale it down"], project)


def test_svg(project):
    write(project / "assets" / "pics" / "logo.svg",
          '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>\n')
    refused(spec_with(project, "assets/pics/logo.svg"), [
        WHERE + "'assets/pics/logo.svg' is an SVG drawing, which a deck cannot embed; export it as PNG"],
        project)


def test_other_formats(project):
    buf = io.BytesIO()
    PILImage.new("P", (8, 8)).save(buf, "GIF")
    write(project / "assets" / "pics" / "a.gif", buf.getvalue())
    refused(spec_with(project, "assets/pics/a.gif"), [
        WHERE + "'assets/pics/a.gif' is a GIF picture; save it as PNG or JPEG"], project)


def test_too_many_bytes(project):
    with open(project / "assets" / "pics" / "huge.png", "wb") as f:
        f.write(png())
        f.truncate(21_000_000)
    refused(spec_with(project, "assets/pics/huge.png"), [
        WHERE + "'assets/pics/huge.png' is 21.0 MB; the limit is 20 MB: save it smaller "
                "(2000 pixels across is plenty for a slide)"], project)


def test_empty_file(project):
    write(project / "assets" / "pics" / "empty.png", b"")
    refused(spec_with(project, "assets/pics/empty.png"), [
        WHERE + "'assets/pics/empty.png' is an empty file, expected a PNG or JPEG picture"], project)


ALLOWED = "assets/, the spec's folder; copy the picture into one of them"


def test_a_path_that_escapes(project):
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "a.png").write_bytes(png())
    refused(spec_with(project, "../../outside/a.png"), [
        WHERE + "'../../outside/a.png' leads outside the folders a picture may come from: " + ALLOWED],
        project)


def test_a_symlink_that_escapes(project):
    outside = project.parent / "outside"
    outside.mkdir()
    (outside / "a.png").write_bytes(png())
    (project / "assets" / "pics" / "link.png").symlink_to(outside / "a.png")
    refused(spec_with(project, "assets/pics/link.png"), [
        WHERE + "'assets/pics/link.png' leads outside the folders a picture may come from "
                "(through a symbolic link): " + ALLOWED], project)


def test_an_absolute_path(project):
    refused(spec_with(project, "/etc/passwd"), [
        WHERE + "expected a path relative to the spec's folder or the project (in assets/, the spec's "
                "folder) but received '/etc/passwd'"], project)


def test_a_folder(project):
    refused(spec_with(project, "assets/pics"), [
        WHERE + "'assets/pics' is a folder, expected a PNG or JPEG picture"], project)


def test_the_theme_folder_is_allowed_when_given(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "logo.png").write_bytes(png())
    path, problem = images.find_image("logo.png", tmp_path / "specs", tmp_path, theme)
    assert problem == "" and path.read_bytes() == png()
    path, problem = images.find_image("logo.png", tmp_path / "specs", tmp_path)
    assert path is None and problem.startswith("no picture at 'logo.png'")
    path, problem = images.find_image("nope.png", tmp_path / "specs", tmp_path, theme)
    assert problem == ("no picture at 'nope.png' (looked beside the spec and in the project "
                       "folder and the theme's folder); check the name")


def test_a_link_in_the_theme_folder_that_leads_out_is_refused(tmp_path):
    theme, outside = tmp_path / "theme", tmp_path / "elsewhere"
    theme.mkdir()
    outside.mkdir()
    (outside / "logo.png").write_bytes(png())
    (theme / "logo.png").symlink_to(outside / "logo.png")
    path, problem = images.find_image("logo.png", tmp_path / "specs", tmp_path / "project", theme)
    assert path is None
    assert problem == ("'logo.png' leads outside the folders a picture may come from (through a "
                       "symbolic link): assets/, the spec's folder, the theme's folder; copy the "
                       "picture into one of them")


@pytest.mark.parametrize("limit", ["MAX_BYTES", "MAX_PIXELS"])
def test_limits_are_what_the_readme_says(limit):
    from paths import ROOT
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    value = {"MAX_BYTES": "20 MB", "MAX_PIXELS": "40 megapixels"}[limit]
    assert getattr(images, limit) == {"MAX_BYTES": 20_000_000, "MAX_PIXELS": 40_000_000}[limit]
    assert value in readme


def test_a_fifo_is_not_read(project):
    import os
    os.mkfifo(project / "assets" / "pics" / "pipe.png")
    refused(spec_with(project, "assets/pics/pipe.png"), [
        WHERE + "'assets/pics/pipe.png' is not a regular file, expected a PNG or JPEG picture"], project)


def test_what_is_embedded_is_the_copy_that_was_decoded(tmp_path):
    """A picture replaced after its check (an editor saving it mid-build) never reaches the deck."""
    (tmp_path / "assets").mkdir()
    original = tmp_path / "assets" / "a.png"
    original.write_bytes(png(50, 20))
    copy, problem = images.find_image("assets/a.png", tmp_path / "specs", tmp_path)
    assert problem == "" and copy != original and copy.read_bytes() == png(50, 20)
    assert oct(copy.parent.stat().st_mode & 0o777) == "0o700"
    original.write_bytes(b"half a picture")
    assert copy.read_bytes() == png(50, 20)
    again, problem = images.find_image("assets/a.png", tmp_path / "specs", tmp_path)
    assert (again, problem) == (None, "'assets/a.png' is not a picture (its content is not PNG or JPEG); "
                                      "export it as PNG or JPEG")

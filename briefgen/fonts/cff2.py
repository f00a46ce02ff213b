"""A lazy reader of a CFF2 table: charstrings and subroutines by index, read on demand.

fontTools' cffLib parses the whole CharStrings INDEX (65,535 offsets), names every glyph
and reads the 30 MB table into memory before the first glyph: 0.17 s. Converting a few
hundred glyphs needs only their bytes, their font DICT's local subroutines and the
global ones, so this maps the file and reads INDEX entries by offset arithmetic.
"""

from __future__ import annotations

import mmap
import struct
from bisect import bisect_right

from briefgen.errors import FontError


class _Index:
    """A CFF2 INDEX in ``buf`` at ``at``: count, and item ``i`` as bytes."""

    def __init__(self, buf, at: int, cff2: bool = True):
        self.buf = buf
        if cff2:
            (self.count,) = struct.unpack_from(">I", buf, at)
            at += 4
        else:
            (self.count,) = struct.unpack_from(">H", buf, at)
            at += 2
        if self.count == 0:
            self.end = at
            return
        self.off_size = buf[at]
        self.offsets_at = at + 1
        self.data_at = self.offsets_at + (self.count + 1) * self.off_size - 1
        self.end = self.data_at + self._offset(self.count)

    def _offset(self, i: int) -> int:
        """Return offset ``i`` of the INDEX (1-based, from the byte before the data)."""
        at = self.offsets_at + i * self.off_size
        return int.from_bytes(self.buf[at:at + self.off_size], "big")

    def __len__(self) -> int:
        return self.count

    def __getitem__(self, i: int) -> bytes:
        if not 0 <= i < self.count:
            raise IndexError(i)
        return bytes(self.buf[self.data_at + self._offset(i):self.data_at + self._offset(i + 1)])


def _dict(data: bytes) -> dict[int, list[float]]:
    """Return a CFF DICT's operands by operator (escaped operators as 1200 + b1)."""
    out: dict[int, list[float]] = {}
    ops: list[float] = []
    i, n = 0, len(data)
    while i < n:
        b0 = data[i]
        i += 1
        if b0 == 12:
            out[1200 + data[i]] = ops
            ops, i = [], i + 1
        elif b0 <= 24:
            out[b0] = ops
            ops = []
        elif b0 == 28:
            ops.append(struct.unpack_from(">h", data, i)[0])
            i += 2
        elif b0 == 29:
            ops.append(struct.unpack_from(">i", data, i)[0])
            i += 4
        elif b0 == 30:                                # real: skip its nibbles
            while i < n and (data[i] & 0x0F) != 0x0F and (data[i] >> 4) != 0x0F:
                i += 1
            i += 1
            ops.append(0.0)
        elif 32 <= b0 <= 246:
            ops.append(b0 - 139)
        elif 247 <= b0 <= 250:
            ops.append((b0 - 247) * 256 + data[i] + 108)
            i += 1
        elif 251 <= b0 <= 254:
            ops.append(-(b0 - 251) * 256 - data[i] - 108)
            i += 1
        else:
            raise FontError(f"CFF2 DICT: unexpected byte {b0}")
    return out


class CFF2:
    """The CFF2 table at ``offset`` (``length`` bytes) of the font file at ``path``."""

    def __init__(self, path: str, offset: int, length: int):
        with open(path, "rb") as f:
            buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        self.buf = buf
        t = offset
        header_size = buf[t + 2]
        (top_len,) = struct.unpack_from(">H", buf, t + 3)
        top = _dict(bytes(buf[t + header_size:t + header_size + top_len]))
        self.gsubrs = _Index(buf, t + header_size + top_len)
        self.charstrings = _Index(buf, t + int(top[17][0]))
        fdarray = _Index(buf, t + int(top[1236][0]))
        self.fds = []
        for k in range(len(fdarray)):
            size, at = (int(v) for v in _dict(fdarray[k])[18])
            private = _dict(bytes(buf[t + at:t + at + size]))
            subrs = _Index(buf, t + at + int(private[19][0])) if 19 in private else None
            self.fds.append((subrs, int(private.get(22, [0])[0])))
        self.fdselect = t + int(top[1237][0]) if 1237 in top else None
        self.vstore = t + int(top[24][0]) + 2 if 24 in top else None    # skip u16 length
        self._ranges: tuple[list[int], list[int]] | None = None

    def fd(self, gid: int) -> int:
        """Return the font DICT index of glyph ``gid``."""
        if self.fdselect is None:
            return 0
        if self._ranges is None:
            buf, at = self.buf, self.fdselect
            fmt = buf[at]
            if fmt == 0:
                return buf[at + 1 + gid]
            if fmt not in (3, 4):
                raise FontError(f"CFF2 FDSelect format {fmt} is not supported")
            head, entry = (">H", ">HB") if fmt == 3 else (">I", ">IH")
            (n,) = struct.unpack_from(head, buf, at + 1)
            step, first = struct.calcsize(entry), at + 1 + struct.calcsize(head)
            pairs = [struct.unpack_from(entry, buf, first + step * k) for k in range(n)]
            self._ranges = ([p[0] for p in pairs], [p[1] for p in pairs])
        firsts, fds = self._ranges
        return fds[max(bisect_right(firsts, gid) - 1, 0)]

    def glyph(self, gid: int) -> tuple[bytes, "_Index | None", int]:
        """Return (charstring bytes, local subrs INDEX or None, default vsindex) of ``gid``."""
        subrs, vsindex = self.fds[self.fd(gid)]
        return self.charstrings[gid], subrs, vsindex

    def regions(self) -> list[list[tuple[float, float, float]]]:
        """Return the variation store's regions as (start, peak, end) per axis."""
        if self.vstore is None:
            return []
        buf, at = self.buf, self.vstore
        (regions_at,) = struct.unpack_from(">I", buf, at + 2)
        axes, count = struct.unpack_from(">HH", buf, at + regions_at)
        flat = struct.unpack_from(f">{count * axes * 3}h", buf, at + regions_at + 4)
        return [[(flat[(r * axes + a) * 3] / 16384, flat[(r * axes + a) * 3 + 1] / 16384,
                  flat[(r * axes + a) * 3 + 2] / 16384) for a in range(axes)]
                for r in range(count)]

    def region_indexes(self) -> list[list[int]]:
        """Return, per ItemVariationData, the indexes of the regions its deltas refer to."""
        if self.vstore is None:
            return []
        buf, at = self.buf, self.vstore
        _, _, n = struct.unpack_from(">HIH", buf, at)
        offs = struct.unpack_from(f">{n}I", buf, at + 8)
        out = []
        for o in offs:
            count = struct.unpack_from(">H", buf, at + o + 4)[0]
            out.append(list(struct.unpack_from(f">{count}H", buf, at + o + 6)))
        return out

    def close(self) -> None:
        """Release the file mapping."""
        self.buf.close()

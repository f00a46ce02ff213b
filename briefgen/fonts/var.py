"""Variation math from raw bytes: avar maps, region scalars and HVAR advance deltas."""

from __future__ import annotations

import struct


def piecewise(v: float, seg: list[tuple[float, float]]) -> float:
    """Return ``v`` mapped through an avar segment map."""
    if not seg:
        return v
    for (a0, b0), (a1, b1) in zip(seg, seg[1:]):
        if a0 <= v <= a1:
            return b0 if a1 == a0 else b0 + (v - a0) * (b1 - b0) / (a1 - a0)
    return v


def region_scalar(coords: list[float], region: list[tuple[float, float, float]]) -> float:
    """Return the OpenType region scalar of ``region`` at normalized ``coords``."""
    scalar = 1.0
    for v, (start, peak, end) in zip(coords, region):
        if peak == 0 or start > peak or peak > end or (start < 0 < end):
            continue
        if v < start or v > end:
            return 0.0
        if v < peak:
            scalar *= (v - start) / (peak - start)
        elif v > peak:
            scalar *= (end - v) / (end - peak)
    return scalar


class HvarDeltas:
    """Advances from hmtx plus the HVAR delta at one location (gid -> units)."""

    def __init__(self, data: bytes, coords: list[float], default):
        self._data, self._default = data, default
        store, amap = struct.unpack_from(">II", data, 4)
        self._map = None
        if amap:
            fmt, entry = data[amap], data[amap + 1]
            count = struct.unpack_from(">H" if fmt == 0 else ">I", data, amap + 2)[0]
            self._map = (amap + (4 if fmt == 0 else 6), count, ((entry & 0x30) >> 4) + 1,
                         (entry & 0x0F) + 1)
        _, regions_at, n = struct.unpack_from(">HIH", data, store)
        axis_count, region_count = struct.unpack_from(">HH", data, store + regions_at)
        flat = struct.unpack_from(f">{region_count * axis_count * 3}h", data,
                                  store + regions_at + 4)
        scalars = []
        for r in range(region_count):
            base = r * axis_count * 3
            region = [(flat[base + 3 * a] / 16384, flat[base + 3 * a + 1] / 16384,
                       flat[base + 3 * a + 2] / 16384) for a in range(axis_count)]
            scalars.append(region_scalar(coords, region))
        self._vardata = []
        for off in struct.unpack_from(f">{n}I", data, store + 8):
            at = store + off
            items, words, nreg = struct.unpack_from(">HHH", data, at)
            idx = struct.unpack_from(f">{nreg}H", data, at + 6)
            wc, long_ = words & 0x7FFF, bool(words & 0x8000)
            fmt = ">" + ("i" if long_ else "h") * wc + ("h" if long_ else "b") * (nreg - wc)
            row = struct.Struct(fmt)
            self._vardata.append((at + 6 + 2 * nreg, row, [scalars[i] for i in idx], items))

    def __call__(self, gid: int) -> float:
        outer, inner = 0, gid
        if self._map is not None:
            at, count, size, inner_bits = self._map
            e = int.from_bytes(self._data[at + size * min(gid, count - 1):
                                          at + size * (min(gid, count - 1) + 1)], "big")
            outer, inner = e >> inner_bits, e & ((1 << inner_bits) - 1)
        base = self._default(gid)
        if outer >= len(self._vardata):
            return float(base)
        rows_at, row, scalars, items = self._vardata[outer]
        if inner >= items:
            return float(base)
        deltas = row.unpack_from(self._data, rows_at + row.size * inner)
        return base + sum(d * s for d, s in zip(deltas, scalars))

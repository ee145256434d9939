"""Bar charts as PNG images for the Word file, drawn without a plotting library.

A chart is a few filled rectangles: one group of bars per label (the year before
in a light colour, the year in a dark one) on a baseline, each bar's value above it
and the group's number (1, 2 …) below, in a small built-in digit font. The caption
under the image names the numbered groups.
"""

from __future__ import annotations

import struct
import zlib
from typing import Any

# 3×5 digits, one string of rows per digit ("1" = pixel), scaled when drawn.
DIGITS = {
    "0": "111101101101111", "1": "010110010010111", "2": "111001111100111",
    "3": "111001111001111", "4": "101101111001001", "5": "111100111001111",
    "6": "111100111101111", "7": "111001001001001", "8": "111101111101111",
    "9": "111101111001111", ".": "000000000000010", ",": "000000000010100",
}  # fmt: skip
COLOURS = [(160, 190, 225), (22, 72, 140), (60, 140, 90)]
BACKGROUND = (255, 255, 255)
AXIS = (90, 90, 90)
GRID = (225, 225, 225)


def bar_chart_png(chart: dict[str, Any], width: int = 640, height: int = 280) -> bytes:
    series = chart["series"]
    labels = chart["labels"]
    top = max([v for s in series for v in s["values"]] + [1])
    pixels = [bytearray(bytes(BACKGROUND) * width) for _ in range(height)]

    def fill(x0: int, y0: int, x1: int, y1: int, colour: tuple[int, int, int]) -> None:
        for y in range(max(y0, 0), min(y1, height)):
            row = pixels[y]
            row[max(x0, 0) * 3 : min(x1, width) * 3] = bytes(colour) * (min(x1, width) - max(x0, 0))

    def text(x: int, y: int, value: str, colour: tuple[int, int, int], scale: int = 2) -> None:
        """Digits with their left edge at ``x`` and top at ``y``."""
        for n, char in enumerate(value):
            glyph = DIGITS.get(char)
            if glyph is None:
                continue
            for i, bit in enumerate(glyph):
                if bit == "1":
                    gx = x + n * 4 * scale + (i % 3) * scale
                    gy = y + (i // 3) * scale
                    fill(gx, gy, gx + scale, gy + scale, colour)

    def text_width(value: str, scale: int = 2) -> int:
        return len(value) * 4 * scale - scale

    margin, base = 20, height - 24
    plot_h = base - margin - 14
    for step in range(1, 5):
        y = base - plot_h * step // 4
        fill(margin, y, width - margin, y + 1, GRID)
    groups = max(len(labels), 1)
    group_w = (width - 2 * margin) // groups
    bar_w = max((group_w - 12) // max(len(series), 1), 2)
    for g in range(len(labels)):
        for i, s in enumerate(series):
            value = s["values"][g] or 0
            h = round(plot_h * value / top)
            x0 = margin + g * group_w + 6 + i * bar_w
            fill(x0, base - h, x0 + bar_w - 2, base, _colour(i, len(series)))
            label = _number(value)
            text(x0 + (bar_w - 2 - text_width(label)) // 2, base - h - 14, label, AXIS)
        number = str(g + 1)
        text(margin + g * group_w + (group_w - text_width(number)) // 2, base + 8, number, AXIS)
    fill(margin, base, width - margin, base + 2, AXIS)
    return _png(width, height, pixels)


def _colour(index: int, count: int) -> tuple[int, int, int]:
    """The year is dark; the year before (when shown) light."""
    return COLOURS[1] if count == 1 else COLOURS[index % len(COLOURS)]


def _number(value: float | int) -> str:
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def _png(width: int, height: int, rows: list[bytearray]) -> bytes:
    raw = b"".join(b"\x00" + bytes(row) for row in rows)

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 6))
        + chunk(b"IEND", b"")
    )


def legend(chart: dict[str, Any]) -> str:
    names = ["ljus stapel", "mörk stapel", "grön stapel"]
    return "; ".join(f"{names[i % len(names)]}: {s['name']}" for i, s in enumerate(chart["series"]))

"""Charts rendered on the server with matplotlib: radar by category, score histogram, per-section
comparison. SVG output turns text into paths, so pages need no web font and no CDN; PNG output
is what the PDF embeds. Chinese labels use a CJK font found through matplotlib's font manager."""

from __future__ import annotations

import io
import math
from functools import lru_cache

import matplotlib

matplotlib.use("Agg")  # no display on servers; must precede pyplot

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

# Debian's fonts-noto-cjk first, then WenQuanYi (fonts-wqy-zenhei), then anything claiming Chinese.
CJK_FONT_NAMES = ("Noto Sans CJK SC", "Noto Sans CJK JP", "WenQuanYi Zen Hei", "Source Han Sans SC", "SimHei")
ACCENT, SECOND, GRID = "#1f6feb", "#d97706", "#c9d1d9"


class ChartFontMissing(RuntimeError):
    """No font with Chinese glyphs is installed; charts would print empty boxes."""


@lru_cache(maxsize=1)
def cjk_font_family() -> str:
    installed = {font.name for font in font_manager.fontManager.ttflist}
    for name in CJK_FONT_NAMES:
        if name in installed:
            return name
    raise ChartFontMissing("no CJK font found (install Debian's fonts-noto-cjk); looked for " + ", ".join(CJK_FONT_NAMES))


def _figure(width: float, height: float, polar: bool = False):
    plt.rcParams["font.family"] = [cjk_font_family()]
    plt.rcParams["axes.unicode_minus"] = False  # the CJK fonts lack U+2212
    plt.rcParams["svg.fonttype"] = "path"
    figure = plt.figure(figsize=(width, height), dpi=100)
    axes = figure.add_subplot(111, polar=polar)
    return figure, axes


def _render(figure, fmt: str) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, bbox_inches="tight", dpi=150 if fmt == "png" else 100,
                   metadata={"Date": None} if fmt == "svg" else None)
    plt.close(figure)
    return buffer.getvalue()


def radar_chart(labels: list[str], shares: list[float], fmt: str = "svg",
                comparison: list[float] | None = None, comparison_label: str = "全体平均") -> bytes:
    """Score share (0..1) per category on a radar; fewer than three axes still draw a polygon."""
    axes_count = max(len(labels), 3)
    labels = labels + [""] * (axes_count - len(labels))
    shares = shares + [0.0] * (axes_count - len(shares))
    angles = [2 * math.pi * index / axes_count for index in range(axes_count)]
    figure, axes = _figure(4.2, 4.2, polar=True)
    axes.set_theta_offset(math.pi / 2)
    axes.set_theta_direction(-1)
    closed = angles + angles[:1]
    axes.plot(closed, shares + shares[:1], color=ACCENT, linewidth=2, label="本人")
    axes.fill(closed, shares + shares[:1], color=ACCENT, alpha=0.2)
    if comparison:
        comparison = comparison + [0.0] * (axes_count - len(comparison))
        axes.plot(closed, comparison + comparison[:1], color=SECOND, linewidth=1.5, linestyle="--", label=comparison_label)
        axes.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), fontsize=8, frameon=False)
    axes.set_xticks(angles)
    axes.set_xticklabels(labels, fontsize=10)
    axes.set_ylim(0, 1)
    axes.set_yticks([0.25, 0.5, 0.75, 1.0])
    axes.set_yticklabels(["25%", "50%", "75%", "100%"], fontsize=7, color="#57606a")
    axes.grid(color=GRID)
    return _render(figure, fmt)


def score_histogram(totals: list[float], max_total: float, cut_off: float | None = None, fmt: str = "svg") -> bytes:
    """Distribution of total scores, with the cut-off line when there is one."""
    figure, axes = _figure(6, 3)
    bins = min(10, max(int(math.ceil(max_total)), 1))
    axes.hist(totals, bins=bins, range=(0, max_total or 1), color=ACCENT, edgecolor="white")
    if cut_off is not None:
        axes.axvline(cut_off * max_total, color="#cf222e", linestyle="--", linewidth=1.5)
        axes.text(cut_off * max_total, axes.get_ylim()[1] * 0.95, f" 分数线 {cut_off:.0%}", color="#cf222e", fontsize=9, va="top",
                  bbox={"facecolor": "white", "edgecolor": "none", "alpha": 0.85, "pad": 1})
    axes.set_xlabel("总分")
    axes.set_ylabel("人数")
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_title("总分分布", fontsize=11)
    return _render(figure, fmt)


def section_comparison(section_shares: dict[str, list[float]], fmt: str = "svg") -> bytes:
    """Box plot of each section's score share across candidates, with the mean marked."""
    figure, axes = _figure(6, 3.2)
    titles = list(section_shares)
    data = [section_shares[title] or [0.0] for title in titles]
    axes.boxplot(data, tick_labels=titles, showmeans=True, patch_artist=True,
                 boxprops={"facecolor": "#ddf4ff", "edgecolor": ACCENT}, medianprops={"color": ACCENT},
                 meanprops={"marker": "D", "markerfacecolor": SECOND, "markeredgecolor": SECOND})
    axes.set_ylim(0, 1.05)
    axes.yaxis.set_major_formatter(matplotlib.ticker.PercentFormatter(1.0))
    axes.set_ylabel("得分率")
    axes.set_title("各部分得分率对比(◆ 为平均)", fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    plt.setp(axes.get_xticklabels(), fontsize=9)
    return _render(figure, fmt)

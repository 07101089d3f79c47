"""Matplotlib figures as self-contained ``data:`` URIs for HTML pages.

Figures are built with ``matplotlib.figure.Figure`` and the Agg canvas
directly, never through pyplot: no global state, no GUI backend, and a
figure is freed as soon as it is encoded.
"""

from __future__ import annotations

import base64
import io

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

# Colours that stay distinguishable for the common kinds of colour blindness.
STUDENT = "#d55e00"
REFERENCE = "#0072b2"
PASSED = "#009e73"
FAILED = "#d55e00"
NEUTRAL = "#999999"


def new_figure(width: float = 6.4, height: float = 3.6) -> Figure:
    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    return fig


def to_data_uri(fig: Figure) -> str:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")

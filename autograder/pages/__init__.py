"""What the feedback pages and the class report share: self-contained HTML.

``render`` fills a package's Jinja2 template, with autoescaping on and the
shell every page extends (``templates/_page.html.j2``: the head, the common
style, the outcome badges, a figure as an embedded ``<img>``);
``figures`` makes Matplotlib figures into ``data:`` URIs for it.
"""

from autograder.pages.figures import new_figure, to_data_uri
from autograder.pages.render import format_number, render

__all__ = ["format_number", "new_figure", "render", "to_data_uri"]

"""Renderers: an :class:`~vendormaturity.AssessmentResult` as terminal output, JSON,
Markdown or a self-contained HTML report, in French or English.

Import the one you need; each pulls in its own dependencies only when called:

- :func:`vendormaturity.render.json.render_json` – the result as indented JSON;
- :func:`vendormaturity.render.markdown.render_markdown` – for a client deliverable;
- :func:`vendormaturity.render.html.render_html` – one HTML file, no network at view time
  (needs the ``cli`` extra: Jinja2);
- :mod:`vendormaturity.render.terminal` – Rich output used by the command line.

Fixed texts (phase names, severities, owners, horizons…) live in
:mod:`vendormaturity.render.texts`; everything else comes from the questionnaire.
"""

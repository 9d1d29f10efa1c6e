"""The human side: server-rendered pages (Jinja2 templates, local static files)."""

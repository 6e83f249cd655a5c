"""Datasette plugins of gesprekken, loaded with --plugins-dir (installed as gesprekken.plugins)."""

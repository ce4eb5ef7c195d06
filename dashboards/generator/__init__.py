"""The dashboard generator: panels.py has the building blocks, one module per dashboard."""

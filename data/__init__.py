"""The book's data tables (CSV files, documented in README.md).

The build configuration (``pyproject.toml``) installs this folder inside the package as
``scaling.data_files``; ``scaling.data`` reads it with :mod:`importlib.resources`.
"""

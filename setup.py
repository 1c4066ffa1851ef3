"""Packaging step that pyproject.toml cannot say: the top-level `catalog/` and `migrations/`
folders (the project's source of truth) are copied into the package as
`insatser_api/bundled/{catalog,migrations}` when a wheel is built, so an installed service
carries its catalogue and its migrations (`insatser_api.kit.bundled` finds them).

An editable install (`make`) reads the same folders straight from the checkout instead.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
BUNDLED = ("catalog", "migrations")


class BuildPyWithBundledData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "insatser_api" / "bundled"
        for name in BUNDLED:
            source = ROOT / name
            if not source.is_dir():
                raise SystemExit(f"setup.py: {source} is missing; build from a checkout or sdist")
            shutil.rmtree(target / name, ignore_errors=True)
            shutil.copytree(
                source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )


setup(cmdclass={"build_py": BuildPyWithBundledData})

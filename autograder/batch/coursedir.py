"""The course folder as nbgrader sees it: its config, folders and gradebook.

Reading ``nbgrader_config.py`` with nbgrader's own ``CourseDirectory`` keeps
the batch command on the same folders, database and late-penalty settings
as ``nbgrader autograde`` in that folder.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from nbgrader.coursedir import CourseDirectory
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

CONFIG_FILE = "nbgrader_config.py"


@dataclass
class Course:
    dirs: CourseDirectory
    config: Config
    db_url: str

    @property
    def root(self) -> Path:
        return Path(self.dirs.root)

    def folder(self, step: str, student: str, assignment: str) -> Path:
        """``step`` is one of CourseDirectory's *_directory names (submitted, ...)."""
        name = getattr(self.dirs, f"{step}_directory")
        return Path(self.dirs.format_path(name, student, assignment))

    def source(self, assignment: str) -> Path:
        return Path(self.dirs.format_path(self.dirs.source_directory, ".", assignment))


def open_course(root: Path, db_url: str | None = None) -> Course:
    root = Path(root).resolve()
    config = Config()
    if (root / CONFIG_FILE).is_file():
        config = PyFileConfigLoader(CONFIG_FILE, path=str(root)).load_config()
    if "root" not in config.CourseDirectory:
        config.CourseDirectory.root = str(root)
    dirs = CourseDirectory(config=config)
    return Course(dirs=dirs, config=config, db_url=db_url or dirs.db_url)

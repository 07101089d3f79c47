"""``python -m autograder VERB ...``: a thin dispatcher.

Each verb is a subpackage with a ``cli`` module that defines
``configure(parser)`` (its arguments) and ``run(args) -> int`` (exit status).
"""

from __future__ import annotations

import argparse
import importlib
import sys

VERBS = {
    "grade": "grade one submission (a notebook, .py files, or a folder)",
    "batch": "grade nbgrader's submitted/ folder into the gradebook",
    "report": "write the class report (HTML and CSV) from the gradebook",
    "feedback": "write per-student HTML feedback",
    "export": "write the gradebook's grades for the LMS (--canvas: Canvas's gradebook import CSV)",
    "build": "generate student stubs and nbgrader source notebooks from the reference",
    "gradescope": "export a Gradescope autograder bundle per assignment",
    "demo": "build the release and grade a sample class end to end",
    "mistakes": "draft new known mistakes from a graded class (mistakes suggest ASSIGNMENT)",
}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    # nbformat validates notebooks with jsonschema, which imports the optional
    # rfc3987_syntax when present (it comes with jupyter); that package builds
    # an IRI grammar at import, 1 to 5 s of every start.  Notebook schemas
    # check no IRIs, so the import is refused and jsonschema does without.
    sys.modules.setdefault("rfc3987_syntax", None)
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="verb", metavar="VERB")
    modules = {}
    # Import only the verb asked for: some verbs pull in slow imports (nbformat).
    chosen = [argv[0]] if argv and argv[0] in VERBS else list(VERBS)
    for verb in chosen:
        help_text = VERBS[verb]
        try:
            module = importlib.import_module(f"autograder.{verb}.cli")
        except ModuleNotFoundError as exc:
            if exc.name and exc.name.startswith(f"autograder.{verb}"):
                continue  # verb not available in this installation
            raise
        modules[verb] = module
        module.configure(sub.add_parser(verb, help=help_text, description=help_text))
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help(sys.stderr)
        return 2
    return modules[args.verb].run(args)

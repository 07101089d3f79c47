"""``python benchmarks/mutation.py``: how many small edits of the reference the hidden tests catch."""

from __future__ import annotations

import argparse

from devtools.mutation import run as mutation_run


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--module", action="append", choices=mutation_run.MODULES,
                        help="only mutants of this reference module (repeatable; default: all four)")
    parser.add_argument("--function", action="append", default=[],
                        help="only mutants inside this function (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="graders working side by side (default 2)")
    parser.add_argument("--list", action="store_true", help="list the mutants without grading them")
    parser.add_argument("--progress", action="store_true", help="print each verdict on stderr as it comes")
    parser.add_argument("--strict", action="store_true",
                        help="exit 1 when a non-equivalent mutant survives")


def run(args: argparse.Namespace) -> int:
    found = mutation_run.all_mutants(tuple(args.module or mutation_run.MODULES), tuple(args.function))
    if args.list:
        for mutant in found:
            print(mutant.key)
        print(f"{len(found)} mutants")
        return 0
    report = mutation_run.grade_all(found, jobs=args.jobs, progress=args.progress)
    print(mutation_run.render(report))
    return 1 if args.strict and report.survivors else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python benchmarks/mutation.py", description=__doc__.splitlines()[0])
    configure(parser)
    return run(parser.parse_args(argv))

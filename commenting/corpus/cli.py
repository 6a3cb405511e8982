"""CLI of ``python -m commenting corpus`` (placeholder until the corpus lands)."""


def add_arguments(parser):
    parser.add_argument("action", nargs="?", help="build | import | search | show")


def run(args):
    raise NotImplementedError

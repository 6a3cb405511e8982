"""CLI of ``python -m commenting letter`` (placeholder until letters land)."""


def add_arguments(parser):
    parser.add_argument("file", nargs="?")


def run(args):
    raise NotImplementedError

"""Placeholder until this module lands."""


def add_arguments(parser):
    parser.add_argument("rest", nargs="*")


def cli_run(args):
    raise NotImplementedError

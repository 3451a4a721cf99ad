"""`python -m qms_desktop` runs the command line."""

import sys

from qms_desktop.cli import run

sys.exit(run())

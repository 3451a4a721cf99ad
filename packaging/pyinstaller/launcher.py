"""Entry point of the frozen bundle: the same command line as `qms-desktop` from source
(no arguments opens the GUI)."""

import sys

from qms_desktop.cli import run

if __name__ == "__main__":
    sys.exit(run())

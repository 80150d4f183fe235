"""The PDF extraction worker of the Python package: ``python -m gap_check._worker ...``.

``gap_check`` starts this module as a child process (the interpreter running it, with the
worker arguments the Rust side adds) so that each PDF is extracted under the CLI's memory
and time limits, out of the caller's process, without a gap-check binary installed.
"""

import sys

from . import _native

if __name__ == "__main__":
    sys.exit(_native.worker_main(sys.argv[1:]))

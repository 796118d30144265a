"""`python -m data_access.alerts [--send]`: check the alerts and send the e-mail digest (the
same command as `python -m ui.digest`; the digest's words live in the text catalogue, so the
command itself is in ui/digest.py, like the DST command's problem texts)."""

import sys

from ui.digest import main  # the CLI words the digest like the page does

if __name__ == "__main__":
    sys.exit(main())

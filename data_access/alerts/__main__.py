"""`python -m data_access.alerts [--send]`: check the alerts and send the e-mail digest
(data_access/alerts/digest.py)."""

import sys

from data_access.alerts.digest import main

if __name__ == "__main__":
    sys.exit(main())

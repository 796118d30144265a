"""A local OpenID Connect provider for the login tests: oidc-provider-mock on 127.0.0.1.

Run in its own process (`python -m tests.browser.oidc_provider --port N --users JSON`), so
the test run's warning filters (warnings are errors there) do not reach into the provider's
Authlib, which still uses APIs it deprecates. Loopback only: it is an identity provider that
logs in whoever clicks, and it runs Werkzeug's debugger.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

import oidc_provider_mock
import werkzeug.serving


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--users", required=True, help='JSON: {"sub": {claims}}')
    parser.add_argument("--token-seconds", type=int, default=3600)
    args = parser.parse_args()
    users = [oidc_provider_mock.User(sub=s, claims=c) for s, c in json.loads(args.users).items()]
    app = oidc_provider_mock.app(
        user_claims=users, access_token_max_age=dt.timedelta(seconds=args.token_seconds)
    )
    werkzeug.serving.make_server("127.0.0.1", args.port, app, threaded=True).serve_forever()


if __name__ == "__main__":
    main()

"""The Python the botocore agreement scripts run in: this one when it has
botocore, else Debian's /usr/bin/python3 (python3-botocore), re-executed once;
exit 77 (a skipped test) when neither has it."""
import os
import sys

FALLBACK_PYTHON = '/usr/bin/python3'


def require_botocore(script):
    try:
        import botocore  # noqa: F401
    except ImportError:
        if (
            os.path.exists(FALLBACK_PYTHON)
            and os.path.realpath(sys.executable) != os.path.realpath(FALLBACK_PYTHON)
            and not os.environ.get('STRATUS_BOTOCORE_FALLBACK')
        ):
            os.environ['STRATUS_BOTOCORE_FALLBACK'] = '1'
            os.execv(FALLBACK_PYTHON, [FALLBACK_PYTHON] + sys.argv)
        print(
            f'{script}: no Python with botocore (pip install botocore, '
            'or apt install python3-botocore); skipped',
            file=sys.stderr,
        )
        sys.exit(77)

"""``python -m briefing_tui``: the same as the ``briefing`` command."""

import sys

from briefing_tui.launcher import main

sys.exit(main())

"""Integration packs' end-to-end tests (one folder per pack): see packsupport.py."""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

"""Reports, item statistics and exchange formats (see DESIGN.md, `report/`).

- `kaoguan.report.formats`: export_bank / import_exchange / read_exchange_format
- `kaoguan.report.stats`: item_statistics and the statistics it is made of
- `kaoguan.report.candidate` / `cohort`: report data; `pdf`, `charts`: rendering
- `kaoguan.report.source`: results of stored interviews (through the interview service)
"""

from pathlib import Path

TEMPLATES_DIR = Path(__file__).parent / "templates"

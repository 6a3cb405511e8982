"""The register (征求意见台账) as an .xlsx spreadsheet, with the columns a legal office keeps."""
from __future__ import annotations

import datetime as dt
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from commenting.annual import consultation_figures, consultations_of_year
from commenting.model import Consultation
from commenting.store import Store

#: (column, width in characters)
COLUMNS = (
    ("来文单位", 18), ("文号", 20), ("标题", 44), ("收到日期", 12), ("截止日期", 12), ("反馈日期", 12),
    ("状态", 8), ("意见条数", 9), ("采纳情况", 24),
)
DATE_FORMAT = "yyyy-mm-dd"


def _date(value: str) -> dt.date | str:
    """A cell value: the date as a date (sorts and filters as one in Excel), else the text as typed."""
    try:
        return dt.date.fromisoformat(value[:10]) if value else ""
    except ValueError:
        return value


def register_rows(store: Store, consultations: list[Consultation]) -> list[list]:
    """One row per consultation, in :data:`COLUMNS` order."""
    rows = []
    for c in consultations:
        f = consultation_figures(store, c)
        rows.append([c.sender, c.doc_number, c.title, _date(c.received), _date(c.deadline), _date(c.replied_on),
                     c.status, len(f.comments), f.adoption_text()])
    return rows


def register_xlsx(store: Store, year: int | None = None) -> bytes:
    """The register as .xlsx bytes: every consultation not in the bin, or those received in ``year``.

    Header bold and frozen, column widths set, dates as Excel dates.
    """
    if year is None:
        consultations = sorted(store.list_consultations(), key=lambda c: (c.received or c.created_at, c.id))
    else:
        consultations = consultations_of_year(store, year)
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年征求意见台账" if year else "征求意见台账"
    ws.append([name for name, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for row in register_rows(store, consultations):
        ws.append(row)
    dates = {i for i, (name, _) in enumerate(COLUMNS, 1) if name.endswith("日期")}
    for i, (name, width) in enumerate(COLUMNS, 1):
        ws.column_dimensions[get_column_letter(i)].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.column in dates and isinstance(cell.value, dt.date):
                cell.number_format = DATE_FORMAT
            cell.alignment = Alignment(vertical="top", wrap_text=cell.column == 3)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


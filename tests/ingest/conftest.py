from pathlib import Path

FIXTURES = Path(__file__).with_name("fixtures")


def codes(bank) -> list[str]:
    return [warning.code for warning in bank.warnings]


def docx_bytes(*paragraphs_and_tables) -> bytes:
    """A Word document made of paragraphs (str) and tables (lists of rows of cell texts), in order."""
    import io

    import docx

    document = docx.Document()
    for item in paragraphs_and_tables:
        if isinstance(item, str):
            document.add_paragraph(item)
            continue
        table = document.add_table(rows=len(item), cols=len(item[0]))
        for r, row in enumerate(item):
            for c, cell in enumerate(row):
                table.cell(r, c).text = cell
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""Format sniffing and the readers that turn document bytes into plain text.

The format is decided from the content (magic bytes), never from the file name. `sniff_format`
and `READERS` are the single place where a format is chosen. Another format (Moodle XML, GIFT,
Aiken, Excel, …) is plugged in with `register_format(name, sniff, reader)`: `sniff(data, source)`
says whether the bytes are that format (registered sniffers run before the built-in rules), and
`reader(data, source)` returns either plain text (parsed like any document) or a finished `Bank`.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable

from typing import TYPE_CHECKING

from kaoguan.ingest.encoding import decode_bytes
from kaoguan.ingest.errors import DocumentError

if TYPE_CHECKING:
    from kaoguan.bank.model import Bank

Reader = Callable[[bytes, str], "str | Bank"]
Sniffer = Callable[[bytes, str], bool]
_PLUGGED: list[tuple[str, Sniffer]] = []

_HTML_START = re.compile(rb"^\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p)\b", re.I | re.S)


def register_format(name: str, sniff: Sniffer, reader: Reader) -> None:
    """Plug in a format: `sniff` recognises its bytes, `reader` turns them into text or a Bank.

    The format registered last is asked first, so a caller can override a format plugged in earlier.
    """
    _PLUGGED[:] = [(name, sniff)] + [(n, s) for n, s in _PLUGGED if n != name]
    READERS[name] = reader


def sniff_format(data: bytes, source: str) -> str:
    """Name the format of `data`: a registered format, or "docx", "pdf", "html" or "text"."""
    for name, sniff in _PLUGGED:
        if sniff(data, source):
            return name
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        raise DocumentError(source, "legacy Word .doc (OLE) file: open it in Word or LibreOffice and save it as .docx")
    if data.lstrip()[:5] == b"%PDF-":
        return "pdf"
    head = data[:2048]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (head[:200].count(b"\x00") > 50):
        # UTF-16 text (or HTML saved as UTF-16): decide after decoding.
        text = decode_bytes(data, source)
        return "html" if _HTML_START.match(text[:2048].encode("utf-8", "ignore")) else "text"
    if _HTML_START.match(head.removeprefix(b"\xef\xbb\xbf")):
        return "html"
    return "text"


def read_text(data: bytes, source: str) -> str:
    text = decode_bytes(data, source)
    # a text copied out of a PDF keeps the PDF's line wrapping
    return join_wrapped_lines(text) if looks_wrapped(text) else text


def read_docx(data: bytes, source: str) -> str:
    """Paragraphs and table cells of a Word document, in document order."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except zipfile.BadZipFile as exc:
        raise DocumentError(source, f"corrupt .docx (not a readable zip archive: {exc})") from exc
    if "word/document.xml" not in names:
        raise DocumentError(source, "a zip archive without word/document.xml: not a Word .docx document")
    import docx  # imported here: python-docx is slow to import and only needed for Word files
    from docx.oxml.ns import qn

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds (KeyError, XMLSyntaxError, …)
        raise DocumentError(source, f"corrupt .docx ({type(exc).__name__}: {exc})") from exc
    numbering = _DocxNumbering(document)
    body = document.element.body
    for fallback in list(body.iter(_MC_FALLBACK)):
        fallback.getparent().remove(fallback)  # a text box's second copy (VML for old Word): read once
    lines: list[str] = []
    for element in _docx_blocks(body, qn):
        if element.tag == qn("w:p"):
            lines.append(numbering.label(element) + _docx_paragraph_text(element))
        else:
            lines.extend(_docx_table_lines(element))
    return "\n".join(lines)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_blocks(parent, qn):
    """Paragraphs and tables in document order, also those inside content controls (`w:sdt`, which
    templates wrap around cover pages, forms and whole sections)."""
    paragraph, table, control, content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    for element in parent.iterchildren():
        if element.tag in (paragraph, table):
            yield element
        elif element.tag == control:
            for inner in element.iterchildren(content):
                yield from _docx_blocks(inner, qn)


class _DocxNumbering:
    """Word's automatic list numbers are not in the paragraph text: rebuild them (`1.`, `一、`,
    `A.`, `-`) from the numbering definitions, or questions lose their numbers."""

    _CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "ideographTraditional", "chineseLegalSimplified", "japaneseCounting"}

    def __init__(self, document) -> None:
        from docx.oxml.ns import qn

        self._qn = qn
        self.formats: dict[tuple[str, str], str] = {}
        self.style_numbering: dict[str, tuple[str, str]] = {}
        self.counters: dict[tuple[str, str], int] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstracts = {a.get(qn("w:abstractNumId")): a for a in root.findall(qn("w:abstractNum"))}
        for num in root.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            abstract = abstracts.get(ref.get(qn("w:val"))) if ref is not None else None
            if abstract is None:
                continue
            for level in abstract.findall(qn("w:lvl")):
                fmt = level.find(qn("w:numFmt"))
                self.formats[(num.get(qn("w:numId")), level.get(qn("w:ilvl")))] = fmt.get(qn("w:val")) if fmt is not None else "decimal"
        for style in document.styles.element.findall(qn("w:style")):
            found = self._num_pr(style)
            if found:
                self.style_numbering[style.get(qn("w:styleId"))] = found

    def _num_pr(self, element) -> tuple[str, str] | None:
        qn = self._qn
        ppr = element.find(qn("w:pPr"))
        num_pr = ppr.find(qn("w:numPr")) if ppr is not None else None
        if num_pr is None:
            return None
        num_id = num_pr.find(qn("w:numId"))
        level = num_pr.find(qn("w:ilvl"))
        if num_id is None or num_id.get(qn("w:val")) == "0":
            return None
        return num_id.get(qn("w:val")), level.get(qn("w:val")) if level is not None else "0"

    def label(self, paragraph) -> str:
        qn = self._qn
        key = self._num_pr(paragraph)
        if key is None:
            ppr = paragraph.find(qn("w:pPr"))
            style = ppr.find(qn("w:pStyle")) if ppr is not None else None
            key = self.style_numbering.get(style.get(qn("w:val"))) if style is not None else None
        if key is None or key not in self.formats:
            return ""
        num_id, level = key
        self.counters[key] = self.counters.get(key, 0) + 1
        for other in [k for k in self.counters if k[0] == num_id and k[1] > level]:
            del self.counters[other]  # a deeper level restarts under a new item
        return _list_label(self.formats[key], self.counters[key])


def _list_label(fmt: str, n: int) -> str:
    if fmt == "bullet":
        return "-"
    if fmt in _DocxNumbering._CHINESE_FORMATS:
        return _chinese_numeral(n) + "、"
    if fmt == "upperLetter" and n <= 26:
        return chr(64 + n) + "."
    if fmt == "lowerLetter" and n <= 26:
        return chr(96 + n) + "."
    if fmt == "decimalEnclosedCircle" and n <= 10:
        return "①②③④⑤⑥⑦⑧⑨⑩"[n - 1]
    if fmt == "none":
        return ""
    return f"{n}."


def _chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


def _docx_paragraph_text(paragraph) -> str:
    from docx.oxml.ns import qn

    text_tag, tab_tag = qn("w:t"), qn("w:tab")
    parts = []
    for node in paragraph.iter(text_tag, tab_tag, qn("w:br")):
        if node.tag == text_tag:
            parts.append(node.text or "")
        else:
            parts.append("\t" if node.tag == tab_tag else "\n")
    return "".join(parts)


def _docx_table_lines(table) -> list[str]:
    """A question table (a header row naming 题目 and 答案 columns) becomes numbered questions with
    marked answers; any other table gives one line per distinct cell, row by row."""
    from docx.oxml.ns import qn

    rows: list[list[str]] = []
    for row in table.iter(qn("w:tr")):
        cells = []
        for cell in row.iter(qn("w:tc")):
            cells.append("\n".join(_docx_paragraph_text(p) for p in cell.iter(qn("w:p"))).strip())
        rows.append(cells)
    columns = _question_table_columns(rows[0]) if rows else None
    if columns is None:
        lines = _key_table_lines(rows)
        if lines is None:
            lines = _rubric_table_lines(rows)
        return lines if lines is not None else [cell for row in rows for cell in row if cell]
    return [line for index, row in enumerate(rows[1:], start=1) for line in _question_row_lines(row, columns, index)]


def _key_table_lines(rows: list[list[str]]) -> list[str] | None:
    """An answer key as a table, one question per row (题号 | 答案 | 解析): each row as the entry a
    document would write, `1.答案：B 解析：…`, read like any answer key that refers back by number;
    None when the table is not one."""
    if len(rows) < 2:
        return None
    rows = _rows_as_columns(rows) or rows
    roles = _column_roles(rows[0])
    if "number" not in roles.values() or "答案" not in roles.values() or "prompt" in roles.values():
        return None
    lines = []
    for row in rows[1:]:
        cells = {role: " ".join(row[i].split()) for i, role in roles.items() if i < len(row)}
        number = cells.get("number", "")
        if not re.fullmatch(r"\d{1,3}", number):
            return None  # not numbered rows: read cell by cell
        entry = f"{number}.答案：{cells.get('答案', '')}"
        for role in ("解析", "参考答案", "答案要点"):
            if cells.get(role):
                entry += f" {role}：{cells[role]}"
        lines.append(entry)
    return lines


def _rows_as_columns(rows: list[list[str]]) -> list[list[str]] | None:
    """A key laid out across the page, its labels down the first column (`题号 | 1 | 2 | 3`, then
    `答案 | B | A | C`), turned to one question per row; None when the table is not laid out so."""
    width = len(rows[0])
    if width < 2 or any(len(row) != width for row in rows):
        return None
    labels = [re.sub(r"\s+", "", row[0]) for row in rows]
    role_of = [_column_role(label) for label in labels]
    if role_of[0] != "number" or "答案" not in role_of or not all(re.fullmatch(r"\d{1,3}", cell.strip()) for cell in rows[0][1:]):
        return None
    return [list(column) for column in zip(*rows)]


# A rubric as a table: a header naming the scored item and its points (评分项 | 分值 | 评分说明).
_RUBRIC_ITEM_COLUMN = re.compile(r"^(?:评分|考核|考察|考查|评价)?(?:项|项目|维度|要素|要点|内容|指标)$")
_RUBRIC_POINTS_COLUMN = re.compile(r"^(?:分值|分数|满分|配分|权重|得分|标准分)(?:[（(]分[）)])?$")
_POINTS_CELL = re.compile(r"^(\d+(?:\.\d+)?)\s*分?$")


def _rubric_table_lines(rows: list[list[str]]) -> list[str] | None:
    """Each row of a rubric table as the line a document would write, `风险揭示（4分）：明确告知…`
    (read like any rubric line); None when the table is not one. A points cell that is not a
    number stays as written, after the item."""
    if len(rows) < 2:
        return None
    header = [re.sub(r"\s+", "", cell) for cell in rows[0]]
    item = next((i for i, cell in enumerate(header) if _RUBRIC_ITEM_COLUMN.match(cell)), None)
    points = next((i for i, cell in enumerate(header) if _RUBRIC_POINTS_COLUMN.match(cell)), None)
    if item is None or points is None:
        return None
    lines = []
    for row in rows[1:]:
        cells = [" ".join(cell.split()) for cell in row]
        if not any(cells):
            continue
        name = cells[item] if item < len(cells) else ""
        score = cells[points] if points < len(cells) else ""
        rest = "；".join(cell for i, cell in enumerate(cells) if i not in (item, points) and cell)
        number = _POINTS_CELL.match(score)
        head = f"{name}（{number.group(1)}分）" if number and name else "：".join(part for part in (name, score) if part)
        lines.append(f"{head}：{rest}" if rest else head)
    return lines


_COLUMN_ROLES = (
    ("number", re.compile(r"^(?:序号|题号|编号|No\.?)$")),
    # a scenario section names its stem column for what it holds: 情景 / 案例描述 / 场景
    ("prompt", re.compile(r"^(?:题目|问题|题干|面试题|试题|考题|情景|情境|场景|案例)(?:内容|描述|题)?$")),
    ("options", re.compile(r"^(?:选项|备选项|备选答案|答案选项)$")),
    ("points", re.compile(r"^(?:分值|分数|满分)(?:（分）)?$")),
    ("答案", re.compile(r"^(?:答案|标准答案|正确答案)$")),
    ("参考答案", re.compile(r"^(?:参考答案|参考回答|示范回答)$")),
    ("评分要点", re.compile(r"^(?:评分要点|评分标准|评分细则|得分要点)$")),
    ("答案要点", re.compile(r"^(?:答案要点|要点|考察要点|参考要点|答题要点|回答要点)$")),
    ("label", re.compile(r"^(?:题型|类型|题目类型|题目类别|考察维度)$")),
    ("解析", re.compile(r"^(?:解析|说明|考察点|考察重点|备注)$")),
)


# A header naming two things a column holds (`参考答案/评分要点`, `答案及解析`): its parts, read in turn.
_HEADER_PARTS = re.compile(r"[/／、|｜]|及|与|和")


def _column_role(cell: str) -> str | None:
    """The role of a header cell; for a combined header, 评分要点 if it names one (its cells are
    read as a rubric or key points, whichever they hold), else its first part's role."""
    name = re.sub(r"\s+", "", cell)
    parts = [name] + (_HEADER_PARTS.split(name) if _HEADER_PARTS.search(name) else [])
    roles = [next((role for role, pattern in _COLUMN_ROLES if pattern.match(part)), None) for part in parts]
    if roles[0] is not None:
        return roles[0]
    found = [role for role in roles[1:] if role is not None]
    return "评分要点" if "评分要点" in found else (found[0] if found else None)


def _column_roles(header: list[str]) -> dict[int, str]:
    return {index: role for index, cell in enumerate(header) if (role := _column_role(cell)) is not None}


def _question_table_columns(header: list[str]) -> dict[int, str] | None:
    roles = _column_roles(header)
    has_prompt = "prompt" in roles.values()
    has_answer = any(role in ("答案", "参考答案", "评分要点", "答案要点", "解析") for role in roles.values())
    return roles if has_prompt and has_answer else None


_OBJECTIVE_ANSWER = re.compile(r"^\s*(?:[A-Ha-h](?:[、，,\s]*[A-Ha-h])*|对|错|√|×|✓|✗|✔|✘|正确|错误|是|否)\s*[。.]?\s*$")
_BLANK = re.compile(r"_{2,}|＿{2,}|[（(]\s*[)）]")
_OWN_MARKER = re.compile(r"^(?:答案要点|参考要点|要点|评分要点|评分标准|参考答案)[：:]")
_ITEM_POINTS = re.compile(r"[（(]\s*\d+(?:\.\d+)?\s*分\s*[)）]")


def _question_row_lines(row: list[str], columns: dict[int, str], index: int) -> list[str]:
    cells = {role: row[i].strip() for i, role in columns.items() if i < len(row)}
    number = cells.get("number", "")
    number = number if number.isascii() and number.isdigit() else str(index)
    points = re.sub(r"\s*分$", "", cells.get("points", ""))  # `5` or `5分`
    head = f"{number}." + (f"（{points}分）" if re.fullmatch(r"\d+(?:\.\d+)?", points) else "")
    prompt = cells.get("prompt", "")
    label = cells.get("label", "").replace("\n", "")
    # a type column is the question's label, written the way documents do: `1.情景应变题（10分）` / `题目：…`
    lines = [head.replace(".", f".{label}", 1), "题目：" + prompt] if label else [head + "题目：" + prompt]
    if cells.get("options"):
        lines.append(cells["options"])  # `A.… B.…` inline or one per line, read like any options
    if cells.get("答案"):
        # an 答案 column holds a choice, a truth value or a blank's word, or else a model answer
        answer = cells["答案"]
        lines.append(("答案：" if _OBJECTIVE_ANSWER.match(answer) or (_BLANK.search(prompt) and len(answer) <= 20) else "参考答案：") + answer)
    if cells.get("评分要点"):
        # items with their points (`…（5分）；…（3分）`) are a rubric; without points, key points
        # (a cell that opens with its own marker, `答案要点：` / bullets, is read as written)
        rubric = cells["评分要点"]
        marker = "" if _OWN_MARKER.match(rubric) else "评分要点：" if _ITEM_POINTS.search(rubric) else "答案要点："
        lines.append(marker + rubric)
    for role in ("答案要点", "参考答案", "解析"):
        if cells.get(role):
            lines.append(f"{role}：{cells[role]}")
    # cells in columns the importer does not know are kept as text, never dropped
    lines.extend(row[i].strip() for i in range(len(row)) if i not in columns and row[i].strip())
    return lines


def read_pdf(data: bytes, source: str) -> str:
    """The text layer of a PDF, page by page."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _decrypt_with_empty_password(reader):
            raise DocumentError(source, "encrypted PDF (password protected); save an unprotected copy and import that")
        pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(source, f"corrupt PDF ({type(exc).__name__}: {exc})") from exc
    except Exception as exc:  # pypdf's decryption needs `cryptography` for AES; report, don't crash
        raise DocumentError(source, f"unreadable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(_without_running_lines([_without_print_furniture(page) for page in pages]))
    if not text.strip():
        raise DocumentError(source, f"PDF without a text layer ({len(pages)} page(s) of images only); run OCR first")
    return join_wrapped_lines(_without_run_spaces(text))


# Some PDFs' text runs come out with a space between runs (`题目 1(10 分 ) 客户逾期 15 天 , 接通电话后说
# “ 最近失业了 ”`): Chinese is written without spaces, so when such spaces are common, every
# space next to a Chinese character or Chinese punctuation is the extractor's, not the writer's.
_CJK_TEXT = "\u4e00-\u9fff\u3400-\u4dbf，。、：；？！“”‘’（）《》【】"
_SPACE_BY_CJK = re.compile(f"(?<=[{_CJK_TEXT}])[ ]+|[ ]+(?=[{_CJK_TEXT}])")
_CJK_CHAR = re.compile("[\u4e00-\u9fff]")
_RUN_SPACES_SHARE = 0.05  # spaces next to Chinese per Chinese character, above which they are the extractor's


def _without_run_spaces(text: str) -> str:
    chinese = len(_CJK_CHAR.findall(text))
    if not chinese or len(_SPACE_BY_CJK.findall(text)) < _RUN_SPACES_SHARE * chinese:
        return text
    return _SPACE_BY_CJK.sub("", text)


# What a browser prints around each page of a saved web page (Chrome: `11/22/26, 5:38 PM 页面标题`
# above, `https://max.book118.com/… 1/3` below; pypdf gives both at the end of the page's text),
# which would otherwise sit between two halves of an answer.
_PRINT_FURNITURE = re.compile(
    r"\s*(?:\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}[,，]?\s+(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp][Mm])?(?:\s[^\n]*)?"
    r"|(?:https?|file|ﬁle)://\S*(?:\s+\d{1,4}\s*/\s*\d{1,4})?)\s*"
)


def _without_print_furniture(page: str) -> str:
    if "://" not in page and ":" not in page:
        return page  # no time and no address: nothing printed around the page
    lines = page.split("\n")
    while lines and (not lines[-1].strip() or _PRINT_FURNITURE.fullmatch(lines[-1])):
        lines.pop()
    while lines and (not lines[0].strip() or _PRINT_FURNITURE.fullmatch(lines[0])):
        lines.pop(0)
    return "\n".join(lines)


_PAGE_NUMBER = re.compile(r"\d+")
_RUNNING_LINE_MAX = 60  # a running header or footer is a title or a page line, not a paragraph
_EDGE_DEPTH = 3  # how far from a page's top or bottom a running line is looked for


def _without_running_lines(pages: list[str]) -> list[str]:
    """A line printed near the top or the bottom of most pages, page numbers aside, is the
    document's running header or footer. Left in, it would land inside whichever question crosses
    the page break (`C.客户身份证件某题库`), and a text layer may give it anywhere among the page's
    edge lines, even glued to the last one (`答案：B某题库`). It goes from every page, except where it
    opens the first page: there it may be the only title (normalize drops it when the body's own
    title repeats it)."""
    if len(pages) < 2:
        return pages
    split = [page.split("\n") for page in pages]
    edges = [_edge_indexes(lines) for lines in split]
    counts: dict[str, int] = {}
    for lines, indexes in zip(split, edges):
        for key in {_running_key(lines[index]) for index in indexes}:
            counts[key] = counts.get(key, 0) + 1
    running = {key for key, count in counts.items() if key and count >= 2 and 2 * count >= len(pages)}
    if not running:
        return pages
    glued = tuple(key for key in running if "#" not in key)
    for page, (lines, indexes) in enumerate(zip(split, edges)):
        for index in indexes:
            line = lines[index].strip()
            if _running_key(line) in running:
                if not (page == 0 and index == indexes[0]):
                    lines[index] = ""
            elif index >= indexes[-1] - 1 and line.endswith(glued):
                suffix = next(key for key in glued if line.endswith(key))
                lines[index] = line[: len(line) - len(suffix)]  # glued to the page's last item
    return ["\n".join(line for line in lines if line) for lines in split]


def _edge_indexes(lines: list[str]) -> list[int]:
    """Indexes of a page's first and last few non-blank lines, in order."""
    filled = [index for index, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:_EDGE_DEPTH] + filled[-_EDGE_DEPTH:]))


def _running_key(line: str) -> str:
    """The line with its numbers masked (`第3页` and `第4页` are one footer), or "" when it cannot be
    furniture: an item of the document (a question, an option, an answer) or a long line."""
    line = line.strip()
    if len(line) > _RUNNING_LINE_MAX or _ITEM_START.match(line):
        return ""
    return _PAGE_NUMBER.sub("#", line)


# A line that starts one of the document's items: never the continuation of a wrapped line.
_ITEM_START = re.compile(
    r"\s*(?:[一二三四五六七八九十]{1,3}[、.]|第[一二三四五六七八九十\d]{1,3}[部分类章节题]|\d{1,3}[.、．)）]|[（(][\d一二三四五六七八九十]{1,2}[)）]"
    r"|[A-Ha-h][.、．)）]|[-•●▪■◆·]|[①②③④⑤⑥⑦⑧⑨⑩]|题目|问题|题干|答案|参考答案|答[:：]|解析|评分|考察|考查|说明|注[:：]|【|\Z)"
)
_WRAP_SHARE = 0.9  # a line this close to the longest one filled the text column: the page wrapped it
_MIN_COLUMN = 50  # display width (a Chinese character counts 2) below which lines are never joined


_SENTENCE_END = tuple("。？！：；”）】」.?!:;)")
_WRAP_SAMPLE = 20000  # characters looked at to decide whether a text is wrapped


# Whitespace that str.rstrip drops and bytes.rstrip does not (it is not ASCII whitespace).
_NON_ASCII_SPACE = re.compile("[\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def _widths(text: str) -> list[int]:
    """Each line's display width without trailing space (Chinese 2, ASCII 1: its GB18030 length).
    The text is encoded once and split in C (GB18030 never puts a newline byte inside a
    character) unless a line could end in non-ASCII space, which only str.rstrip removes."""
    if _NON_ASCII_SPACE.search(text) is None:
        return list(map(len, map(bytes.rstrip, text.encode("gb18030", "replace").split(b"\n"))))
    return [len(line.rstrip().encode("gb18030", "replace")) for line in text.split("\n")]


def _column_layout(text: str) -> tuple[list[str], list[int], float] | None:
    """(lines, their widths, the width from which a line fills the text column), or None when no
    line is wide enough to be part of a page's column."""
    widths = _widths(text)
    column = max(widths, default=0)
    if column < _MIN_COLUMN:
        return None
    return text.split("\n"), widths, column * _WRAP_SHARE


def looks_wrapped(text: str) -> bool:
    """A text whose longest lines stop mid-sentence before a line that does not start an item: a
    page's wrapping, kept by a copy out of a PDF. Written text has a few long lines, ending in 。"""
    sample = text[:_WRAP_SAMPLE]
    if not _may_fill_a_column(sample):
        return False
    layout = _column_layout(sample)
    if layout is None:
        return False
    lines, widths, threshold = layout
    full = [index for index, width in enumerate(widths[:-1]) if width >= threshold]
    cut = [
        index for index in full
        if not lines[index].rstrip().endswith(_SENTENCE_END) and lines[index + 1].strip() and not _ITEM_START.match(lines[index + 1])
    ]
    return len(cut) >= 3 and 2 * len(cut) >= len(full)


def _may_fill_a_column(sample: str) -> bool:
    """Whether three lines before the last could be as wide as the column (what looks_wrapped needs
    first), told from character counts without encoding: a character is 1 to 4 bytes of GB18030, so
    the widest line is at least as wide as the longest line has characters (its trailing space
    left out), and a line of n characters at most 4n wide. A run-on page (one long line) or a
    single-line text is ruled out before its 20000 characters are encoded."""
    lines = sample.split("\n")
    if len(lines) < 4:
        return False
    lengths = list(map(len, lines))
    column_at_least = len(lines[lengths.index(max(lengths))].rstrip())
    widest_possible = sorted(lengths[:-1], reverse=True)
    return 40 * widest_possible[2] >= 9 * column_at_least  # 4n >= 0.9 * column


def join_wrapped_lines(text: str) -> str:
    """Undo the line wrapping of a PDF's text layer: a line that fills the text column continues on
    the next line, unless that line starts an item (`2.`, `A.`, `答案：`, `-`…). Real line breaks
    (short lines, items) stay; the sentence a page wrapped (`…我\n适合这个岗位`) is one line again."""
    from kaoguan.ingest.normalize import unify_radicals

    layout = _column_layout(unify_radicals(text))  # radicals first: their width is a character's
    if layout is None:
        return text
    lines, widths, full = layout
    out = [lines[0]]
    for index in range(1, len(lines)):
        line = lines[index]
        if widths[index - 1] >= full and line.strip() and not _ITEM_START.match(line):
            previous = out[-1].rstrip()
            glue = " " if previous[-1:].isascii() and previous[-1:].isalnum() and line[:1].isascii() and line[:1].isalnum() else ""
            out[-1] = previous + glue + line.lstrip()
        else:
            out.append(line)
    return "\n".join(out)


def _decrypt_with_empty_password(reader) -> bool:
    try:
        return bool(reader.decrypt(""))
    except Exception:
        return False


# Elements whose text is never document content.
_HTML_DROP = ("head", "script", "style", "nav", "noscript", "iframe", "svg", "header", "footer", "form", "button", "template", "aside")
_HTML_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt fieldset figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre "
    "section table tbody thead tfoot tr td th ul br title body".split()
)


def read_html(data: bytes, source: str) -> str:
    """Visible text of a saved web page: blocks on their own lines, inline elements kept together."""
    import lxml.html
    from lxml import etree

    text = _decode_html(data, source)
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8"), parser=lxml.html.HTMLParser(encoding="utf-8"))
    except (etree.ParserError, ValueError) as exc:
        raise DocumentError(source, f"unreadable HTML ({exc})") from exc
    for bad in root.xpath("|".join(f"//{tag}" for tag in _HTML_DROP)):
        bad.drop_tree()
    for chrome in [element for element in root.xpath("//*[@class or @id]") if _is_site_chrome(element)]:
        chrome.drop_tree()  # (collected first: dropping while iterating skips elements)
    for comment in root.xpath("//comment()"):
        comment.drop_tree()
    parts: list[str] = []
    _html_walk(root, parts)
    return re.sub(r"\n[ \t]*\n+", "\n", "".join(parts))


# Class or id words of a page's furniture on document-sharing sites: navigation, breadcrumbs,
# footers, comment boxes, sidebars with other documents, share and login boxes. The box saying how
# many pages are left unread stays: it is how a preview is recognised (normalize cuts it).
_CHROME_TOKENS = frozenset(
    "nav navbar navigation menu topbar topnav crumb crumbs breadcrumb breadcrumbs footer foot comment comments "
    "sidebar aside side related relate recommend recommends recommendation share login search toolbar banner ad ads advert "
    "logo tags".split()
)
_CLASS_TOKEN = re.compile(r"[A-Za-z]+")


def _is_site_chrome(element) -> bool:
    names = f"{element.get('class', '')} {element.get('id', '')}".lower()
    return not _CHROME_TOKENS.isdisjoint(_CLASS_TOKEN.findall(names))


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_-]{2,20})""", re.I)


def _decode_html(data: bytes, source: str) -> str:
    """A page's own `<meta charset>` is believed when the bytes decode cleanly with it (GB names
    widened to GB18030); otherwise the bytes are sniffed like any text."""
    declared = _META_CHARSET.search(data[:4096])
    if declared and not data.startswith((b"\xff\xfe", b"\xfe\xff", b"\xef\xbb\xbf")):
        name = declared.group(1).decode("ascii").lower()
        name = "gb18030" if name.replace("-", "").replace("_", "") in {"gb2312", "gbk", "cp936", "gb18030", "xgbk"} else name
        try:
            return data.decode(name)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data, source)


def _html_walk(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() == "table":
        lines = _html_question_table(element)
        if lines is not None:  # a question or rubric table (题号 | 题目 | 答案 …), read like a Word one
            parts.append("\n" + "\n".join(lines) + "\n")
            return
    block = tag.lower() in _HTML_BLOCKS
    if block:
        parts.append("\n")
    if element.text:
        parts.append(element.text)
    for child in element:
        _html_walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append("\n")


def _html_question_table(table) -> list[str] | None:
    rows = [
        [" ".join(cell.text_content().split()) for cell in row.iterchildren() if isinstance(cell.tag, str) and cell.tag.lower() in ("td", "th")]
        for row in table.iter("tr")
    ]
    rows = [row for row in rows if row]
    columns = _question_table_columns(rows[0]) if rows else None
    if columns is None:
        lines = _key_table_lines(rows)
        return lines if lines is not None else _rubric_table_lines(rows)
    return [line for index, row in enumerate(rows[1:], start=1) for line in _question_row_lines(row, columns, index)]


READERS: dict[str, Reader] = {"text": read_text, "docx": read_docx, "pdf": read_pdf, "html": read_html}


def read_document(data: bytes, source: str) -> "str | Bank":
    """Decode any supported document to plain text (or a Bank, for a plugged-in structured
    format); unreadable input raises DocumentError."""
    if not data.strip():
        raise DocumentError(source, "empty file")
    fmt = sniff_format(data, source)
    return READERS[fmt](data, source)

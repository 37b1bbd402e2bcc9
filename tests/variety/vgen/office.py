"""Spreadsheets people send: the summary sheet 汇总表, faculty lists, training statistics (openpyxl)."""
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side

from .docx_out import fixed_zip

THIN = Side(style='thin', color='000000')
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _book(when, author):
    wb = Workbook()
    wb.properties.creator = author
    wb.properties.lastModifiedBy = author
    wb.properties.created = when
    wb.properties.modified = when
    return wb


def _save(wb, when):
    buf = io.BytesIO()
    wb.save(buf)
    return fixed_zip(buf.getvalue(), when)


def summary_sheet(rng, rec_written, filler, filler_phone, date_text, rows, when, font_name, sheet_name=None,
                  total=True, blank_rows=None):
    """rows: dicts with name, code, type, area, contact, phone, note."""
    wb = _book(when, filler)
    ws = wb.active
    ws.title = sheet_name or rng.choice(['Sheet1', '汇总表', '附件2', 'Sheet1'])
    cols = ['序号', '申报单位名称', '统一社会信用代码', '单位性质', '申报领域', '联系人', '联系电话', '备注']
    widths = [6, 36, 22, 16, 16, 10, 16, 12]
    for i, w in enumerate(widths):
        ws.column_dimensions['ABCDEFGH'[i]].width = w + rng.randint(0, 4)
    r = 1
    if rng.random() < 0.6:
        ws.cell(r, 1, '附件2').font = Font(name=font_name, size=11)
        r += 1
    ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=8)
    c = ws.cell(r, 1, '山东省专业技术人员继续教育基地申报汇总表')
    c.font = Font(name=font_name, size=rng.choice([16, 18]), bold=True)
    c.alignment = Alignment(horizontal='center', vertical='center')
    ws.row_dimensions[r].height = 32
    r += 1
    # header block: recommender (seal), filler, phone, date
    style = rng.choice(['one_row', 'two_rows'])
    if style == 'one_row':
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=3)
        ws.cell(r, 1, f'推荐单位（盖章）：{rec_written}')
        ws.cell(r, 4, f'填报人：{filler}')
        ws.merge_cells(start_row=r, start_column=5, end_row=r, end_column=6)
        ws.cell(r, 5, f'电话：{filler_phone}')
        ws.merge_cells(start_row=r, start_column=7, end_row=r, end_column=8)
        ws.cell(r, 7, f'日期：{date_text}')
        r += 1
    else:
        ws.cell(r, 1, '推荐单位(盖章)')
        ws.merge_cells(start_row=r, start_column=2, end_row=r, end_column=3)
        ws.cell(r, 2, rec_written)
        ws.cell(r, 5, '填报人')
        ws.cell(r, 6, filler)
        r += 1
        ws.cell(r, 1, '电话')
        ws.cell(r, 2, filler_phone)
        ws.cell(r, 5, '日期')
        ws.cell(r, 6, date_text)
        r += 1
    for i, h in enumerate(cols):
        c = ws.cell(r, i + 1, h)
        c.font = Font(name=font_name, bold=True)
        c.alignment = Alignment(horizontal='center', vertical='center', wrap_text=True)
        c.border = BOX
    ws.row_dimensions[r].height = 24
    r += 1
    n = 0
    for i, row in enumerate(rows):
        if blank_rows and i in blank_rows:
            for k in range(8):
                ws.cell(r, k + 1).border = BOX
            r += 1
        n += 1
        vals = [n if rng.random() < 0.8 else str(n), row['name'], row['code'], row['type'], row['area'],
                row['contact'], row['phone'], row.get('note', '')]
        for k, v in enumerate(vals):
            c = ws.cell(r, k + 1, v)
            c.border = BOX
            c.font = Font(name=font_name, size=11)
            c.alignment = Alignment(vertical='center', wrap_text=k in (1, 4))
        r += 1
    for _ in range(rng.randint(0, 3)):  # the template's empty rows
        for k in range(8):
            ws.cell(r, k + 1).border = BOX
        r += 1
    if total:
        ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=2)
        ws.cell(r, 1, rng.choice([f'合计：{n}家', '合计', f'共{n}个单位']))
        if rng.random() < 0.5:
            ws.cell(r, 3, n)
        for k in range(8):
            ws.cell(r, k + 1).border = BOX
        r += 1
    if rng.random() < 0.5:
        ws.cell(r + 1, 1, '注：单位性质填写高等院校、科研院所、行业教育培训机构、专业协会（学会）、企业培训机构或其他。')
    return _save(wb, when)


def faculty_xlsx(rng, title, cols, rows, when, author, font_name):
    wb = _book(when, author)
    ws = wb.active
    ws.title = rng.choice(['Sheet1', '师资名单', 'Sheet1'])
    r = 1
    if title:
        ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(cols))
        c = ws.cell(1, 1, title)
        c.font = Font(name=font_name, size=14, bold=True)
        c.alignment = Alignment(horizontal='center')
        r = 2 if rng.random() < 0.7 else 3
    for k, (h, _) in enumerate(cols):
        c = ws.cell(r, k + 1, h)
        c.font = Font(name=font_name, bold=True)
        c.border = BOX
        ws.column_dimensions[chr(65 + k)].width = 30 if h == '工作单位' else 12
    for i, row in enumerate(rows):
        for k, (_, key) in enumerate(cols):
            c = ws.cell(r + 1 + i, k + 1, i + 1 if key is None else row[key])
            c.border = BOX
    return _save(wb, when)


def training_xlsx(rng, a, when, author, font_name):
    wb = _book(when, author)
    ws = wb.active
    ws.merge_cells('A1:D1')
    ws['A1'] = f'{a.name}近三年培训情况统计'
    ws['A1'].font = Font(name=font_name, size=14, bold=True)
    for k, h in enumerate(['年度', '培训班次', '培训人数', '备注']):
        ws.cell(2, k + 1, h).border = BOX
    for i, y in enumerate((2021, 2022, 2023)):
        ws.cell(3 + i, 1, f'{y}年').border = BOX
        ws.cell(3 + i, 2, a.programs if y == 2023 else max(3, a.programs + rng.randint(-20, 10))).border = BOX
        ws.cell(3 + i, 3, a.trainees[i]).border = BOX
        ws.cell(3 + i, 4, '').border = BOX
    ws.column_dimensions['A'].width = 12
    return _save(wb, when)

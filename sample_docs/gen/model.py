"""The sample data model shared by generate.py and gen/: spec constants, credit
codes (GB 32100-2015 with a GB 11714 organization code inside) and form entries."""

import datetime

FIXED_TIME = datetime.datetime(2024, 6, 16, 9, 0, 0)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
FORM_TITLE = "山东省专业技术人员继续教育基地申报表"
SUMMARY_TITLE = "山东省专业技术人员继续教育基地申报汇总表"

JINAN = "济南市人力资源和社会保障局"
QINGDAO = "青岛市人力资源和社会保障局"
WEIJIAN = "山东省卫生健康委员会"

FIELD_KEYS = [
    "unit_name", "credit_code", "unit_type", "legal_rep", "address", "postcode", "city",
    "contact_name", "contact_phone", "contact_mobile", "email", "recommender", "field_area",
    "faculty_fulltime", "faculty_parttime", "faculty_senior", "mgmt_dept", "mgmt_staff",
    "mgmt_rules", "annual_budget", "classroom_count", "classroom_area", "library_volumes",
    "training_site", "online_platform", "online_platform_url", "online_capacity",
    "trainees_2021", "trainees_2022", "trainees_2023", "programs_2023", "application_date",
]
RULE_ITEMS = ["教学组织管理", "学员考核管理", "教学科研管理", "培训登记管理",
              "培训经费管理", "后勤保障管理", "培训效果评估", "跟踪反馈"]
CITIES = ["济南", "青岛", "淄博", "枣庄", "东营", "烟台", "潍坊", "济宁", "泰安", "威海",
          "日照", "临沂", "德州", "聊城", "滨州", "菏泽"]

# ---------------------------------------------------------------------------
# Credit codes (GB 32100-2015) with a valid organization code (GB 11714) inside.

GB_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
GB_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_check_char(first17):
    total = sum(GB_ALPHABET.index(c) * w for c, w in zip(first17, GB_WEIGHTS))
    value = 31 - total % 31
    return GB_ALPHABET[0 if value == 31 else value]


def org_check_char(first8):
    weights = [3, 7, 9, 10, 5, 8, 4, 2]
    total = sum((int(c) if c.isdigit() else ord(c) - 55) * w for c, w in zip(first8, weights))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def credit_code(prefix8, org8):
    body = prefix8 + org8 + org_check_char(org8)
    assert len(body) == 17 and all(c in GB_ALPHABET for c in body), body
    return body + credit_check_char(body)


def is_valid_credit_code(code):
    return (len(code) == 18 and all(c in GB_ALPHABET for c in code)
            and credit_check_char(code[:17]) == code[17])


def to_fullwidth(s):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in s)


# ---------------------------------------------------------------------------
# The form as data. An entry is one label with its value as written; `key` is
# the spec field it carries (None for a distractor), `value` the normalized
# value expected in the export (None when declared none).

class E:
    def __init__(self, label, raw, key=None, value=None):
        self.label, self.raw, self.key, self.value = label, raw, key, value
        self.locator = None  # filled from the saved document

    def text(self):
        return self.raw.text() if isinstance(self.raw, Boxes) else self.raw


class Boxes:
    """The management-rules checkbox group. style: 'sdt' (Word checkbox content
    controls), 'inline' (one paragraph) or 'lines' (one paragraph per item)."""

    def __init__(self, style, marks, sep="　"):
        self.style, self.marks, self.sep = style, marks, sep  # marks: [(glyph, item)]

    def ticked(self):
        return [item for glyph, item in self.marks if glyph not in ("□", "☐", "[ ]", "")]

    def text(self):
        if self.style == "sdt":
            return self.sep.join(("☒" if g else "☐") + item for g, item in self.marks)
        if self.style == "lines":
            return "\n".join(g + " " + item for g, item in self.marks)
        return self.sep.join(g + item for g, item in self.marks)


def sdt_ticked(marks):
    return [item for checked, item in marks if checked]

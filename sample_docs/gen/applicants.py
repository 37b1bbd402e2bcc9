"""The applicants added for issues 3 and 4: their forms (as data, drawn as a
text PDF, a scanned PDF or a phone photo), their certificates, and the
certificates of the first six applicants. Everything is fictional."""

from gen.model import FORM_TITLE, GB_ALPHABET, JINAN, RULE_ITEMS, Boxes, E, credit_check_char, credit_code
from gen.licences import Licence

ZIBO = "淄博市人力资源和社会保障局"
WEIFANG = "潍坊市人力资源和社会保障局"
JIAOYU = "山东省教育厅"
KEJI = "山东省科学技术厅"
LUGANG = "山东鲁港集团有限公司"  # a provincial state enterprise

CODE_Z1 = credit_code("12370300", "MB2851F7")  # 淄博鲁中新材料研究院
CODE_Z2 = credit_code("91370306", "MA3N6K8T")  # 淄博宏泰精密机械有限公司
CODE_W1 = credit_code("91370705", "MA3Q2WX6")  # 潍坊智联数字技术培训有限公司
CODE_W2 = credit_code("12370700", "MB1D5039")  # 潍坊鸢都海洋科技研究院 (never arrives)
CODE_E1 = credit_code("12370000", "MB0A2267")  # 山东海岱职业技术学院
CODE_E2 = credit_code("51370000", "MJD1538Y")  # 山东省现代职业教育研究会
CODE_L1 = credit_code("91370203", "MA3F8T1R")  # 山东鲁港海事培训有限公司
CODE_J4 = credit_code("12370100", "4955012K")  # 济南市技师学院


def _wrong_check(code):
    """The code with a check character that is not the right one: a typo in
    the last place, as clerks make them."""
    right = credit_check_char(code[:17])
    wrong = GB_ALPHABET[(GB_ALPHABET.index(right) + 7) % 31]
    return code[:17] + wrong


CODE_E2_TYPO = _wrong_check(CODE_E2)

EXPIRED_EXAMPLE = "济南市技师学院"  # the spec's example of a base whose term expired (Q4)


def all_ticked(style="inline", glyph="☑"):
    return Boxes(style, [(glyph, item) for item in RULE_ITEMS], sep="　")


def ticked_but(missing, style="inline"):
    return Boxes(style, [("□" if item in missing else "☑", item) for item in RULE_ITEMS], sep="　")


def closing(date_entry, unit=None):
    """What follows the table: the stamp line and the date, right-aligned."""
    stamp = "申报单位（盖章）" + ("：" + unit if unit else "")
    return [("gap", 16), ("text", stamp, "right"), ("gap", 4), ("para", date_entry, "right")]


# ---------------------------------------------------------------------------
# Forms.

def form_z1():
    """淄博鲁中新材料研究院: text PDF, label|value|label|value grid."""
    rules = all_ticked()
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "淄博鲁中新材料研究院", "unit_name", "淄博鲁中新材料研究院")),
        ("pair", E("统一社会信用代码", CODE_Z1, "credit_code", CODE_Z1), E("单位性质", "科研院所", "unit_type", "科研院所")),
        ("pair", E("法定代表人", "高文博", "legal_rep", "高文博"), E("成立时间", "2011年7月")),
        ("wide", E("通讯地址", "山东省淄博市张店区柳泉路111号", "address", "山东省淄博市张店区柳泉路111号")),
        ("pair", E("所在市", "淄博市", "city", "淄博"), E("邮政编码", "255000", "postcode", "255000")),
        ("pair", E("联系人", "毕晓东", "contact_name", "毕晓东"),
         E("联系电话", "0533－2786512", "contact_phone", "0533-2786512")),
        ("pair", E("手机", "138 5331 2468", "contact_mobile", "13853312468"),
         E("电子邮箱", "pxzx@LZXCL.example.cn", "email", "pxzx@lzxcl.example.cn")),
        ("pair", E("推荐单位", ZIBO, "recommender", ZIBO), E("申报领域", "新能源新材料", "field_area", "新能源新材料")),
        ("pair", E("传真", "0533-2786513"), E("职工总数", "318人")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "14人", "faculty_fulltime", 14), E("兼职教师人数", "10人", "faculty_parttime", 10)),
        ("pair", E("副高级以上职称人数", "11", "faculty_senior", 11), E("管理人员人数", "5", "mgmt_staff", 5)),
        ("wide", E("继续教育管理机构", "继续教育与培训中心", "mgmt_dept", "继续教育与培训中心")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度继续教育经费(万元)", "86.5", "annual_budget", 86.5),
         E("固定教室数量(间)", "9间", "classroom_count", 9)),
        ("pair", E("教学场地面积(平方米)", "1,050平方米", "classroom_area", 1050),
         E("专业图书资料(册)", "2.3万册", "library_volumes", 23000)),
        ("wide", E("实训场所或实训合作单位", "研究院先进陶瓷中试车间；淄博高新区新材料产业园（合作单位）",
                   "training_site", "研究院先进陶瓷中试车间；淄博高新区新材料产业园（合作单位）")),
        ("wide", E("网络培训平台名称", "鲁中新材料继续教育在线平台", "online_platform", "鲁中新材料继续教育在线平台")),
        ("wide", E("平台网址", "https://PX.LZXCL.example.cn/", "online_platform_url", "https://px.lzxcl.example.cn/")),
        ("pair", E("平台同时在线人数", "3000人", "online_capacity", 3000),
         E("2023年培训项目数", "31个", "programs_2023", 31)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "2,300", "trainees_2021", 2300), E("2022年", "2650人", "trainees_2022", 2650),
          E("2023年", "3,050人", "trainees_2023", 3050)]),
        ("wide", E("单位简介", "研究院成立于2011年，现有科研人员210人，建有省级重点实验室2个，2023年完成技术服务合同136项。")),
    ]
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]
            + closing(E("填表日期", "2024年6月19日", "application_date", "2024-06-19")))


def form_z2():
    """淄博宏泰精密机械有限公司: scanned at 300 dpi; one rule unticked; 2022
    below 2000; the form claims more full-time teachers than its list."""
    rules = ticked_but({"后勤保障管理"})
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "淄博宏泰精密机械有限公司", "unit_name", "淄博宏泰精密机械有限公司")),
        ("pair", E("统一社会信用代码", CODE_Z2, "credit_code", CODE_Z2),
         E("单位性质", "企业培训机构", "unit_type", "企业培训机构")),
        ("pair", E("法定代表人", "韩德胜", "legal_rep", "韩德胜"), E("成立时间", "2008年3月")),
        ("wide", E("通讯地址", "淄博市周村区经济开发区工业园路18号", "address", "淄博市周村区经济开发区工业园路18号")),
        ("pair", E("所在市", "淄博", "city", "淄博"), E("邮政编码", "255300", "postcode", "255300")),
        ("pair", E("联系人", "孟凡荣", "contact_name", "孟凡荣"),
         E("联系电话", "0533-6421188", "contact_phone", "0533-6421188")),
        ("pair", E("手机", "13953345678", "contact_mobile", "13953345678"),
         E("电子邮箱", "hr@htjm.example.cn", "email", "hr@htjm.example.cn")),
        ("pair", E("推荐单位", ZIBO, "recommender", ZIBO), E("申报领域", "高端装备", "field_area", "高端装备")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "9", "faculty_fulltime", 9), E("兼职教师人数", "5", "faculty_parttime", 5)),
        ("pair", E("副高级以上职称人数", "4", "faculty_senior", 4), E("管理人员人数", "3", "mgmt_staff", 3)),
        ("wide", E("继续教育管理机构", "人力资源部培训科", "mgmt_dept", "人力资源部培训科")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度培训经费", "55万元", "annual_budget", 55), E("教室数", "6间", "classroom_count", 6)),
        ("pair", E("培训场地面积", "600平方米", "classroom_area", 600), E("图书资料", "2000册", "library_volumes", 2000)),
        ("wide", E("实训场所或实训合作单位", "公司精密加工实训车间", "training_site", "公司精密加工实训车间")),
        ("pair", E("网络培训平台名称", "宏泰e学堂", "online_platform", "宏泰e学堂"),
         E("平台网址", "http://e.htjm.example.cn", "online_platform_url", "http://e.htjm.example.cn")),
        ("pair", E("平台同时在线人数", "500人", "online_capacity", 500),
         E("2023年培训项目数", "12", "programs_2023", 12)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "2150人", "trainees_2021", 2150), E("2022年", "1760人", "trainees_2022", 1760),
          E("2023年", "2240人", "trainees_2023", 2240)]),
    ]
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]
            + closing(E("填表日期", "2024年6月18日", "application_date", "2024-06-18")))


def form_w1():
    """潍坊智联数字技术培训有限公司: text PDF, labels in a row with values below;
    online platform declared none; the licence still carries the old name."""
    rules = all_ticked()
    table = [
        ("wide", E("单位名称", "潍坊智联数字技术培训有限公司", "unit_name", "潍坊智联数字技术培训有限公司")),
        ("wide", E("统一社会信用代码", CODE_W1, "credit_code", CODE_W1)),
        ("header", [E("单位性质", "行业教育培训机构", "unit_type", "行业教育培训机构"),
                    E("法定代表人", "邵明远", "legal_rep", "邵明远"), E("成立时间", "2015年11月"),
                    E("所属地市", "潍坊", "city", "潍坊")]),
        ("wide", E("单位地址", "山东省潍坊市奎文区东风东街6396号", "address", "山东省潍坊市奎文区东风东街6396号")),
        ("pair", E("邮编", "261061", "postcode", "261061"), E("传真", "0536-8236656")),
        ("header", [E("联系人", "郭婷婷", "contact_name", "郭婷婷"),
                    E("联系电话", "0536-8236655", "contact_phone", "0536-8236655"),
                    E("手机号码", "157 6361 2345", "contact_mobile", "15763612345"),
                    E("电子邮箱", "px@wfzl.example.cn", "email", "px@wfzl.example.cn")]),
        ("pair", E("推荐单位", WEIFANG, "recommender", WEIFANG), E("申报领域", "数字技术", "field_area", "数字技术")),
        ("header", [E("专职教师人数", "6", "faculty_fulltime", 6), E("兼职教师人数", "十五", "faculty_parttime", 15),
                    E("副高级以上职称人数", "5", "faculty_senior", 5), E("管理人员人数", "4", "mgmt_staff", 4)]),
        ("wide", E("继续教育管理机构", "培训发展部", "mgmt_dept", "培训发展部")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("header", [E("年度培训经费", "42万元", "annual_budget", 42), E("教室数", "7", "classroom_count", 7),
                    E("培训场地面积", "680m²", "classroom_area", 680), E("图书资料", "4,600册", "library_volumes", 4600)]),
        ("wide", E("实训基地", "潍坊软件园数字技能实训中心（合作单位）", "training_site", "潍坊软件园数字技能实训中心（合作单位）")),
        ("header", [E("网络培训平台名称", "暂无", "online_platform", None), E("平台网址", "无", "online_platform_url", None),
                    E("平台同时在线人数", "/", "online_capacity", None), E("2023年培训项目数", "19", "programs_2023", 19)]),
        ("header", [E("2021年培训人数", "2,150人", "trainees_2021", 2150),
                    E("2022年培训人数", "2,480人", "trainees_2022", 2480),
                    E("2023年培训人数", "2,760人", "trainees_2023", 2760), E("备注", "")]),
        ("wide", E("填表日期", "2024年6月20日", "application_date", "2024-06-20")),
    ]
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]
            + [("gap", 30), ("text", "申报单位（盖章）：潍坊智联数字技术培训有限公司", "right")])


def form_e2():
    """山东省现代职业教育研究会: text PDF over two pages, label | value; the
    credit code has a wrong check character; the field is not a priority."""
    rules = all_ticked("lines")
    table = [
        ("section", "一、基本信息"),
        ("row", E("申报单位名称", "山东省现代职业教育研究会", "unit_name", "山东省现代职业教育研究会")),
        ("row", E("统一社会信用代码", CODE_E2_TYPO, "credit_code", CODE_E2_TYPO)),
        ("row", E("单位类型", "专业协会（学会）", "unit_type", "专业协会(学会)")),
        ("row", E("法定代表人", "宋立群", "legal_rep", "宋立群")),
        ("row", E("成立时间", "2012年5月")),
        ("row", E("通讯地址", "济南市历下区解放路156号", "address", "济南市历下区解放路156号")),
        ("row", E("邮政编码", "250013", "postcode", "250013")),
        ("row", E("联系人", "曲晓燕", "contact_name", "曲晓燕")),
        ("row", E("电话", "(0531) 86187726", "contact_phone", "0531-86187726")),
        ("row", E("移动电话", "135-8901-6677", "contact_mobile", "13589016677")),
        ("row", E("E-mail", "XDZJ_YJH@Example.CN", "email", "xdzj_yjh@example.cn")),
        ("row", E("推荐单位", JIAOYU, "recommender", JIAOYU)),
        ("row", E("申报领域", "职业教育", "field_area", "职业教育")),
        ("section", "二、师资与管理"),
        ("row", E("专职教师人数", "5", "faculty_fulltime", 5)),
        ("row", E("兼职教师人数", "二十", "faculty_parttime", 20)),
        ("row", E("副高级以上职称人数", "12", "faculty_senior", 12)),
        ("row", E("继续教育管理机构", "研究会培训部", "mgmt_dept", "研究会培训部")),
        ("row", E("管理人员人数", "3", "mgmt_staff", 3)),
        ("row", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("row", E("年度继续教育经费（万元）", "600,000元", "annual_budget", 60)),
        ("row", E("固定教室数量（间）", "4", "classroom_count", 4)),
        ("row", E("教学场地面积（平方米）", "520", "classroom_area", 520)),
        ("row", E("专业图书资料（册）", "3,800", "library_volumes", 3800)),
        ("row", E("实训场所或实训合作单位", "省内12所职业院校实训基地（合作单位）", "training_site",
                  "省内12所职业院校实训基地（合作单位）")),
        ("row", E("网络培训平台名称", "齐鲁职教继续教育平台", "online_platform", "齐鲁职教继续教育平台")),
        ("row", E("平台网址", "https://www.QLZJ.example.cn/jxjy", "online_platform_url", "https://www.qlzj.example.cn/jxjy")),
        ("row", E("平台同时在线人数", "2000", "online_capacity", 2000)),
        ("section", "四、近三年培训情况"),
        ("row", E("2021年培训人数", "2,050", "trainees_2021", 2050)),
        ("row", E("2022年培训人数", "2,600", "trainees_2022", 2600)),
        ("row", E("2023年培训人数", "3,100", "trainees_2023", 3100)),
        ("row", E("2023年培训项目数", "22", "programs_2023", 22)),
        ("row", E("单位简介", "研究会成立于2012年，现有单位会员136家，个人会员1800余人，设职业教育研究、"
                              "教师发展等6个专业委员会，2023年组织各类培训班22期。")),
        ("row", E("填表日期", "2024年6月21日", "application_date", "2024-06-21")),
    ]
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 2, table),
            ("gap", 30), ("text", "申报单位（盖章）", "right")]


def e1_rows(contact_name, contact_mobile):
    """山东海岱职业技术学院: label | value over two pages. The scanned copy and
    a later DOCX copy differ in the contact person and mobile."""
    rules = all_ticked()
    return [
        ("section", "一、基本信息"),
        ("row", E("单位名称", "山东海岱职业技术学院", "unit_name", "山东海岱职业技术学院")),
        ("row", E("统一社会信用代码", CODE_E1, "credit_code", CODE_E1)),
        ("row", E("单位性质", "高等院校", "unit_type", "高等院校")),
        ("row", E("法人代表", "冯建华", "legal_rep", "冯建华")),
        ("row", E("单位地址", "山东省泰安市泰山区东岳大街5699号", "address", "山东省泰安市泰山区东岳大街5699号")),
        ("row", E("邮编", "271000", "postcode", "271000")),
        ("row", E("联系人", contact_name, "contact_name", contact_name)),
        ("row", E("办公电话", "0538-6627788", "contact_phone", "0538-6627788")),
        ("row", E("手机号码", contact_mobile, "contact_mobile", contact_mobile)),
        ("row", E("邮箱", "jxjy@hdzy.example.cn", "email", "jxjy@hdzy.example.cn")),
        ("row", E("主管部门", JIAOYU, "recommender", JIAOYU)),
        ("row", E("培训领域", "医养健康", "field_area", "医养健康")),
        ("section", "二、师资与管理"),
        ("row", E("专职师资", "16人", "faculty_fulltime", 16)),
        ("row", E("兼职师资", "12人", "faculty_parttime", 12)),
        ("row", E("高级职称教师", "13", "faculty_senior", 13)),
        ("row", E("管理部门", "继续教育学院", "mgmt_dept", "继续教育学院")),
        ("row", E("专兼职管理人员", "8人", "mgmt_staff", 8)),
        ("row", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("row", E("年度培训经费", "168万元", "annual_budget", 168)),
        ("row", E("教室数", "30", "classroom_count", 30)),
        ("row", E("培训场地面积", "3600平方米", "classroom_area", 3600)),
        ("row", E("图书资料", "12.5万册", "library_volumes", 125000)),
        ("row", E("实训基地", "学院护理与康复实训中心", "training_site", "学院护理与康复实训中心")),
        ("row", E("远程教育平台", "海岱职教在线", "online_platform", "海岱职教在线")),
        ("row", E("网址", "https://online.hdzy.example.cn", "online_platform_url", "https://online.hdzy.example.cn")),
        ("row", E("并发能力", "8000人", "online_capacity", 8000)),
        ("section", "四、近三年培训情况"),
        ("row", E("2021年培训人数", "3,260", "trainees_2021", 3260)),
        ("row", E("2022年培训人数", "3,580", "trainees_2022", 3580)),
        ("row", E("2023年培训人数", "4,120", "trainees_2023", 4120)),
        ("row", E("培训班次", "45", "programs_2023", 45)),
        ("row", E("单位简介", "学院前身为1978年创办的泰安卫生学校，开设护理、康复治疗技术、药学等21个专业。")),
    ]


E1_SCAN_CONTACT = ("吕红梅", "13705381234")
E1_DOCX_CONTACT = ("周倩", "13705385678")


def form_e1_scan():
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 2, e1_rows(*E1_SCAN_CONTACT))]
            + closing(E("填表日期", "2024年6月20日", "application_date", "2024-06-20")))


def form_e1_docx():
    """The same form as the DOCX the unit sent again later (generate.build_form
    blocks): the contact person changed."""
    return [("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 2, e1_rows(*E1_DOCX_CONTACT)),
            ("empty",), ("para", E("填表日期", "2024年6月20日", "application_date", "2024-06-20"))]


def form_l1():
    """山东鲁港海事培训有限公司: a phone photo stored sideways (EXIF 6); its
    package arrives after the deadline; the licence names another legal
    representative."""
    rules = all_ticked()
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "山东鲁港海事培训有限公司", "unit_name", "山东鲁港海事培训有限公司")),
        ("pair", E("统一社会信用代码", CODE_L1, "credit_code", CODE_L1),
         E("单位性质", "企业培训机构", "unit_type", "企业培训机构")),
        ("pair", E("法定代表人", "王海军", "legal_rep", "王海军"), E("成立时间", "2013年8月")),
        ("wide", E("通讯地址", "山东省青岛市市北区港华路8号", "address", "山东省青岛市市北区港华路8号")),
        ("pair", E("所在市", "青岛", "city", "青岛"), E("邮政编码", "266011", "postcode", "266011")),
        ("pair", E("联系人", "邹凯", "contact_name", "邹凯"),
         E("联系电话", "0532-82981166", "contact_phone", "0532-82981166")),
        ("pair", E("手机", "18653216688", "contact_mobile", "18653216688"),
         E("电子邮箱", "train@lugang.example.cn", "email", "train@lugang.example.cn")),
        ("pair", E("推荐单位", LUGANG, "recommender", LUGANG), E("申报领域", "现代海洋", "field_area", "现代海洋")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "11", "faculty_fulltime", 11), E("兼职教师人数", "9", "faculty_parttime", 9)),
        ("pair", E("副高级以上职称人数", "7", "faculty_senior", 7), E("管理人员人数", "4", "mgmt_staff", 4)),
        ("wide", E("继续教育管理机构", "培训管理部", "mgmt_dept", "培训管理部")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度培训经费", "96万元", "annual_budget", 96), E("教室数", "12", "classroom_count", 12)),
        ("pair", E("培训场地面积", "1600平方米", "classroom_area", 1600),
         E("图书资料", "9000册", "library_volumes", 9000)),
        ("wide", E("实训场所或实训合作单位", "青岛港集装箱码头实操训练场", "training_site", "青岛港集装箱码头实操训练场")),
        ("pair", E("网络培训平台名称", "鲁港海事网络学院", "online_platform", "鲁港海事网络学院"),
         E("平台网址", "https://lgxy.example.cn", "online_platform_url", "https://lgxy.example.cn")),
        ("pair", E("平台同时在线人数", "5000", "online_capacity", 5000), E("2023年培训项目数", "38", "programs_2023", 38)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "3400", "trainees_2021", 3400), E("2022年", "3650", "trainees_2022", 3650),
          E("2023年", "4020", "trainees_2023", 4020)]),
    ]
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]
            + closing(E("填表日期", "2024年6月26日", "application_date", "2024-06-26")))


def form_j4():
    """济南市技师学院: a phone photo of an older template without the online
    platform rows; the unit is on the list of bases whose term expired, and
    is 济南's fourth applicant (not on its summary sheet)."""
    rules = all_ticked()
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", "济南市技师学院", "unit_name", "济南市技师学院")),
        ("pair", E("统一社会信用代码", CODE_J4, "credit_code", CODE_J4), E("单位性质", "其他", "unit_type", "其他")),
        ("pair", E("法定代表人", "崔永刚", "legal_rep", "崔永刚"), E("邮政编码", "250031", "postcode", "250031")),
        ("wide", E("通讯地址", "济南市天桥区无影山中路11号", "address", "济南市天桥区无影山中路11号")),
        ("pair", E("联系人", "杜娟", "contact_name", "杜娟"),
         E("联系电话", "0531-85963322", "contact_phone", "0531-85963322")),
        ("pair", E("手机", "13791112233", "contact_mobile", "13791112233"),
         E("电子邮箱", "jsxy_px@example.cn", "email", "jsxy_px@example.cn")),
        ("pair", E("推荐单位", JINAN, "recommender", JINAN), E("申报领域", "高端装备", "field_area", "高端装备")),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "25", "faculty_fulltime", 25), E("兼职教师人数", "18", "faculty_parttime", 18)),
        ("pair", E("副高级以上职称人数", "20", "faculty_senior", 20), E("管理人员人数", "6", "mgmt_staff", 6)),
        ("wide", E("继续教育管理机构", "培训处", "mgmt_dept", "培训处")),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度培训经费", "150万元", "annual_budget", 150), E("教室数", "40", "classroom_count", 40)),
        ("pair", E("培训场地面积", "8000平方米", "classroom_area", 8000),
         E("图书资料", "6.2万册", "library_volumes", 62000)),
        ("wide", E("实训场所或实训合作单位", "学院智能制造实训中心", "training_site", "学院智能制造实训中心")),
        ("pair", E("2023年培训项目数", "40", "programs_2023", 40), E("成立时间", "1958年")),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", "4100", "trainees_2021", 4100), E("2022年", "4350", "trainees_2022", 4350),
          E("2023年", "4600", "trainees_2023", 4600)]),
    ]
    return ([("title", FORM_TITLE), ("text", "2024年6月制", "right"), ("table", 4, table)]
            + closing(E("填表日期", "2024年6月22日", "application_date", "2024-06-22")))


# ---------------------------------------------------------------------------
# Certificates. Old applicants' codes and names come from their forms.

def biz(name, code, rep, addr, scope, validity, kind_text, capital, founded, authority, issued):
    return Licence("biz", name, code, rep, addr, scope, validity,
                   [("类型", kind_text), ("注册资本", capital), ("成立日期", founded)], authority, issued)


def inst(name, code, rep, addr, scope, validity, funds, capital, sponsor, authority, issued):
    return Licence("inst", name, code, rep, addr, scope, validity,
                   [("经费来源", funds), ("开办资金", capital), ("举办单位", sponsor)], authority, issued)


def soc(name, code, rep, addr, scope, validity, region, capital, supervisor, authority, issued, kind="soc"):
    extra = [("活动地域", region), ("注册资金", capital), ("业务主管单位", supervisor)]
    if kind == "mfb":
        extra = [("开办资金", capital), ("业务主管单位", supervisor)]
    return Licence(kind, name, code, rep, addr, scope, validity, extra, authority, issued)


def licences(codes):
    """Unit name → Licence; codes: unit name → credit code of the first six."""
    c = codes
    return {
        "济南泉城信息工程学院": inst(
            "济南泉城信息工程学院", c["济南泉城信息工程学院"], "刘建国", "山东省济南市历城区港沟街道科创路2699号",
            "培养高等专科学历信息技术人才，促进信息产业发展。计算机类、电子信息类专业高等专科学历教育；"
            "专业技术人员继续教育；社会培训与技术服务。",
            "自2022年05月10日至2027年05月10日", "财政补助", "￥8600万元", "济南市人民政府",
            "济南市事业单位登记管理局", "2022年05月10日"),
        "济南华岳工程技术研究院": inst(
            "济南华岳工程技术研究院", c["济南华岳工程技术研究院"], "陈志强", "济南市历下区经十路17123号",
            "开展工程技术研究与开发，促进科技成果转化。新能源、新材料工程技术研究；技术咨询与技术服务；"
            "专业技术人员继续教育培训。",
            "自2021年09月01日至2026年09月01日", "经费自理", "￥3200万元", "济南市科学技术局",
            "济南市事业单位登记管理局", "2021年09月01日"),
        "济南市现代农业技术推广学会": soc(
            "济南市现代农业技术推广学会", c["济南市现代农业技术推广学会"], "张伟", "济南市市中区舜耕路88号农业科技大厦5楼",
            "学术交流、农业技术推广、业务培训、咨询服务、科学普及。",
            "2021年08月02日至2026年08月01日", "济南市", "10万元", "济南市科学技术协会",
            "济南市民政局", "2021年08月02日"),
        "青岛蓝海职业培训学校": soc(
            "青岛蓝海职业培训学校", c["青岛蓝海职业培训学校"], "孙海涛", "山东省青岛市黄岛区长江西路166号",
            "海洋渔业、船舶驾驶、轮机管理等职业技能培训。",
            "2022年03月15日至2027年03月14日", None, "50万元", "青岛市黄岛区人力资源和社会保障局",
            "青岛市黄岛区民政局", "2022年03月15日", kind="mfb"),
        "青岛海澄重工股份有限公司": biz(
            "青岛海澄重工股份有限公司", c["青岛海澄重工股份有限公司"], "周立新", "青岛市城阳区棘洪滩街道锦宏东路99号",
            "一般项目：海洋工程装备制造；通用设备制造（不含特种设备制造）；机械设备研发；职业技能培训"
            "（不含需取得许可的培训）；技术服务、技术开发、技术咨询；货物进出口。",
            "2006年04月18日至长期", "股份有限公司(非上市、自然人投资或控股)", "壹亿贰仟万元整", "2006年04月18日",
            "青岛市城阳区市场监督管理局", "2023年09月12日"),
        "烟台滨海卫生职业学院": inst(
            "烟台滨海卫生职业学院", c["烟台滨海卫生职业学院"], "林晓红", "山东省烟台市莱山区观海路288号",
            "培养医药卫生类高等专科人才，促进卫生事业发展。护理、康复治疗等专业高等专科学历教育；"
            "卫生专业技术人员继续教育；相关社会培训。",
            "自2020年11月20日至2025年11月20日", "财政补助", "￥1.2亿元", "山东省卫生健康委员会",
            "山东省事业单位登记管理局", "2020年11月20日"),
        "淄博鲁中新材料研究院": inst(
            "淄博鲁中新材料研究院", CODE_Z1, "高文博", "山东省淄博市张店区柳泉路111号",
            "开展新材料领域应用研究与技术开发，促进成果转化。先进陶瓷、高分子材料研究；技术服务；"
            "专业技术人员继续教育培训。",
            "自2021年07月12日至2026年07月12日", "经费自理", "￥2000万元", "淄博市科学技术局",
            "淄博市事业单位登记管理局", "2021年07月12日"),
        # The scope says nothing of training (C1 not met).
        "淄博宏泰精密机械有限公司": biz(
            "淄博宏泰精密机械有限公司", CODE_Z2, "韩德胜", "淄博市周村区经济开发区工业园路18号",
            "精密机械零部件、液压元件的研发、制造、销售；金属材料销售；货物进出口；技术进出口。",
            "2008年03月06日至长期", "有限责任公司(自然人投资或控股)", "伍仟万元整", "2008年03月06日",
            "淄博市周村区市场监督管理局", "2022年04月11日"),
        # Registered under its former name (form and licence disagree: C1 unknown).
        "潍坊智联数字技术培训有限公司": biz(
            "潍坊智联电脑培训有限公司", CODE_W1, "邵明远", "山东省潍坊市奎文区东风东街6396号",
            "一般项目：计算机软硬件技术培训；职业技能培训（不含需取得许可的培训）；数字技术服务；软件开发；"
            "信息技术咨询服务。",
            "2015年11月03日至长期", "有限责任公司(自然人独资)", "伍佰万元整", "2015年11月03日",
            "潍坊市奎文区市场监督管理局", "2019年06月21日"),
        "山东海岱职业技术学院": inst(
            "山东海岱职业技术学院", CODE_E1, "冯建华", "山东省泰安市泰山区东岳大街5699号",
            "培养医药卫生类高等职业技术人才。高等职业学历教育；专业技术人员继续教育；职业技能培训。",
            "自2023年01月05日至2028年01月05日", "财政补助", "￥1.6亿元", "山东省教育厅",
            "山东省事业单位登记管理局", "2023年01月05日"),
        # The right code; the form carries a typo of it.
        "山东省现代职业教育研究会": soc(
            "山东省现代职业教育研究会", CODE_E2, "宋立群", "济南市历下区解放路156号",
            "职业教育理论研究、学术交流、教师培训、咨询服务、编辑出版内部资料。",
            "2022年05月20日至2027年05月19日", "山东省", "30万元", "山东省教育厅",
            "山东省民政厅", "2022年05月20日"),
        # Another legal representative than the form's (a disagreement, not a C1 matter).
        "山东鲁港海事培训有限公司": biz(
            "山东鲁港海事培训有限公司", CODE_L1, "李长青", "山东省青岛市市北区港华路8号",
            "一般项目：船员培训；职业技能培训（不含需取得许可的培训）；港口理货；海上国际货物运输代理；"
            "技术服务、技术咨询。",
            "2013年08月15日至长期", "有限责任公司(国有控股)", "叁仟万元整", "2013年08月15日",
            "青岛市市北区市场监督管理局", "2021年12月02日"),
        "济南市技师学院": inst(
            "济南市技师学院", CODE_J4, "崔永刚", "济南市天桥区无影山中路11号",
            "培养高技能人才，促进就业。技师、高级技工职业教育；职业技能培训与鉴定；专业技术人员继续教育。",
            "自2021年04月08日至2026年04月08日", "财政补助", "￥9500万元", "济南市人力资源和社会保障局",
            "济南市事业单位登记管理局", "2021年04月08日"),
    }

"""The national track (issue 16): existing provincial bases may apply to the
ministry's 13th batch of national bases on the ministry's form
《专业技术人员继续教育基地申报表》 (no 山东省 in its title), sent straight to the
department, which forwards one of them. Its labels are the ministry's
wordings where they differ from the province's. Everything is fictional."""

from gen.model import RULE_ITEMS, Boxes, E, credit_code
from gen import applicants as A

NATIONAL_TITLE = "专业技术人员继续教育基地申报表"
FOLDER = "国家级基地申报"  # what the department keeps the ministry's forms in
ARRIVED = "2024-06-26T16:10:00+08:00"

T1 = "山东泰山智能制造职业学院"
CODE_T1 = credit_code("12370900", "MB1T5566")

# The current provincial bases (N1): the list the call's settings name. One
# line is a credit code, as a clerk may list a base by its code.
CURRENT_BASES_FILE = "current_bases.txt"
CURRENT_BASES = [T1, "山东黄河水利职业培训中心", "威海海洋经济继续教育学院",
                 credit_code("52370800", "MJ7Q2208")]
SETTINGS_FILE = "samples.ini"


def current_bases_text():
    return ("# 现有省级专业技术人员继续教育基地（示例，虚构）：每行一个单位名称或统一社会信用代码\n" +
            "".join(b + "\n" for b in CURRENT_BASES))


def settings_text():
    return ("; The samples' call: the notice's settings, and the list of current\n"
            "; provincial bases the national track's N1 is judged against.\n"
            "[call]\n"
            "current_bases_file = " + CURRENT_BASES_FILE + "\n")


def _form(u):
    """The ministry's form as blocks for build_form (4 columns)."""
    rules = Boxes("inline", [("☑", item) for item in RULE_ITEMS], sep="　")
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("申报单位名称", u["unit_name"], "unit_name", u["unit_name"])),
        ("pair", E("统一社会信用代码", u["credit_code"], "credit_code", u["credit_code"]),
         E("单位性质", u["unit_type"], "unit_type", u["unit_type"])),
        ("pair", E("法定代表人", u["legal_rep"], "legal_rep", u["legal_rep"]),
         E("所在省（区、市）", "山东省")),
        ("wide", E("通讯地址", u["address"], "address", u["address"])),
        ("pair", E("邮编", u["postcode"], "postcode", u["postcode"]),
         E("联系人", u["contact_name"], "contact_name", u["contact_name"])),
        ("pair", E("联系电话", u["phone"][0], "contact_phone", u["phone"][1]),
         E("手机号码", u["mobile"][0], "contact_mobile", u["mobile"][1])),
        ("pair", E("电子邮箱", u["email"][0], "email", u["email"][1]),
         E("所属行业领域", u["field_area"], "field_area", u["field_area"])),
        ("pair", E("现为省级基地的批次", u["batch"]), E("认定时间", u["since"])),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师数", u["fulltime"][0], "faculty_fulltime", u["fulltime"][1]),
         E("兼职教师数", u["parttime"][0], "faculty_parttime", u["parttime"][1])),
        ("pair", E("具有高级职称的教师数", u["senior"][0], "faculty_senior", u["senior"][1]),
         E("管理人员数", u["staff"][0], "mgmt_staff", u["staff"][1])),
        ("wide", E("继续教育管理机构名称", u["mgmt_dept"], "mgmt_dept", u["mgmt_dept"])),
        ("wide", E("管理制度", rules, "mgmt_rules", rules.ticked())),
        ("section", "三、培训条件"),
        ("pair", E("年度继续教育经费投入（万元）", u["budget"][0], "annual_budget", u["budget"][1]),
         E("固定教室数量（间）", u["rooms"][0], "classroom_count", u["rooms"][1])),
        ("pair", E("培训场地面积（平方米）", u["area"][0], "classroom_area", u["area"][1]),
         E("专业图书资料（册）", u["books"][0], "library_volumes", u["books"][1])),
        ("wide", E("实训场所或实训合作单位", u["site"], "training_site", u["site"])),
        ("pair", E("在线学习平台名称", u["platform"], "online_platform", u["platform"]),
         E("平台网址", u["url"][0], "online_platform_url", u["url"][1])),
        ("pair", E("平台最大并发人数", u["capacity"][0], "online_capacity", u["capacity"][1]),
         E("2023年培训项目数", u["programs"][0], "programs_2023", u["programs"][1])),
        ("years", "近三年年培训专业技术人员人数",
         [E("2021年", u["trainees"][0][0], "trainees_2021", u["trainees"][0][1]),
          E("2022年", u["trainees"][1][0], "trainees_2022", u["trainees"][1][1]),
          E("2023年", u["trainees"][2][0], "trainees_2023", u["trainees"][2][1])]),
        ("wide", E("填报日期", u["date"][0], "application_date", u["date"][1])),
    ]
    return [("title", NATIONAL_TITLE), ("text", "（第十三批国家级专业技术人员继续教育基地）", "center"),
            ("text", "人力资源社会保障部制", "right"), ("table", 4, table), ("empty",),
            ("text", "填报说明：现有省级专业技术人员继续教育基地填报，由省级人力资源社会保障部门择优推荐1个。")]


def form_t1():
    """山东泰山智能制造职业学院: a current provincial base (N1 met)."""
    return _form({
        "unit_name": T1, "credit_code": CODE_T1, "unit_type": "高等院校", "legal_rep": "王立军",
        "address": "山东省泰安市泰山区岱宗大街366号", "postcode": "271000", "contact_name": "赵敏",
        "phone": ("0538-6221234", "0538-6221234"), "mobile": ("139 5381 2345", "13953812345"),
        "email": ("JXJY@TSZZ.example.cn", "jxjy@tszz.example.cn"), "field_area": "高端装备",
        "batch": "2019年第二批", "since": "2019年11月",
        "fulltime": ("46人", 46), "parttime": ("30人", 30), "senior": ("28", 28), "staff": ("9", 9),
        "mgmt_dept": "继续教育学院",
        "budget": ("260", 260), "rooms": ("40", 40), "area": ("6,800㎡", 6800), "books": ("12万册", 120000),
        "site": "学院智能制造实训中心；泰安高新区装备制造产业园（合作单位）",
        "platform": "泰山智造继续教育云平台", "url": ("https://JXJY.tszz.example.cn", "https://jxjy.tszz.example.cn"),
        "capacity": ("20000人", 20000), "programs": ("58个", 58),
        "trainees": [("5,200", 5200), ("5800人", 5800), ("0.64万人", 6400)],
        "date": ("2024年6月25日", "2024-06-25"),
    })


def form_quancheng(code):
    """济南泉城信息工程学院, which applies to the province this year as well:
    not a current provincial base (N1 not met), and two applications."""
    return _form({
        "unit_name": "济南泉城信息工程学院", "credit_code": code, "unit_type": "高等院校", "legal_rep": "刘建国",
        "address": "山东省济南市历城区港沟街道科创路2699号", "postcode": "250104", "contact_name": "李静",
        "phone": ("0531-51788246", "0531-51788246"), "mobile": ("13805312345", "13805312345"),
        "email": ("jxjy@qcit.example.cn", "jxjy@qcit.example.cn"), "field_area": "新一代信息技术",
        "batch": "—", "since": "—",
        "fulltime": ("12", 12), "parttime": ("8", 8), "senior": ("9", 9), "staff": ("6", 6),
        "mgmt_dept": "继续教育学院",
        "budget": ("120万元", 120), "rooms": ("24", 24), "area": ("1200", 1200), "books": ("56000", 56000),
        "site": "学院信息技术实训中心", "platform": "泉城信息继续教育在线学习平台",
        "url": ("https://edu.example.cn/Train", "https://edu.example.cn/Train"),
        "capacity": ("10000", 10000), "programs": ("36", 36),
        "trainees": [("2800", 2800), ("3150", 3150), ("3600", 3600)],
        "date": ("2024年6月26日", "2024-06-26"),
    })


def licence_t1():
    return A.inst(T1, CODE_T1, "王立军", "山东省泰安市泰山区岱宗大街366号",
                  "培养装备制造类高等专科人才，促进产业发展。机械制造、智能控制等专业高等专科学历教育；"
                  "专业技术人员继续教育；职业技能培训。",
                  "自2023年03月01日至2028年03月01日", "财政补助", "￥5600万元", "泰安市人民政府",
                  "泰安市事业单位登记管理局", "2023年03月01日")

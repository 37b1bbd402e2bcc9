"""The expected outcome of every check of the notice, decided from the spec
(shared/spec/form-fields.md) by the simple rules written in README.md. This
is the samples' own reading of the spec, independent of the pipeline's code.

An application here is a dict with:
  values       key → normalized value of the exported fields
  none         keys a form answered "none" (无, /, —, blank)
  has_form     whether an application form arrived
  licence      gen.licences.Licence or None
  recommender  the recommender it came through (form, else summary sheet)
  channels     every recommender that named it (forms and summary sheets)
  received     arrival time (ISO 8601 with offset) of the materials that give
               its values: the form's version taken, else the summary sheet
"""

import datetime

from gen.model import CITIES, RULE_ITEMS, is_valid_credit_code

DEADLINE = datetime.datetime(2024, 6, 28, 23, 59, 59, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))
EXPIRED_BASES = ["济南市技师学院"]  # the samples use only the spec's example
TOP_TEN = ["新一代信息技术", "高端装备", "新能源新材料", "现代海洋", "医养健康", "高端化工", "现代高效农业",
           "文化创意", "精品旅游", "现代金融服务"]
PRIORITY_WORDS = TOP_TEN + ["数字", "乡村振兴", "海洋"]
ORDER = ["C1", "C2", "C3", "C4", "C5", "C6", "Q1", "Q2", "Q3", "Q4", "P1"]


def _judge(app, keys, ok):
    """not_met when a value fails `ok` or was answered none; else unknown
    when one is missing; else met."""
    values, none = app["values"], app["none"]
    if any(k in none for k in keys) or any(k in values and not ok(k, values[k]) for k in keys):
        return "not_met"
    if any(k not in values for k in keys):
        return "unknown"
    return "met"


def in_shandong(address):
    return "山东" in address or any(c + "市" in address or address.startswith(c) for c in CITIES)


def c1(app):
    lic, values = app["licence"], app["values"]
    code = values.get("credit_code")
    if code is not None and not is_valid_credit_code(code):
        return "not_met"
    if lic is not None:
        if not is_valid_credit_code(lic.code):
            return "not_met"
        if "培训" not in lic.scope and "继续教育" not in lic.scope:
            return "not_met"
        if not in_shandong(lic.address):
            return "not_met"
    if lic is None or code is None:
        return "unknown"
    if lic.code != code or lic.name != values.get("unit_name"):
        return "unknown"
    return "met"


def is_city(recommender):
    return any(recommender.startswith(c + "市") for c in CITIES)


def quota(recommender):
    return 2 if is_city(recommender) else 1


def outcomes(app, all_apps):
    out = {}
    out["C1"] = c1(app)
    out["C2"] = _judge(app, ["faculty_fulltime", "faculty_parttime"], lambda k, v: v >= 1)
    out["C3"] = _judge(app, ["mgmt_dept", "mgmt_staff", "mgmt_rules"],
                       lambda k, v: (v >= 1) if k == "mgmt_staff" else
                       (set(v) == set(RULE_ITEMS)) if k == "mgmt_rules" else True)
    out["C4"] = _judge(app, ["annual_budget", "classroom_count", "classroom_area", "library_volumes"],
                       lambda k, v: v > 0)
    out["C5"] = _judge(app, ["online_platform"], lambda k, v: True)
    out["C6"] = _judge(app, ["trainees_2021", "trainees_2022", "trainees_2023"], lambda k, v: v >= 2000)
    rec = app["recommender"]
    if rec is None:
        out["Q1"] = "unknown"
    else:
        # Each channel of a unit counts in its own recommender's quota.
        count = sum(1 for a in all_apps if a["recommender"] == rec)
        out["Q1"] = "met" if count <= quota(rec) else "not_met"
    out["Q2"] = "not_met" if len(set(app["channels"])) > 1 else "met"
    out["Q3"] = "not_met" if datetime.datetime.fromisoformat(app["received"]) > DEADLINE else "met"
    name = app["values"].get("unit_name")
    out["Q4"] = "unknown" if name is None else ("not_met" if name in EXPIRED_BASES else "met")
    area = app["values"].get("field_area")
    if area is None:
        out["P1"] = "not_met" if "field_area" in app["none"] else "unknown"
    else:
        out["P1"] = "met" if any(w in area for w in PRIORITY_WORDS) else "not_met"
    return [{"id": k, "outcome": out[k]} for k in ORDER]

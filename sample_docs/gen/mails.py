"""The sample mail folder (sample_docs/mail/): saved mails (.eml) as units send
their materials to the department's mailbox, and what the pipeline must make
of them (sample_docs/mail_expected.json).

Everything is fictional. Each mail is written byte for byte here (fixed
boundaries, dates and Message-IDs), so the output is the same on every run.
Three ways Chinese mail programs write:

- 日照港湾职业培训学校: UTF-8, the attachment's name RFC 2047 (=?UTF-8?B?…?=),
  quoted-printable body, an inline picture without a name.
- 威海海韵健康管理学院: GBK throughout: subject and sender RFC 2047 GBK, a base64
  GBK body, the form's name RFC 2231 (filename*=GBK''…), and a ZIP attachment
  holding its rules, expanded as ZIPs are.
- 菏泽牡丹农业技术学会: received after the deadline (29 June): raw 8-bit GB18030
  subject and attachment name without any declaration, and a Big5-encoded
  name for its rules; Q3 is not met.
"""

import base64
import datetime
import hashlib
import io
import json
import quopri
import urllib.parse
import zipfile

from gen.model import E, FORM_TITLE, RULE_ITEMS, Boxes, credit_code, sdt_ticked

DEADLINE_DAY = datetime.date(2024, 6, 28)

UNITS = [
    {
        "unit": "日照港湾职业培训学校",
        "code": credit_code("52371100", "MJ0623K7"),
        "unit_type": "行业教育培训机构",
        "legal_rep": "孙海涛",
        "address": "山东省日照市东港区海滨五路166号",
        "contact": ("王晓燕", "0633-8226190", "13963318826", "peixun@rzgw.example.cn"),
        "recommender": "日照市人力资源和社会保障局",
        "field": "现代海洋",
        "trainees": (2310, 2480, 2650),
        "file": "日照港湾职业培训学校申报材料.eml",
        "received": "Thu, 27 Jun 2024 16:05:12 +0800",
        "received_iso": "2024-06-27T16:05:12+08:00",
        "from_name": "王晓燕",
        "from_addr": "peixun@rzgw.example.cn",
        "subject": "日照港湾职业培训学校继续教育基地申报材料",
    },
    {
        "unit": "威海海韵健康管理学院",
        "code": credit_code("12371000", "MB1E7730"),
        "unit_type": "高等院校",
        "legal_rep": "于丽华",
        "address": "山东省威海市环翠区文化西路88号",
        "contact": ("曲明", "0631-5699021", "13806318890", "jxjy@whhy.example.cn"),
        "recommender": "威海市人力资源和社会保障局",
        "field": "医养健康",
        "trainees": (2900, 3050, 3210),
        "file": "威海海韵健康管理学院.eml",
        "received": "Tue, 25 Jun 2024 10:20:45 +0800",
        "received_iso": "2024-06-25T10:20:45+08:00",
        "from_name": "曲明",
        "from_addr": "jxjy@whhy.example.cn",
        "subject": "威海海韵健康管理学院申报省级继续教育基地的材料",
    },
    {
        "unit": "菏泽牡丹农业技术学会",
        "code": credit_code("51371700", "MJD2291X"),
        "unit_type": "专业协会(学会)",
        "legal_rep": "郭建民",
        "address": "山东省菏泽市牡丹区中华西路1号",
        "contact": ("赵蕾", "0530-5313377", "13853001177", "hzmd_xh@example.cn"),
        "recommender": "菏泽市人力资源和社会保障局",
        "field": "乡村振兴",
        "trainees": (2050, 2200, 2390),
        "file": "菏泽牡丹农业技术学会（补交）.eml",
        "received": "Sat, 29 Jun 2024 09:12:30 +0800",
        "received_iso": "2024-06-29T09:12:30+08:00",
        "from_name": "赵蕾",
        "from_addr": "hzmd_xh@example.cn",
        "subject": "菏泽牡丹农业技术学会申报材料（补交）",
    },
]


def form_blocks(u):
    rules = Boxes("sdt", [(True, item) for item in RULE_ITEMS])
    name, phone, mobile, email = u["contact"]
    t21, t22, t23 = u["trainees"]
    city = u["recommender"][:2]
    table = [
        ("section", "一、申报单位基本情况"),
        ("wide", E("单位名称", u["unit"], "unit_name", u["unit"])),
        ("pair", E("统一社会信用代码", u["code"], "credit_code", u["code"]),
         E("单位性质", u["unit_type"], "unit_type", u["unit_type"])),
        ("pair", E("法定代表人", u["legal_rep"], "legal_rep", u["legal_rep"]), E("成立时间", "2003年5月")),
        ("wide", E("通讯地址", u["address"], "address", u["address"])),
        ("pair", E("所在市", city + "市", "city", city), E("邮政编码", "276800", "postcode", "276800")),
        ("pair", E("联系人", name, "contact_name", name), E("联系电话", phone, "contact_phone", phone)),
        ("pair", E("手机", mobile, "contact_mobile", mobile), E("电子邮箱", email, "email", email)),
        ("pair", E("推荐单位", u["recommender"], "recommender", u["recommender"]),
         E("申报领域", u["field"], "field_area", u["field"])),
        ("section", "二、师资队伍与管理"),
        ("pair", E("专职教师人数", "15", "faculty_fulltime", 15), E("兼职教师人数", "10", "faculty_parttime", 10)),
        ("pair", E("副高级以上职称人数", "7", "faculty_senior", 7), E("管理人员人数", "5", "mgmt_staff", 5)),
        ("wide", E("继续教育管理机构", "继续教育部", "mgmt_dept", "继续教育部")),
        ("wide", E("管理制度", rules, "mgmt_rules", sdt_ticked(rules.marks))),
        ("section", "三、培训条件"),
        ("pair", E("年度继续教育经费(万元)", "80", "annual_budget", 80),
         E("固定教室数量(间)", "12", "classroom_count", 12)),
        ("pair", E("教学场地面积(平方米)", "900", "classroom_area", 900),
         E("专业图书资料(册)", "20000", "library_volumes", 20000)),
        ("wide", E("实训场所或实训合作单位", "本单位实训中心", "training_site", "本单位实训中心")),
        ("pair", E("网络培训平台名称", u["unit"][:4] + "继续教育在线平台", "online_platform",
                   u["unit"][:4] + "继续教育在线平台"),
         E("平台网址", "https://train.example.cn/" + u["code"][-4:].lower(), "online_platform_url",
           "https://train.example.cn/" + u["code"][-4:].lower())),
        ("pair", E("平台同时在线人数", "3000", "online_capacity", 3000),
         E("2023年培训项目数", "18", "programs_2023", 18)),
        ("years", "近三年年培训专业技术人才人数",
         [E("2021年", str(t21), "trainees_2021", t21), E("2022年", str(t22), "trainees_2022", t22),
          E("2023年", str(t23), "trainees_2023", t23)]),
        ("wide", E("填表日期", "2024年6月20日", "application_date", "2024-06-20")),
    ]
    return [("title", FORM_TITLE), ("table", 4, table)]


def docx_bytes(doc, normalize_zip):
    buf = io.BytesIO()
    doc.save(buf)
    return normalize_zip(buf.getvalue())


def rules_docx(u, new_document, add_title, add_text, normalize_zip):
    doc = new_document()
    add_title(doc, u["unit"] + "继续教育管理制度")
    for numeral, item in zip("一二三四五六七八", RULE_ITEMS):
        add_text(doc, "第%s条 %s：按照本单位继续教育工作规程执行，由继续教育部负责。" % (numeral, item))
    return docx_bytes(doc, normalize_zip)


def fixed_zip(members):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members:
            info = zipfile.ZipInfo(name, date_time=(2024, 6, 20, 9, 0, 0))
            info.flag_bits |= 0x800  # UTF-8 names
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return buf.getvalue()


def b64_lines(data):
    text = base64.b64encode(data).decode("ascii")
    return "\r\n".join(text[i:i + 76] for i in range(0, len(text), 76)).encode("ascii")


def rfc2047(text, charset):
    return ("=?%s?B?%s?=" % (charset, base64.b64encode(text.encode(charset)).decode("ascii"))).encode("ascii")


def tiny_png():
    # A 24x16 light-blue picture (a logo in the signature); PNG written by
    # hand so that no library version changes its bytes.
    import struct
    import zlib
    width, height = 24, 16
    raw = b"".join(b"\x00" + bytes((200, 225, 245)) * width for _ in range(height))

    def chunk(kind, body):
        return (struct.pack(">I", len(body)) + kind + body
                + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def headers(u, subject_bytes, from_bytes, boundary, message_id):
    return b"\r\n".join([
        b"Return-Path: <" + u["from_addr"].encode() + b">",
        b"Received: from mx1.example.cn (mx1.example.cn [192.0.2.25])\r\n\tby mail.rsj.example.gov.cn "
        b"with ESMTPS id 4W9xk2; " + u["received"].encode(),
        b"Received: from [10.0.0.8] (unknown [198.51.100.7])\r\n\tby mx1.example.cn with ESMTPSA; "
        + u["received"].encode(),
        b"From: " + from_bytes + b" <" + u["from_addr"].encode() + b">",
        b"To: jxjy@rsj.example.gov.cn",
        b"Subject: " + subject_bytes,
        b"Date: " + u["received"].encode(),
        b"Message-ID: <" + message_id.encode() + b">",
        b"MIME-Version: 1.0",
        b"Content-Type: multipart/mixed; boundary=\"" + boundary.encode() + b"\"",
    ])


def part(boundary, head_lines, body):
    return b"--" + boundary.encode() + b"\r\n" + b"\r\n".join(head_lines) + b"\r\n\r\n" + body + b"\r\n"


def mail_utf8(u, form):
    b = "----=_Part_rzgw_0627"
    body = ("各位老师好：\n\n附件是%s申报山东省专业技术人员继续教育基地的申报表，请查收。\n\n%s\n%s\n"
            % (u["unit"], u["unit"], u["contact"][0])).encode("utf-8")
    out = headers(u, rfc2047(u["subject"], "UTF-8"), rfc2047(u["from_name"], "UTF-8"), b,
                  "20240627160512.rzgw@example.cn") + b"\r\n\r\n"
    out += b"This is a multi-part message in MIME format.\r\n\r\n"
    out += part(b, [b"Content-Type: text/plain; charset=UTF-8", b"Content-Transfer-Encoding: quoted-printable"],
                quopri.encodestring(body.replace(b"\n", b"\r\n")))
    out += part(b, [b"Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document;"
                    b"\r\n\tname=\"" + rfc2047("申报表.docx", "UTF-8") + b"\"",
                    b"Content-Transfer-Encoding: base64",
                    b"Content-Disposition: attachment;\r\n\tfilename=\"" + rfc2047("申报表.docx", "UTF-8") + b"\""],
                b64_lines(form))
    out += part(b, [b"Content-Type: image/png", b"Content-Transfer-Encoding: base64",
                    b"Content-ID: <logo@rzgw>", b"Content-Disposition: inline"], b64_lines(tiny_png()))
    return out + b"--" + b.encode() + b"--\r\n"


def mail_gbk(u, form, rules_zip):
    b = "----=_NextPart_whhy_0625"
    body = ("您好！\r\n\r\n%s报送继续教育基地申报材料：申报表一份，管理制度（压缩包）一份。\r\n\r\n%s\r\n"
            % (u["unit"], u["contact"][0])).encode("gbk")
    form_name = urllib.parse.quote("申报表（盖章版）.docx".encode("gbk")).encode("ascii")
    out = headers(u, rfc2047(u["subject"], "GBK"), rfc2047(u["from_name"], "GBK"), b,
                  "tencent_whhy20240625@example.cn") + b"\r\n\r\n"
    out += part(b, [b"Content-Type: text/plain; charset=\"GBK\"", b"Content-Transfer-Encoding: base64"],
                b64_lines(body))
    out += part(b, [b"Content-Type: application/octet-stream", b"Content-Transfer-Encoding: base64",
                    b"Content-Disposition: attachment; filename*=GBK''" + form_name],
                b64_lines(form))
    out += part(b, [b"Content-Type: application/zip; name=\"" + rfc2047("管理制度.zip", "GBK") + b"\"",
                    b"Content-Transfer-Encoding: base64",
                    b"Content-Disposition: attachment; filename=\"" + rfc2047("管理制度.zip", "GBK") + b"\""],
                b64_lines(rules_zip))
    return out + b"--" + b.encode() + b"--\r\n"


def mail_late(u, form, rules):
    b = "----=_hzmd_0629"
    body = ("各位领导：\r\n\r\n%s的申报材料因盖章延误，现补交申报表和管理制度，望予受理。\r\n\r\n%s\r\n"
            % (u["unit"], u["contact"][0])).encode("gb18030")
    # Raw 8-bit GB18030 in the subject and the name, declared nowhere: what
    # some old mail programs send.
    out = headers(u, u["subject"].encode("gb18030"), u["from_name"].encode("gb18030"), b,
                  "hzmd-20240629091230@example.cn") + b"\r\n\r\n"
    out += part(b, [b"Content-Type: text/plain; charset=gb18030", b"Content-Transfer-Encoding: quoted-printable"],
                quopri.encodestring(body))
    out += part(b, [b"Content-Type: application/octet-stream; name=\"" + "申报表.docx".encode("gb18030") + b"\"",
                    b"Content-Transfer-Encoding: base64",
                    b"Content-Disposition: attachment; filename=\"" + "申报表.docx".encode("gb18030") + b"\""],
                b64_lines(form))
    out += part(b, [b"Content-Type: application/octet-stream",
                    b"Content-Transfer-Encoding: base64",
                    b"Content-Disposition: attachment; filename=\"" + rfc2047("管理制度.docx", "big5") + b"\""],
                b64_lines(rules))
    return out + b"--" + b.encode() + b"--\r\n"


def write_mail_samples(out_dir, new_document, add_title, add_text, build_form, normalize_zip):
    """Writes out_dir/mail/*.eml and out_dir/mail_expected.json."""
    folder = out_dir / "mail"
    if folder.exists():
        for p in folder.iterdir():
            p.unlink()
    folder.mkdir(parents=True, exist_ok=True)
    expected = []
    for u in UNITS:
        doc, _ = build_form(form_blocks(u))
        form = docx_bytes(doc, normalize_zip)
        rules = rules_docx(u, new_document, add_title, add_text, normalize_zip)
        if u["unit"].startswith("日照"):
            data = mail_utf8(u, form)
            files = [("申报表.docx", "application_form"), ("图片1.png", None)]
        elif u["unit"].startswith("威海"):
            data = mail_gbk(u, form, fixed_zip([("管理制度.docx", rules)]))
            files = [("申报表（盖章版）.docx", "application_form"), ("管理制度.zip/管理制度.docx", "rules")]
        else:
            data = mail_late(u, form, rules)
            files = [("申报表.docx", "application_form"), ("管理制度.docx", "rules")]
        (folder / u["file"]).write_bytes(data)
        received = datetime.datetime.fromisoformat(u["received_iso"])
        expected.append({
            "file": u["file"],
            "sha256": hashlib.sha256(data).hexdigest(),
            "id": u["code"],
            "unit_name": u["unit"],
            "from": "%s <%s>" % (u["from_name"], u["from_addr"]),
            "subject": u["subject"],
            "received_at": u["received_iso"],
            "Q3": "met" if received.date() <= DEADLINE_DAY else "not_met",
            "documents": [{"file": u["file"] + "/" + name, "kind": kind} for name, kind in files
                          if kind is not None] + [{"file": u["file"], "kind": "cover_letter"}],
        })
    (out_dir / "mail_expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return len(expected)

"""How people write values on the form (spec: "Normalization"), each from its normalized value."""
import datetime

FW_TABLE = {ord(c): chr(ord(c) + 0xFEE0) for c in '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'}
FW_TABLE.update({ord('-'): '－', ord('.'): '．', ord(','): '，', ord('@'): '＠', ord('('): '（', ord(')'): '）'})

DIG = '零一二三四五六七八九'
NONE_WORDS = ['无', '暂无', '/', '-', '—', '空', '']


def fullwidth(s):
    return s.translate(FW_TABLE)


def fw_digits(s):
    return ''.join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in s)


def _below_10000(n, liang, lead):
    """Chinese numeral of 0 < n < 10000; lead: whether this is the leading group."""
    out = ''
    zero = False
    for unit, div in (('千', 1000), ('百', 100), ('十', 10), ('', 1)):
        d = n // div % 10
        if d == 0:
            if out:
                zero = True
            continue
        if zero:
            out += '零'
            zero = False
        if d == 2 and liang and unit in ('千', '百') and not out:
            out += '两'
        elif d == 1 and unit == '十' and not out and lead:
            out += ''       # 十二, not 一十二, at the head of a number
        else:
            out += DIG[d]
        out += unit
    return out


def chinese_int(n, liang=False):
    if n == 0:
        return '零'
    if n >= 100000000:
        raise ValueError(n)
    hi, lo = divmod(n, 10000)
    if hi:
        s = _below_10000(hi, liang, True) + '万'
        if lo:
            if lo < 1000:
                s += '零'
            s += _below_10000(lo, False, False)
        return s
    return _below_10000(lo, liang, True)


def thousands(n):
    return f'{n:,}'


def write_count(rng, n, unit, *, label_has_unit=False, cn=True, wan=False, renci=False):
    """An integer count: 2500, 2,500 人, ２５００, 二千五百人, 两千五百, 0.25万人, 2500人次."""
    opts = ['plain', 'plain', 'unit', 'unit', 'sep', 'fw']
    if cn and n < 100000 and (n % 100 == 0 or n < 100):
        opts += ['cn', 'cn']
    if wan and n >= 1000 and n % 100 == 0:
        opts += ['wan', 'wan']
    kind = rng.choice(opts)
    u = unit
    if renci and unit == '人' and rng.random() < 0.3:
        u = '人次'
    if kind == 'plain':
        s = str(n) + ('' if label_has_unit or rng.random() < 0.4 else u)
    elif kind == 'unit':
        s = str(n) + rng.choice(['', ' ']) + u
    elif kind == 'sep':
        s = thousands(n) + rng.choice(['', ' ', ' ']) + (u if rng.random() < 0.7 else '')
    elif kind == 'fw':
        s = fw_digits(str(n)) + (u if rng.random() < 0.5 else '')
    elif kind == 'cn':
        s = chinese_int(n, liang=rng.random() < 0.5) + (u if rng.random() < 0.7 else '')
    else:
        w = n / 10000
        s = (f'{w:.4f}'.rstrip('0').rstrip('.')) + '万' + (u if rng.random() < 0.8 else '')
    if not label_has_unit and kind in ('plain', 'sep', 'fw') and not s.endswith(u) and rng.random() < 0.6:
        s += u
    return s


def write_money_wan(rng, v, label_has_unit):
    """A sum in 万元: 35, 35.5万元, 355000元, ３５.５万元, 35.50 万元."""
    txt = f'{v:.2f}'.rstrip('0').rstrip('.')
    opts = ['wan', 'yuan', 'fw']
    if label_has_unit:
        opts += ['plain', 'plain', 'plain2']
    kind = rng.choice(opts)
    if kind == 'plain':
        return txt
    if kind == 'plain2':
        return f'{v:.2f}'
    if kind == 'wan':
        return txt + rng.choice(['万元', ' 万元', '万'])
    if kind == 'fw':
        return fw_digits(txt) + '万元'
    yuan = int(round(v * 10000))
    return rng.choice([str(yuan), thousands(yuan), thousands(yuan) + '.00']) + '元'


def write_area(rng, v, label_has_unit):
    txt = f'{v:.1f}'.rstrip('0').rstrip('.') if v != int(v) else str(int(v))
    num = rng.choice([txt, txt, thousands(int(v)) if v == int(v) and v >= 1000 else txt])
    units = ['平方米', '㎡', 'm²', 'm2', ' 平方米', ' ㎡']
    if label_has_unit and rng.random() < 0.55:
        return num
    return num + rng.choice(units)


def write_date(rng, d):
    y, m, dd = d.year, d.month, d.day
    k = rng.choice(['cn', 'cn', 'cn0', 'dot', 'slash', 'iso', 'cnnum', 'cnnum'])
    if k == 'cn':
        return f'{y}年{m}月{dd}日'
    if k == 'cn0':
        return f'{y}年{m:02d}月{dd:02d}日'
    if k == 'dot':
        return f'{y}.{m}.{dd}'
    if k == 'slash':
        return f'{y}/{m:02d}/{dd:02d}'
    if k == 'iso':
        return f'{y}-{m:02d}-{dd:02d}'
    ys = ''.join('〇一二三四五六七八九'[int(c)] for c in str(y))
    return f'{ys}年{chinese_int(m)}月{chinese_int(dd)}日'


def write_code(rng, code):
    k = rng.choice(['plain', 'plain', 'plain', 'lower', 'spaces', 'spaces2', 'fw'])
    if k == 'lower':
        return code.lower()
    if k == 'spaces':
        return ' '.join([code[0:2], code[2:8], code[8:17], code[17]])
    if k == 'spaces2':
        return ' '.join(code[i:i + 4] for i in range(0, 18, 4))
    if k == 'fw':
        return fullwidth(code)
    return code


def write_phone(rng, area, num):
    k = rng.choice(['dash', 'dash', 'dash', 'space', 'paren', 'fwparen', 'fwdash', 'split', 'fwall'])
    if k == 'dash':
        return f'{area}-{num}'
    if k == 'space':
        return f'{area} {num}'
    if k == 'paren':
        return f'({area}){num}'
    if k == 'fwparen':
        return f'（{area}）{num}'
    if k == 'fwdash':
        return f'{area}－{num}'
    if k == 'split':
        return f'{area}-{num[:4]} {num[4:]}'
    return fw_digits(area) + '－' + fw_digits(num)


def write_mobile(rng, m):
    k = rng.choice(['plain', 'plain', 'plain', 'spaced', 'dashed', 'fw'])
    if k == 'spaced':
        return f'{m[:3]} {m[3:7]} {m[7:]}'
    if k == 'dashed':
        return f'{m[:3]}-{m[3:7]}-{m[7:]}'
    if k == 'fw':
        return fw_digits(m)
    return m


def write_email(rng, e):
    k = rng.random()
    if k < 0.2:
        local, host = e.split('@')
        return local.capitalize() + '@' + host.upper() if rng.random() < 0.5 else local.upper() + '@' + host
    if k < 0.27:
        return e.replace('@', '＠')
    return e


def write_url(rng, url):
    """url is the normalized form (scheme and host lower case); the written one may shout."""
    if rng.random() < 0.25 and '://' in url:
        scheme, rest = url.split('://', 1)
        host, _, path = rest.partition('/')
        host = '.'.join(p.upper() if i == 0 else p.capitalize() if i == 1 else p for i, p in enumerate(host.split('.')))
        return scheme.upper() + '://' + host + ('/' + path if path or rest.endswith('/') else '')
    return url


TICKS = {'☑': '☐', '■': '□', '√': '□', '✓': '□', '[x]': '[ ]', '[√]': '[ ]', '☑ ': '□ '}


def tick_style(rng):
    on = rng.choice(['☑', '☑', '■', '√', '✓', '[x]', '[√]'])
    off = {'☑': rng.choice(['☐', '□']), '■': '□', '√': '□', '✓': '□', '[x]': '[ ]', '[√]': '[ ]'}[on]
    return on, off


def write_int_simple(rng, n, unit):
    """A small count in a table of the form (faculty, staff, classrooms)."""
    return write_count(rng, n, unit, label_has_unit=False, cn=n < 100, wan=False)


def date_between(rng, a, b):
    span = (b - a).days
    return a + datetime.timedelta(days=rng.randint(0, max(0, span)))
